import { describe, expect, it } from 'vitest';
import { failedVerdict, missingVerdicts, systemCheckFailure, unclearVerdict } from '../../lambdas/core/discovery/system-check-failure';
import type { VerdictReading } from '../../lambdas/core/types';

const pass: VerdictReading = { ok: true, text: 'Ihr Browser wird unterstützt.', outcome: 'pass', source: 'discovered' };
const missing: VerdictReading = { ok: null, text: null, outcome: 'missing', source: 'discovered', selector: null };

describe('systemCheckFailure', () => {
  it('names the first failed verdict in reading order with its own kind, quoting the text', () => {
    // Prepare
    const ws: VerdictReading = {
      ok: false,
      text: 'WebSocket-Verbindung nicht erfolgreich',
      outcome: 'fail',
      reason: '"erfolgreich" is negated by "nicht"',
    };
    const http: VerdictReading = { ok: false, text: 'HTTP connection failed', outcome: 'fail' };
    // Act
    const failure = systemCheckFailure({ browser: pass, websocket: ws, http });
    // Assess
    expect(failure).toEqual({
      kind: 'websocket',
      message: 'System-Check websocket verdict: "WebSocket-Verbindung nicht erfolgreich" ("erfolgreich" is negated by "nicht")',
    });
  });

  it('makes an unclear text a content failure that quotes it, never a pass', () => {
    // Prepare
    const unclear: VerdictReading = { ok: false, text: 'Browser: Chrome 147', outcome: 'unclear', reason: 'says neither pass nor fail' };
    // Act
    const failure = systemCheckFailure({ browser: unclear, websocket: pass, http: pass });
    // Assess
    expect(failure?.kind).toBe('content');
    expect(failure?.message).toContain('"Browser: Chrome 147"');
    expect(unclearVerdict({ browser: pass, websocket: pass, http: pass })).toBeUndefined();
  });

  it('reports the one verdict a page leaves out as missing, saying what was looked for', () => {
    // Act
    const failure = missingVerdicts({ browser: pass, websocket: pass, http: missing });
    // Assess
    expect(failure).toEqual({
      kind: 'content',
      message: 'System-Check shows no http verdict: looked for an element whose text names HTTP and says how its check went',
    });
  });

  it('names a configured selector that matched nothing, and sums up a page without any verdict', () => {
    // Prepare
    const pinned: VerdictReading = { ...missing, source: 'configured', selector: '#check-http' };
    // Act
    const one = missingVerdicts({ browser: pass, websocket: pass, http: pinned });
    const none = missingVerdicts({ browser: missing, websocket: missing, http: missing });
    // Assess
    expect(one?.message).toMatch(/no element matches the configured selector #check-http/);
    expect(none?.message).toMatch(/^no System-Check verdicts found: looked for elements whose text names the browser, the WebSocket, HTTP/);
  });

  it('finds nothing wrong with three passes, and a failed verdict wins over a missing one', () => {
    // Act / Assess
    expect(systemCheckFailure({ browser: pass, websocket: pass, http: pass })).toBeUndefined();
    const failed: VerdictReading = { ok: false, text: 'Browser not supported', outcome: 'fail' };
    expect(systemCheckFailure({ browser: failed, websocket: missing, http: missing })?.kind).toBe('browser_unsupported');
    expect(failedVerdict({ browser: pass, websocket: { ok: false, text: 'x' }, http: pass })?.kind).toBe('websocket');
  });

  it('quotes a failed verdict exactly: no reason when none was given, an empty text when none was read', () => {
    // Prepare
    const plain: VerdictReading = { ok: false, text: 'HTTP connection failed', outcome: 'fail' };
    const marked: VerdictReading = { ok: false, text: null, outcome: 'fail', reason: 'it is marked "is-error"' };
    // Act
    const fromText = failedVerdict({ browser: pass, websocket: pass, http: plain });
    const fromMark = failedVerdict({ browser: marked, websocket: pass, http: pass });
    // Assess
    expect(fromText).toEqual({ kind: 'http', message: 'System-Check http verdict: "HTTP connection failed"' });
    expect(fromMark).toEqual({ kind: 'browser_unsupported', message: 'System-Check browser verdict: "" (it is marked "is-error")' });
  });

  it('takes a reading without an outcome by its ok flag: only false is a failure', () => {
    // Prepare
    const passed: VerdictReading = { ok: true, text: 'OK' };
    const unread: VerdictReading = { ok: null, text: null };
    // Act / Assess
    expect(failedVerdict({ browser: passed, websocket: unread, http: passed })).toBeUndefined();
  });

  it('names the configured selector of the first verdict when all three are pinned and missing', () => {
    // Prepare
    const pinned = (selector: string): VerdictReading => ({ ...missing, source: 'configured', selector });
    // Act
    const failure = missingVerdicts({ browser: pinned('#b'), websocket: pinned('#w'), http: pinned('#h') });
    // Assess
    expect(failure).toEqual({
      kind: 'content',
      message: 'System-Check shows no browser verdict: no element matches the configured selector #b',
    });
  });

  it('sums up a page without any discovered verdict as one content failure', () => {
    // Act
    const failure = missingVerdicts({ browser: missing, websocket: missing, http: missing });
    // Assess
    expect(failure).toEqual({
      kind: 'content',
      message:
        'no System-Check verdicts found: looked for elements whose text names the browser, the WebSocket, HTTP and says how the check went',
    });
  });

  it('describes a missing discovered verdict by what was looked for, whatever selector it carries', () => {
    // Prepare
    const discovered: VerdictReading = { ...missing, selector: '#check-ws' };
    // Act
    const failure = missingVerdicts({ browser: pass, websocket: discovered, http: pass });
    // Assess
    expect(failure?.message).toBe(
      'System-Check shows no websocket verdict: looked for an element whose text names the WebSocket and says how its check went',
    );
  });
});
