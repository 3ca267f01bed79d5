import { describe, expect, it } from 'vitest';
import { compareWithBaseline, baselineEntryOf } from '../../lambdas/core/gate/baseline';
import { EXIT_CODES } from '../../lambdas/core/exit-codes';
import { gateVerdict } from '../../lambdas/core/gate/verdict';
import {
  bandwidthDegradedResult,
  distribution,
  httpStatusFailedResult,
  launchErrorResult,
  passingResult,
  websocketFailedResult,
} from '../smoke/probe-result-fixture';

describe('gateVerdict', () => {
  it('passes healthy rounds with exit 0 and one PASS line per target carrying the key figures', () => {
    // Prepare
    const results = [passingResult(), passingResult({ target: 'prod-eu', location: 'eu-central-1' })];
    // Act
    const verdict = gateVerdict(results);
    // Assess
    expect(verdict.exitCode).toBe(EXIT_CODES.pass);
    expect(verdict.passed).toBe(true);
    expect(verdict.findings.map((finding) => finding.line)).toEqual([
      'reference / all checks: PASS — login TTFB 4.0 ms, WebSocket RTT p95 2.0 ms, HTTP RTT p95 3.0 ms, download 400 Mbit/s, upload 300 Mbit/s',
      'prod-eu @ eu-central-1 / all checks: PASS — login TTFB 4.0 ms, WebSocket RTT p95 2.0 ms, HTTP RTT p95 3.0 ms, download 400 Mbit/s, upload 300 Mbit/s',
    ]);
    expect(verdict.summary).toBe('Gate PASSED: 2 passed of 2 rounds (fail on: fail)');
  });

  it('fails with exit 1 and names the check, the kind and the figures', () => {
    // Prepare
    const results = [websocketFailedResult({ target: 'prod-eu' }), httpStatusFailedResult()];
    // Act
    const verdict = gateVerdict(results);
    // Assess
    expect(verdict.exitCode).toBe(EXIT_CODES.targetFailed);
    expect(verdict.findings.map((finding) => finding.line)).toEqual([
      'prod-eu / websocket: FAIL websocket — 20/20 messages lost; no echo within 2000 ms',
      'reference / login_page: FAIL http_status — login page answered HTTP 500',
    ]);
    expect(verdict.summary).toBe('Gate FAILED: 2 failed of 2 rounds (fail on: fail)');
  });

  it('lets degraded rounds pass by default and fails them with failOn degraded', () => {
    // Prepare
    const results = [bandwidthDegradedResult()];
    // Act
    const lenient = gateVerdict(results);
    const strict = gateVerdict(results, { failOn: 'degraded' });
    // Assess
    expect(lenient.exitCode).toBe(EXIT_CODES.pass);
    expect(lenient.findings[0]?.line).toBe(
      'reference / bandwidth: DEGRADED bandwidth — download 3.9 Mbit/s < 16 Mbit/s required (not gating; use --fail-on degraded to gate on it)',
    );
    expect(lenient.summary).toBe('Gate PASSED: 1 degraded of 1 round (fail on: fail)');
    expect(strict.exitCode).toBe(EXIT_CODES.targetFailed);
    expect(strict.findings[0]?.line).toBe('reference / bandwidth: DEGRADED bandwidth — download 3.9 Mbit/s < 16 Mbit/s required');
    expect(strict.findings[0]?.blocking).toBe(true);
  });

  it('names the configured limit of a latency that degraded a round', () => {
    // Prepare
    const result = passingResult({
      status: 'degraded',
      degraded: ['websocket_latency'],
      websocket: { url: 'ws://x/ws', sent: 20, lost: 0, rttMs: distribution(200, 312) },
    });
    // Act
    const verdict = gateVerdict([result], { failOn: 'degraded', thresholdsOf: () => ({ websocketRttP95Ms: 250 }) });
    // Assess
    expect(verdict.findings[0]?.line).toBe(
      'reference / websocket_latency: DEGRADED websocket_latency — WebSocket RTT p95 312 ms > 250 ms allowed',
    );
  });

  it('reports a probe error as exit 3, "could not measure", not as the target failing', () => {
    // Prepare
    const results = [launchErrorResult(), passingResult({ target: 'other' })];
    // Act
    const verdict = gateVerdict(results);
    // Assess
    expect(verdict.exitCode).toBe(EXIT_CODES.probeError);
    expect(verdict.passed).toBe(false);
    expect(verdict.findings[0]?.line).toBe(
      'reference / launch: ERROR probe_error — could not measure: Chromium would not start (executable /nonexistent): spawn ENOENT',
    );
    expect(verdict.summary).toBe(
      'Gate could not measure (probe error, not a verdict on the target): 1 could not be measured, 1 passed of 2 rounds (fail on: fail)',
    );
  });

  it('gives a real failure precedence over a probe error (exit 1)', () => {
    // Prepare
    const results = [launchErrorResult({ location: 'eu-west-1' }), websocketFailedResult({ location: 'eu-central-1' })];
    // Act
    const verdict = gateVerdict(results);
    // Assess
    expect(verdict.exitCode).toBe(EXIT_CODES.targetFailed);
    expect(verdict.counts).toEqual({ pass: 0, degraded: 0, fail: 1, error: 1, regressions: 0 });
  });

  it('treats no result at all as "could not measure"', () => {
    // Act
    const verdict = gateVerdict([]);
    // Assess
    expect(verdict.exitCode).toBe(EXIT_CODES.probeError);
    expect(verdict.summary).toBe('Gate could not measure: no result arrived');
  });

  it('fails on a baseline regression even when every round passed', () => {
    // Prepare
    const before = [baselineEntryOf(passingResult())];
    const now = passingResult({ http: { url: 'http://x/api/ping', rttMs: distribution(50, 90), failedRequests: 0 } });
    const baseline = compareWithBaseline(before, [now]);
    // Act
    const verdict = gateVerdict([now], { baseline });
    // Assess
    expect(verdict.exitCode).toBe(EXIT_CODES.targetFailed);
    expect(verdict.counts.regressions).toBe(1);
    expect(verdict.summary).toBe('Gate FAILED: 1 passed of 1 round; 1 baseline regression (fail on: fail)');
    expect(verdict.findings.at(-1)?.line).toBe(
      'reference / baseline HTTP RTT p95: FAIL regression — 3.0 ms → 90 ms (+2900 %, +87 ms; allowed +50 % or +20 ms)',
    );
  });

  it('keeps every reason on one line even when the page text has newlines', () => {
    // Prepare
    const result = websocketFailedResult({ failure: { kind: 'websocket', step: 'websocket', message: 'line one\nline two' } });
    const steps = result.steps.map((step) => (step.name === 'websocket' ? { ...step, message: undefined } : step));
    // Act
    const verdict = gateVerdict([{ ...result, steps }]);
    // Assess
    expect(verdict.findings[0]?.line).toBe('reference / websocket: FAIL websocket — 20/20 messages lost; line one line two');
  });

  it('quotes the System-Check verdict text once, from the page when the engine message lacks it', () => {
    // Prepare
    const refused = 'WebSocket-Verbindung konnte nicht aufgebaut werden.';
    const steps = passingResult().steps.map((step) =>
      step.name === 'system_check'
        ? { ...step, ok: false, failureKind: 'websocket' as const, message: 'System-Check WebSocket verdict is not OK' }
        : step,
    );
    const result = passingResult({
      status: 'fail',
      failure: { kind: 'websocket', step: 'system_check', message: 'System-Check WebSocket verdict is not OK' },
      steps,
      systemCheck: { ...passingResult().systemCheck!, websocket: { ok: false, text: refused } },
    });
    const quoting = {
      ...result,
      steps: steps.map((step) => (step.name === 'system_check' ? { ...step, message: `verdict: "${refused}"` } : step)),
    };
    // Act
    const lines = [gateVerdict([result]), gateVerdict([quoting])].map((verdict) => verdict.findings[0]?.line);
    // Assess
    expect(lines).toEqual([
      `reference / system_check: FAIL websocket — System-Check says "${refused}"; System-Check WebSocket verdict is not OK`,
      `reference / system_check: FAIL websocket — verdict: "${refused}"`,
    ]);
  });
});
