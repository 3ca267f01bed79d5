/**
 * The gate's reason lines word for word: the figure each failure kind and degraded reason quotes,
 * the precision rule of its numbers, and what is said when a figure is missing. Found by mutation
 * testing lambdas/core/gate/lines.ts (most of its branches were run by no unit test).
 */
import { describe, expect, it } from 'vitest';
import { describeDegraded, describeFailure, formatMbps, formatMs, keyFigures, oneLine } from '../../lambdas/core/gate/lines';
import type { Failure, ProbeResult, StepResult } from '../../lambdas/core/types';
import { bandwidthDegradedResult, distribution, httpStatusFailedResult, passingResult } from '../smoke/probe-result-fixture';

/** A failed round whose one failed step is `step` (the round's failure), the other steps as given. */
function failedAt(failure: Failure, overrides: Partial<ProbeResult> = {}, step: Partial<StepResult> = {}): ProbeResult {
  const failedStep: StepResult = {
    name: failure.step,
    ok: false,
    durationMs: 3_182,
    failureKind: failure.kind,
    message: failure.message,
    ...step,
  };
  return passingResult({ status: 'fail', failure, steps: [{ name: 'launch', ok: true, durationMs: 400 }, failedStep], ...overrides });
}

describe('formatMs and formatMbps', () => {
  it('give one decimal below 10 and whole numbers from 10 on', () => {
    expect(formatMs(9.94)).toBe('9.9 ms');
    expect(formatMs(10)).toBe('10 ms');
    expect(formatMs(1234.5)).toBe('1235 ms');
    expect(formatMbps(3.94)).toBe('3.9 Mbit/s');
    expect(formatMbps(10)).toBe('10 Mbit/s');
    expect(formatMbps(16.4)).toBe('16 Mbit/s');
  });
});

describe('oneLine', () => {
  it('collapses every run of whitespace to one space and trims both ends', () => {
    expect(oneLine('  first\n\n\tsecond   third \n')).toBe('first second third');
  });

  it('keeps a text of exactly the limit and cuts a longer one to the limit, ending in an ellipsis', () => {
    expect(oneLine('abcde', 5)).toBe('abcde');
    expect(oneLine('abcdef', 5)).toBe('abcd…');
    expect(oneLine('x'.repeat(301))).toBe(`${'x'.repeat(299)}…`);
  });
});

describe('keyFigures', () => {
  it('lists the headline figures of a healthy round in a fixed order', () => {
    expect(keyFigures(passingResult())).toBe(
      'login TTFB 4.0 ms, WebSocket RTT p95 2.0 ms, HTTP RTT p95 3.0 ms, download 400 Mbit/s, upload 300 Mbit/s',
    );
  });

  it('leaves out each figure that was not measured, whatever part of the result is missing', () => {
    // Prepare: a login page without TTFB, measurements without RTT, bandwidth with one direction
    const partial = passingResult({
      loginPage: { ...passingResult().loginPage!, ttfbMs: undefined },
      websocket: { url: 'ws://127.0.0.1/ws', sent: 3, lost: 3 },
      http: { url: 'http://127.0.0.1/api/ping', failedRequests: 3 },
      bandwidth: { ...passingResult().bandwidth!, uploadMbps: undefined },
    });
    // Act + Assess
    expect(keyFigures(partial)).toBe('download 400 Mbit/s');
    expect(keyFigures({ ...partial, bandwidth: { ...partial.bandwidth!, downloadMbps: undefined, uploadMbps: 0.5 } })).toBe(
      'upload 0.5 Mbit/s',
    );
    expect(keyFigures({ ...httpStatusFailedResult(), loginPage: null })).toBe('');
  });
});

