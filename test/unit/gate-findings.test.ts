/**
 * The gate's findings as a CI log and the JUnit report read them: each finding names its target,
 * location, check and severity, and the summary counts in words. Found by mutation testing
 * lambdas/core/gate/verdict.ts (a degraded round without a reason, a PASS line without figures, a
 * finding's fields and the plural of regressions were never checked).
 */
import { describe, expect, it } from 'vitest';
import { baselineEntryOf, compareWithBaseline } from '../../lambdas/core/gate/baseline';
import { EXIT_CODES } from '../../lambdas/core/exit-codes';
import { gateVerdict } from '../../lambdas/core/gate/verdict';
import type { ProbeResult } from '../../lambdas/core/types';
import { bandwidthDegradedResult, distribution, passingResult } from '../smoke/probe-result-fixture';

/** A passing round of `target` without any measured figure (a check-only round). */
function figurelessResult(target: string): ProbeResult {
  const { websocket: _ws, http: _http, bandwidth: _bw, ...rest } = passingResult({ target, location: 'eu-west-1' });
  return { ...rest, loginPage: null };
}

describe('gateVerdict findings', () => {
  it('says PASS alone for a passing round without figures, on a finding that names target, location and check', () => {
    // Act
    const verdict = gateVerdict([figurelessResult('prod')]);
    // Assess
    expect(verdict.findings).toEqual([
      {
        target: 'prod',
        location: 'eu-west-1',
        check: 'all',
        severity: 'pass',
        blocking: false,
        line: 'prod @ eu-west-1 / all checks: PASS',
      },
    ]);
    expect(verdict.exitCode).toBe(EXIT_CODES.pass);
  });

  it('reports a degraded round that recorded no reason, gating on it only under failOn degraded', () => {
    // Prepare
    const result = passingResult({ status: 'degraded', degraded: [] });
    // Act
    const lenient = gateVerdict([result]);
    const strict = gateVerdict([result], { failOn: 'degraded' });
    // Assess
    expect(lenient.findings).toEqual([
      {
        target: 'reference',
        location: 'local',
        check: 'round',
        severity: 'degraded',
        blocking: false,
        line: 'reference / round: DEGRADED — no reason recorded (not gating; use --fail-on degraded to gate on it)',
      },
    ]);
    expect(lenient.exitCode).toBe(EXIT_CODES.pass);
    expect(strict.findings).toEqual([
      {
        target: 'reference',
        location: 'local',
        check: 'round',
        severity: 'degraded',
        blocking: true,
        line: 'reference / round: DEGRADED — no reason recorded',
      },
    ]);
    expect(strict.exitCode).toBe(EXIT_CODES.targetFailed);
    expect(strict.summary).toBe('Gate FAILED: 1 degraded of 1 round (fail on: degraded)');
  });

  it('gives a degraded reason the severity degraded and the reason as its check', () => {
    // Act
    const verdict = gateVerdict([bandwidthDegradedResult()]);
    // Assess
    expect(verdict.findings.map(({ check, severity, blocking }) => ({ check, severity, blocking }))).toEqual([
      { check: 'bandwidth', severity: 'degraded', blocking: false },
    ]);
  });

  it('makes each baseline regression a blocking finding of severity regression on the metric, and counts them in the plural', () => {
    // Prepare: both latencies of the same round regressed
    const before = [baselineEntryOf(passingResult())];
    const now = passingResult({
      websocket: { url: 'ws://x/ws', connectMs: 3, rttMs: distribution(40, 80), jitterMs: 1, sent: 20, lost: 0 },
      http: { url: 'http://x/api/ping', rttMs: distribution(50, 90), failedRequests: 0 },
    });
    const baseline = compareWithBaseline(before, [now]);
    // Act
    const verdict = gateVerdict([now], { baseline });
    // Assess
    const regressions = verdict.findings.filter((finding) => finding.severity === 'regression');
    expect(regressions.map(({ target, location, check, blocking }) => ({ target, location, check, blocking }))).toEqual([
      { target: 'reference', location: 'local', check: 'baseline websocket_rtt_p95', blocking: true },
      { target: 'reference', location: 'local', check: 'baseline http_rtt_p95', blocking: true },
    ]);
    expect(verdict.summary).toBe('Gate FAILED: 1 passed of 1 round; 2 baseline regressions (fail on: fail)');
    expect(verdict.exitCode).toBe(EXIT_CODES.targetFailed);
  });
});
