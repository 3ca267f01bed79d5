/**
 * The console output of `run`: one progress line per step while a round runs, then a table per
 * target and a summary line. Pure string building; the CLI decides where it goes.
 */
import type { ProbeResult } from '../../lambdas/core/types';
import { browserOf, browserSuffix } from '../../lambdas/core/gate/lines';
import type { ProgressEvent } from '../../lambdas/probe/round-recorder';
import { DEMO_LABEL, ms, statusLabel, stepDetail } from './format';

/** One progress line, or undefined for events not worth a line. */
export function formatProgress(event: ProgressEvent): string | undefined {
  const retry = event.attempt > 1 ? ` (retry ${event.attempt - 1})` : '';
  const who = `[${event.target}]${browserSuffix(event)}`;
  if (event.type === 'round_start') return `${who} round started${retry}`;
  if (event.type === 'round_end') return `${who} round finished: ${event.message ?? ''}${retry}`;
  if (event.type === 'step_end') {
    const verdict = event.ok ? 'ok' : 'FAIL';
    const why = event.ok || !event.message ? '' : ` — ${event.message}`;
    return `${who}   ${event.step ?? ''} ${verdict} (${ms(event.durationMs)})${why}`;
  }
  return undefined;
}

/** Widest line the console report prints: a CI log or a laptop terminal shows it unbroken. */
export const MAX_LINE_CHARS = 120;
/** Longest verdict text quoted on the console; the full text is in report.json and report.html. */
const MAX_QUOTE_CHARS = 90;

/** How a summary line names what was probed. */
export interface SummaryOptions {
  /** The bundled reference target was probed: every summary line says so. */
  readonly demo?: boolean;
}

/** The table of one result: header line, one row per step, failure and artifacts below. */
export function formatResultTable(result: ProbeResult, options: SummaryOptions = {}): string {
  const retried = result.retried ? ' (after a retry)' : '';
  const lines = [
    `${result.target} @ ${result.location}${browserSuffix(result)}${demoNote(options)}: ${statusLabel(result)} in ${ms(result.durationMs)}${retried}`,
  ];
  const rows = result.steps.map((step) => [step.name, step.ok ? 'ok' : 'FAIL', ms(step.durationMs), stepDetail(result, step)]);
  const header = ['step', 'ok', 'duration', 'details'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const indent = 2 + widths.slice(0, -1).reduce((sum, width) => sum + width + 2, 0);
  const render = (cells: string[]): string[] => {
    const lead = `  ${cells
      .slice(0, -1)
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')}  `;
    return wrap(cells[cells.length - 1] ?? '', MAX_LINE_CHARS - indent).map((part, index) =>
      `${index === 0 ? lead : ' '.repeat(indent)}${part}`.trimEnd(),
    );
  };
  lines.push(...render(header), ...render(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) lines.push(...render(row));
  lines.push(...systemCheckTexts(result));
  const pieces = pieceSources(result);
  if (pieces) lines.push(...hanging(pieces, 4));
  if (result.failure) lines.push(...hanging(`  failure: ${result.failure.kind} at ${result.failure.step}: ${result.failure.message}`, 4));
  for (const artifact of result.artifacts) lines.push(`  artifact: ${artifact.path ?? artifact.key ?? ''} (${artifact.bytes} bytes)`);
  for (const withheld of result.withheldArtifacts ?? []) lines.push(`  ${withheld.kind} withheld: ${withheld.reason}`);
  return lines.join('\n');
}

function systemCheckTexts(result: ProbeResult): string[] {
  const s = result.systemCheck;
  if (!s) return [];
  const quote = (text: string | null): string => (text === null ? '–' : `"${clip(text, MAX_QUOTE_CHARS)}"`);
  return [
    '  System-Check says:',
    `    browser    ${quote(s.browser.text)}`,
    `    websocket  ${quote(s.websocket.text)}`,
    `    http       ${quote(s.http.text)}`,
  ];
}

/**
 * Splits `text` into lines of at most `width` characters, preferring the ` · ` between figures, then
 * a space; a word longer than the line (a URL) is cut.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const window = rest.slice(0, width + 1);
    const dot = window.lastIndexOf(' · ');
    const space = window.lastIndexOf(' ');
    const cut = dot > width / 3 ? dot : space > 0 ? space : width;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^ · | /, '');
  }
  lines.push(rest);
  return lines;
}

/** `line` wrapped to MAX_LINE_CHARS, continuation lines indented by `indent` spaces. */
function hanging(line: string, indent: number): string[] {
  const [first = '', ...more] = wrap(line, MAX_LINE_CHARS);
  if (more.length === 0) return [first];
  return [first, ...wrap(more.join(' '), MAX_LINE_CHARS - indent).map((part) => `${' '.repeat(indent)}${part}`)];
}

/** ` (demo target)` on a demo run's summary lines, else nothing. */
export function demoNote(options: SummaryOptions): string {
  return options.demo ? ` (${DEMO_LABEL})` : '';
}

/** Which pieces of the journey were configured and which discovered, and what was measured where. */
export function pieceSources(result: ProbeResult): string | undefined {
  const check = result.systemCheck;
  const parts: string[] = [];
  const form = result.loginPage?.loginForm;
  if (form) parts.push(`login form ${form.source}`);
  if (check?.link) parts.push(`link ${check.link.source} (${check.link.opens ?? 'not followed'})`);
  const verdicts = check ? [check.browser, check.websocket, check.http].map((reading) => reading.source) : [];
  const sources = [...new Set(verdicts.filter((source) => source !== undefined))];
  if (sources.length > 0) parts.push(`verdicts ${sources.join('/')}`);
  if (result.websocket?.source) {
    parts.push(`WebSocket ${result.websocket.source} ${result.websocket.url}${result.websocket.echoes === false ? ' (no echo)' : ''}`);
  }
  if (result.http?.source) parts.push(`HTTP ${result.http.source} ${result.http.url}`);
  return parts.length > 0 ? `  pieces: ${parts.join(' · ')}` : undefined;
}

/**
 * `3 targets: 2 pass, 1 fail`; `1 target (demo target): 1 pass`; with several browsers per target
 * the rounds are counted: `3 rounds (1 target in 3 browsers): 2 pass, 1 fail`.
 */
export function formatSummary(results: readonly ProbeResult[], options: SummaryOptions = {}): string {
  const counts = new Map<string, number>();
  for (const result of results) counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
  const parts = [...counts].map(([status, count]) => `${count} ${status}`);
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  const browsers = new Set(results.map(browserOf)).size;
  const targets = new Set(results.map((result) => result.target)).size;
  const subject =
    browsers > 1
      ? `${plural(results.length, 'round')} (${plural(targets, 'target')} in ${plural(browsers, 'browser')})`
      : plural(results.length, 'target');
  return `${subject}${demoNote(options)}: ${parts.join(', ')}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