describe('describeFailure', () => {
  it.each([
    [
      'an HTTP status the message lacks',
      failedAt(
        { kind: 'http_status', step: 'login_page', message: 'login page answered' },
        {
          loginPage: { ...passingResult().loginPage!, httpStatus: 500 },
        },
      ),
      undefined,
      'HTTP 500; login page answered',
    ],
    [
      'no HTTP status when none was recorded',
      failedAt(
        { kind: 'http_status', step: 'login_page', message: 'no response' },
        {
          loginPage: { ...passingResult().loginPage!, httpStatus: null },
        },
      ),
      undefined,
      'no response',
    ],
    [
      'no HTTP status without a login page',
      failedAt({ kind: 'http_status', step: 'login_page', message: 'no response' }, { loginPage: null }),
      undefined,
      'no response',
    ],
    [
      'no missing elements without a login page',
      failedAt({ kind: 'content', step: 'login_page', message: 'blank page' }, { loginPage: null }),
      undefined,
      'blank page',
    ],
    ['an HTTP status the message already quotes (said once)', httpStatusFailedResult(), undefined, 'login page answered HTTP 500'],
    [
      'missing login-page elements',
      failedAt(
        { kind: 'content', step: 'login_page', message: 'login form incomplete' },
        { loginPage: { ...passingResult().loginPage!, elementsFound: false, missingElements: ['password field', 'login button'] } },
      ),
      undefined,
      'missing password field, login button; login form incomplete',
    ],
    [
      'a content failure with every element found',
      failedAt({ kind: 'content', step: 'login_page', message: 'page crashed' }),
      undefined,
      'page crashed',
    ],
    [
      'lost echoes and the close code',
      failedAt(
        { kind: 'websocket', step: 'websocket', message: 'socket closed' },
        {
          websocket: { url: 'ws://127.0.0.1/ws', sent: 20, lost: 4, closeCode: 1011 },
        },
      ),
      undefined,
      '4/20 messages lost, closed with code 1011; socket closed',
    ],
    [
      'a socket that sent nothing',
      failedAt(
        { kind: 'websocket', step: 'websocket', message: 'could not be opened' },
        {
          websocket: { url: 'ws://127.0.0.1/ws', sent: 0, lost: 0 },
        },
      ),
      undefined,
      'could not be opened',
    ],
    [
      'no WebSocket measurement at all',
      failedAt({ kind: 'websocket', step: 'websocket', message: 'not run' }, { websocket: undefined }),
      undefined,
      'not run',
    ],
    [
      'failed HTTP requests',
      failedAt(
        { kind: 'http', step: 'http', message: 'HTTP status 503' },
        {
          http: { url: 'http://127.0.0.1/api/ping', failedRequests: 3 },
        },
      ),
      undefined,
      '3 requests failed; HTTP status 503',
    ],
    [
      'an HTTP failure without failed requests',
      failedAt({ kind: 'http', step: 'http', message: 'body too large' }),
      undefined,
      'body too large',
    ],
    [
      'a timeout, with the time the step took',
      failedAt({ kind: 'timeout', step: 'login_page', message: 'did not finish loading' }),
      undefined,
      'gave up after 3182 ms; did not finish loading',
    ],
    [
      'a kind without figures (dns)',
      failedAt({ kind: 'dns', step: 'login_page', message: 'net::ERR_NAME_NOT_RESOLVED' }),
      undefined,
      'net::ERR_NAME_NOT_RESOLVED',
    ],
    [
      'no message and no figure',
      failedAt({ kind: 'dns', step: 'login_page', message: '' }, {}, { message: undefined }),
      undefined,
      'no details recorded',
    ],
  ] as const)('names %s', (_what, result, _unused, detail) => {
    // Act
    const described = describeFailure(result);
    // Assess
    expect(described).toEqual([{ check: result.failure?.step, kind: result.failure?.kind, detail }]);
  });

  it.each([
    ['websocket', 'websocket', 'WebSocket-Verbindung fehlgeschlagen.'],
    ['http', 'http', 'HTTP-Verbindung fehlgeschlagen.'],
    ['browser_unsupported', 'browser', 'Ihr Browser wird nicht unterstützt.'],
  ] as const)('quotes the System-Check verdict a %s failure stands for', (kind, verdict, text) => {
    // Prepare: every verdict has its own text, so the wrong one would show
    const healthy = passingResult().systemCheck!;
    const systemCheck = { ...healthy, [verdict]: { ok: false, text } };
    const result = failedAt({ kind, step: 'system_check', message: 'the page says no' }, { systemCheck });
    // Act
    const [described] = describeFailure(result);
    // Assess
    expect(described?.detail).toBe(`System-Check says "${text}"; the page says no`);
    expect(describeFailure({ ...result, systemCheck: null })[0]?.detail).toBe('the page says no');
  });

  it('quotes a System-Check verdict only for a System-Check step, and only the kinds a verdict stands for', () => {
    // Prepare
    const systemCheck = { ...passingResult().systemCheck!, websocket: { ok: false, text: 'WebSocket kaputt.' } };
    // Act
    const atWebsocketStep = failedAt({ kind: 'websocket', step: 'websocket', message: 'no echo' }, { systemCheck, websocket: undefined });
    const timeoutAtCheck = failedAt({ kind: 'timeout', step: 'system_check', message: 'verdicts pending' }, { systemCheck });
    // Assess
    expect(describeFailure(atWebsocketStep)[0]?.detail).toBe('no echo');
    expect(describeFailure(timeoutAtCheck)[0]?.detail).toBe('gave up after 3182 ms; verdicts pending');
  });

  it("takes the round's failure kind and message for its failed step when the step has none, never for another step", () => {
    // Prepare
    const failure: Failure = { kind: 'timeout', step: 'system_check', message: 'round deadline' };
    const result = passingResult({
      status: 'fail',
      failure,
      steps: [
        { name: 'login_page', ok: false, durationMs: 12 },
        { name: 'system_check', ok: false, durationMs: 2.5 },
      ],
    });
    // Act
    const described = describeFailure(result);
    // Assess
    expect(described).toEqual([
      { check: 'login_page', kind: 'unknown', detail: 'no details recorded' },
      { check: 'system_check', kind: 'timeout', detail: 'gave up after 2.5 ms; round deadline' },
    ]);
  });

  it("adds the round's failure when no recorded step holds it, without the step's figures", () => {
    // Prepare
    const result = passingResult({ status: 'fail', failure: { kind: 'timeout', step: 'login_page', message: 'round deadline exceeded' } });
    // Act + Assess
    expect(describeFailure(result)).toEqual([{ check: 'login_page', kind: 'timeout', detail: 'round deadline exceeded' }]);
  });

  it('says so when a round failed without any failure recorded', () => {
    expect(describeFailure(passingResult({ status: 'error' }))).toEqual([
      { check: 'round', kind: 'unknown', detail: 'the round ended with status error and no failure recorded' },
    ]);
  });
});

