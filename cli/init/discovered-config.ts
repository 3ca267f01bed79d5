/**
 * What `init` writes: a config file that pins what one discovery round found — the System-Check link,
 * the verdict elements as stable selectors, the page's own WebSocket and HTTP endpoints (only those
 * that answered as they should) — plus, for the table, what was found and what was not. Pure: a
 * ProbeResult in, plain data out. Never credentials: those are env names or a secret id, added by hand.
 */
import { CHECK_NAMES, type CheckName } from '../../lambdas/core/discovery/vocabulary';
import type { ProbeResult, VerdictReading } from '../../lambdas/core/types';

/** One row of init's table: a piece of the page, what was found, and the config key it was written to. */
export interface InitFinding {
  readonly piece: string;
  readonly found: string;
  readonly writtenAs: string;
}

export interface InitInput {
  readonly name: string;
  readonly loginUrl: string;
  readonly browser?: string;
  /** `$schema` of the file: where the JSON Schema is, relative to the file. */
  readonly schema: string;
  /** The discovery round. */
  readonly result: ProbeResult;
}

export interface DiscoveredConfig {
  readonly config: Record<string, unknown>;
  readonly findings: InitFinding[];
  /** What a person should add by hand, one line each. */
  readonly notFound: string[];
}

const NOT_WRITTEN = '(not written)';

function quote(text: string | null | undefined): string {
  if (text === null || text === undefined) return '–';
  return `"${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;
}

function verdictFinding(name: CheckName, reading: VerdictReading | undefined): { finding: InitFinding; selector?: string } {
  const piece = `${name} verdict`;
  if (!reading || reading.outcome === 'missing' || !reading.text) {
    return { finding: { piece, found: 'not found', writtenAs: NOT_WRITTEN } };
  }
  const found = `${quote(reading.text)} → ${reading.outcome ?? (reading.ok ? 'pass' : 'fail')}`;
  if (!reading.selector) return { finding: { piece, found, writtenAs: '(no stable selector; discovered each round)' } };
  return { finding: { piece, found, writtenAs: `systemCheck.verdicts.${name}.selector ${reading.selector}` }, selector: reading.selector };
}

function systemCheckSection(result: ProbeResult, findings: InitFinding[], notFound: string[]): Record<string, unknown> | undefined {
  const check = result.systemCheck;
  const link = check?.link;
  if (link) {
    const opens = link.opens === 'new-tab' ? 'opens a new tab' : link.opens === 'in-place' ? 'runs in place' : 'navigates';
    findings.push({
      piece: 'System-Check link',
      found: `${quote(link.name)} (${opens})`,
      writtenAs: `systemCheck.linkSelector ${link.selector}`,
    });
  } else {
    findings.push({ piece: 'System-Check link', found: 'not found', writtenAs: NOT_WRITTEN });
    notFound.push('no System-Check link: set systemCheck.linkSelector (or systemCheck.link, its text) to the link that opens it');
  }
  const verdicts: Record<string, { selector: string }> = {};
  for (const name of CHECK_NAMES) {
    const { finding, selector } = verdictFinding(name, check?.[name]);
    findings.push(finding);
    if (selector) verdicts[name] = { selector };
    else if (link) notFound.push(`no ${name} verdict: set systemCheck.verdicts.${name}.selector to the element that shows it`);
  }
  if (!link && Object.keys(verdicts).length === 0) return undefined;
  return { ...(link ? { linkSelector: link.selector } : {}), ...(Object.keys(verdicts).length > 0 ? { verdicts } : {}) };
}

function endpointSections(result: ProbeResult, findings: InitFinding[], notFound: string[]): Record<string, unknown> {
  const sections: Record<string, unknown> = {};
  const ws = result.websocket;
  if (ws && ws.echoes !== false && ws.lost === 0 && (ws.rttMs?.samples.length ?? 0) > 0) {
    sections.websocket = { url: ws.url };
    findings.push({ piece: 'WebSocket endpoint', found: `${ws.url} (echoes)`, writtenAs: `websocket.url ${ws.url}` });
  } else if (ws) {
    const why = ws.echoes === false ? 'answers no echo: connect and upgrade times only' : 'did not answer every echo';
    findings.push({ piece: 'WebSocket endpoint', found: `${ws.url} (${why})`, writtenAs: '(not written; discovered each round)' });
  } else {
    findings.push({ piece: 'WebSocket endpoint', found: 'not seen', writtenAs: NOT_WRITTEN });
    notFound.push('no WebSocket endpoint: add websocket.url (an echo endpoint) to measure WebSocket RTT');
  }
  const http = result.http;
  if (http && http.failedRequests === 0 && http.rttMs) {
    sections.http = { url: http.url };
    findings.push({ piece: 'HTTP endpoint', found: http.url, writtenAs: `http.url ${http.url}` });
  } else {
    findings.push({ piece: 'HTTP endpoint', found: http ? `${http.url} (failed)` : 'not seen', writtenAs: NOT_WRITTEN });
    notFound.push('no HTTP endpoint: add http.url (a small no-store endpoint) to measure HTTP RTT');
  }
  return sections;
}

/** The config to write and the table's rows, from a discovery round against `loginUrl`. */
export function discoveredConfig(input: InitInput): DiscoveredConfig {
  const { result } = input;
  const findings: InitFinding[] = [];
  const notFound: string[] = [];
  const form = result.loginPage?.loginForm;
  findings.push({
    piece: 'login form',
    found: form?.found ? `password field ${form.passwordSelector ?? ''}`.trim() : 'not found',
    writtenAs: '(found each round; expectSelectors pins it)',
  });
  const systemCheck = systemCheckSection(result, findings, notFound);
  const endpoints = endpointSections(result, findings, notFound);
  notFound.push('no bandwidth endpoints: add bandwidth.downloadUrl (with {bytes}) and bandwidth.uploadUrl to measure DSL-16000');
  notFound.push('no login step: add credentials.usernameEnv and passwordEnv (CLI) or credentials.secretArn (Lambda) to log in and out');
  const target = {
    name: input.name,
    loginUrl: input.loginUrl,
    ...(input.browser ? { browsers: [input.browser] } : {}),
    ...(systemCheck ? { systemCheck } : {}),
    ...endpoints,
  };
  return { config: { $schema: input.schema, targets: [target] }, findings, notFound };
}

/** The table init prints: piece, what was found, where it went. */
export function formatFindings(findings: readonly InitFinding[]): string {
  const header: InitFinding = { piece: 'piece', found: 'found', writtenAs: 'written as' };
  const rows = [header, ...findings];
  const width = (key: keyof InitFinding): number => Math.max(...rows.map((row) => row[key].length));
  const [piece, found] = [width('piece'), width('found')];
  return rows.map((row) => `  ${row.piece.padEnd(piece)}  ${row.found.padEnd(found)}  ${row.writtenAs}`.trimEnd()).join('\n');
}
