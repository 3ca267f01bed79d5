import { describe, expect, it } from 'vitest';
import { discoveredConfig, formatFindings } from '../../cli/init/discovered-config';
import { pieceSources } from '../../cli/report/console';
import { parseConfig } from '../../lambdas/core/config';
import type { ProbeResult } from '../../lambdas/core/types';
import { passingResult } from '../smoke/probe-result-fixture';

const LOGIN_URL = 'http://127.0.0.1:8080/portal/anmelden';

/** A discovery round as the engine reports it against a German table design whose link opens a tab. */
function discoveryRound(overrides: Partial<ProbeResult> = {}): ProbeResult {
  const base = passingResult();
  return passingResult({
    systemCheck: {
      ...base.systemCheck!,
      link: {
        source: 'discovered',
        name: 'Systemcheck',
        href: '/portal/systemcheck',
        selector: 'a[href="/portal/systemcheck"]',
        opens: 'new-tab',
      },
      browser: {
        ok: true,
        text: 'Webbrowser ✓ unterstützt',
        outcome: 'pass',
        source: 'discovered',
        selector: 'tr[data-pruefung="browser"]',
      },
      websocket: {
        ok: true,
        text: 'WebSocket-Verbindung ✓ erfolgreich',
        outcome: 'pass',
        source: 'discovered',
        selector: 'tr:has-text("WebSocket")',
      },
      http: { ok: true, text: 'HTTP-Verbindung ✓ erfolgreich', outcome: 'pass', source: 'discovered', selector: '#check-http' },
    },
    websocket: { ...base.websocket!, url: 'ws://127.0.0.1:8080/sockets/pruefung', source: 'discovered' },
    http: { ...base.http!, url: 'http://127.0.0.1:8080/portal/erreichbarkeit', source: 'discovered' },
    ...overrides,
  });
}

describe('the config init writes', () => {
  it('pins the link, the verdict elements and the endpoints that answered, and validates', () => {
    // Act
    const { config, findings } = discoveredConfig({
      name: 'crm',
      loginUrl: LOGIN_URL,
      schema: './config/synthetics.schema.json',
      result: discoveryRound(),
    });
    // Assess
    expect(config).toEqual({
      $schema: './config/synthetics.schema.json',
      targets: [
        {
          name: 'crm',
          loginUrl: LOGIN_URL,
          systemCheck: {
            linkSelector: 'a[href="/portal/systemcheck"]',
            verdicts: {
              browser: { selector: 'tr[data-pruefung="browser"]' },
              websocket: { selector: 'tr:has-text("WebSocket")' },
              http: { selector: '#check-http' },
            },
          },
          websocket: { url: 'ws://127.0.0.1:8080/sockets/pruefung' },
          http: { url: 'http://127.0.0.1:8080/portal/erreichbarkeit' },
        },
      ],
    });
    expect(() => parseConfig(config)).not.toThrow();
    expect(findings.find((f) => f.piece === 'System-Check link')?.found).toBe('"Systemcheck" (opens a new tab)');
  });

  it('writes no credentials and no bandwidth, and says how to add them', () => {
    // Act
    const { config, notFound } = discoveredConfig({ name: 'crm', loginUrl: LOGIN_URL, schema: 's.json', result: discoveryRound() });
    // Assess
    expect(JSON.stringify(config)).not.toMatch(/credentials|password|bandwidth/);
    expect(notFound).toContain(
      'no bandwidth endpoints: add bandwidth.downloadUrl (with {bytes}) and bandwidth.uploadUrl to measure DSL-16000',
    );
    expect(notFound.some((line) => line.startsWith('no login step: add credentials.usernameEnv and passwordEnv'))).toBe(true);
  });

  it('leaves out a socket that answered no echo and a missing verdict, and says what is missing', () => {
    // Prepare
    const base = discoveryRound();
    const round = discoveryRound({
      systemCheck: { ...base.systemCheck!, http: { ok: null, text: null, outcome: 'missing', source: 'discovered', selector: null } },
      websocket: { url: 'ws://127.0.0.1:8080/live', connectMs: 2, sent: 1, lost: 0, echoes: false, source: 'discovered' },
      http: undefined,
    });
    // Act
    const { config, findings, notFound } = discoveredConfig({
      name: 'crm',
      loginUrl: LOGIN_URL,
      browser: 'firefox',
      schema: 's.json',
      result: round,
    });
    // Assess
    const [target] = (config as { targets: Record<string, unknown>[] }).targets;
    expect(target).toMatchObject({ browsers: ['firefox'] });
    expect(target).not.toHaveProperty('websocket');
    expect(target).not.toHaveProperty('http');
    expect(target?.systemCheck).toEqual({
      linkSelector: 'a[href="/portal/systemcheck"]',
      verdicts: { browser: { selector: 'tr[data-pruefung="browser"]' }, websocket: { selector: 'tr:has-text("WebSocket")' } },
    });
    expect(findings.find((f) => f.piece === 'WebSocket endpoint')?.found).toMatch(/answers no echo/);
    expect(notFound).toContain('no http verdict: set systemCheck.verdicts.http.selector to the element that shows it');
    expect(formatFindings(findings).split('\n')[0]).toMatch(/^ {2}piece +found +written as$/);
  });

  it('writes only the URL when the page has no System-Check link', () => {
    // Act
    const { config, notFound } = discoveredConfig({
      name: 'crm',
      loginUrl: LOGIN_URL,
      schema: 's.json',
      result: discoveryRound({ systemCheck: null, websocket: undefined, http: undefined }),
    });
    // Assess
    expect(config).toEqual({ $schema: 's.json', targets: [{ name: 'crm', loginUrl: LOGIN_URL }] });
    expect(notFound[0]).toMatch(/^no System-Check link/);
  });
});

describe('the console line of pieces', () => {
  it('says per piece whether it was configured or discovered, and which endpoints were measured', () => {
    // Prepare
    const base = discoveryRound();
    const result = discoveryRound({
      loginPage: { ...base.loginPage!, loginForm: { source: 'discovered', found: true, passwordSelector: '#f-kennwort' } },
      websocket: { ...base.websocket!, echoes: false },
      http: { ...base.http!, source: 'configured' },
    });
    // Act
    const line = pieceSources(result);
    // Assess
    expect(line).toBe(
      '  pieces: login form discovered · link discovered (new-tab) · verdicts discovered · WebSocket discovered ws://127.0.0.1:8080/sockets/pruefung (no echo) · HTTP configured http://127.0.0.1:8080/portal/erreichbarkeit',
    );
    expect(pieceSources(passingResult())).toBeUndefined();
  });
});