describe('describeDegraded', () => {
  it('names each direction below its minimum with both figures; a minimum itself is enough', () => {
    // Prepare
    const thin = bandwidthDegradedResult({
      bandwidth: { ...bandwidthDegradedResult().bandwidth!, downloadMbps: 3.9, uploadMbps: 0.5 },
    });
    const atMinimum = bandwidthDegradedResult({
      bandwidth: { ...bandwidthDegradedResult().bandwidth!, downloadMbps: 16, uploadMbps: 1 },
    });
    // Act + Assess
    expect(describeDegraded(thin, 'bandwidth')).toBe('download 3.9 Mbit/s < 16 Mbit/s required, upload 0.5 Mbit/s < 1.0 Mbit/s required');
    expect(describeDegraded(atMinimum, 'bandwidth')).toBe('below the requirement');
  });

  it('says which bandwidth direction was not measured, and when nothing was', () => {
    // Prepare
    const bandwidth = bandwidthDegradedResult().bandwidth!;
    // Act + Assess
    expect(describeDegraded(passingResult({ bandwidth: { ...bandwidth, downloadMbps: undefined } }), 'bandwidth')).toBe(
      'download not measured',
    );
    expect(describeDegraded(passingResult({ bandwidth: { ...bandwidth, downloadMbps: 20, uploadMbps: undefined } }), 'bandwidth')).toBe(
      'upload not measured',
    );
    expect(describeDegraded(passingResult({ bandwidth: undefined }), 'bandwidth')).toBe('bandwidth not measured');
  });

  it('gives each latency with the limit it crossed, without a limit when none is known, and says when it was not measured', () => {
    // Prepare
    const slow = passingResult({
      websocket: { url: 'ws://127.0.0.1/ws', rttMs: distribution(200, 300), sent: 20, lost: 0 },
      http: { url: 'http://127.0.0.1/api/ping', rttMs: distribution(300, 412.4), failedRequests: 0 },
      loginPage: { ...passingResult().loginPage!, ttfbMs: 950 },
    });
    const limits = { websocketRttP95Ms: 250, httpRttP95Ms: 400, loginTtfbMs: 800 };
    const unmeasured = passingResult({ websocket: { url: 'ws://127.0.0.1/ws', sent: 0, lost: 0 }, http: undefined, loginPage: null });
    // Act + Assess
    expect(describeDegraded(slow, 'websocket_latency', limits)).toBe('WebSocket RTT p95 300 ms > 250 ms allowed');
    expect(describeDegraded(slow, 'http_latency', limits)).toBe('HTTP RTT p95 412 ms > 400 ms allowed');
    expect(describeDegraded(slow, 'page_load', limits)).toBe('login TTFB 950 ms > 800 ms allowed');
    expect(describeDegraded(slow, 'websocket_latency')).toBe('WebSocket RTT p95 300 ms');
    expect(describeDegraded(slow, 'http_latency', {})).toBe('HTTP RTT p95 412 ms');
    expect(describeDegraded(unmeasured, 'websocket_latency', limits)).toBe('WebSocket RTT p95 not measured');
    expect(describeDegraded(unmeasured, 'http_latency', limits)).toBe('HTTP RTT p95 not measured');
    expect(describeDegraded(unmeasured, 'page_load', limits)).toBe('login TTFB not measured');
  });
});

describe('describeFailure and describeDegraded on partial results', () => {
  it("adds the round's failure after another failed step when no recorded step holds it", () => {
    // Prepare: the HTTP step failed on its own; the round's failure is a timeout in a step that was never recorded
    const result = passingResult({
      status: 'fail',
      failure: { kind: 'timeout', step: 'bandwidth', message: 'round deadline exceeded' },
      steps: [
        { name: 'launch', ok: true, durationMs: 400 },
        { name: 'http', ok: false, durationMs: 90, failureKind: 'http', message: '3 of 20 requests failed' },
      ],
    });
    // Act
    const described = describeFailure(result);
    // Assess
    expect(described.map(({ check, kind }) => `${check}: ${kind}`)).toEqual(['http: http', 'bandwidth: timeout']);
  });

  it('says a latency was not measured when the whole measurement is absent or has no round trip, with no limits known', () => {
    // Prepare
    const noWebsocket = passingResult({ websocket: undefined, http: { url: 'http://127.0.0.1/api/ping', failedRequests: 20 } });
    // Act + Assess
    expect(describeDegraded(noWebsocket, 'websocket_latency')).toBe('WebSocket RTT p95 not measured');
    expect(describeDegraded(noWebsocket, 'http_latency')).toBe('HTTP RTT p95 not measured');
  });

  it('gives the HTTP RTT and the login TTFB without a limit when no thresholds are known', () => {
    // Act + Assess
    expect(describeDegraded(passingResult(), 'http_latency')).toBe('HTTP RTT p95 3.0 ms');
    expect(describeDegraded(passingResult(), 'page_load')).toBe('login TTFB 4.0 ms');
  });
});
