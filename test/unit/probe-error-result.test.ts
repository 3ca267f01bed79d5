/**
 * The result of a round that could not measure, on an injected clock. Found by mutation testing
 * lambdas/core/probe-error-result.ts, which no unit test ran.
 */
import { describe, expect, it } from 'vitest';
import { probeErrorResult } from '../../lambdas/core/probe-error-result';

/** A clock that returns `times` in turn (the last one from then on). */
function clock(...times: number[]): () => number {
  let index = 0;
  return () => times[Math.min(index++, times.length - 1)] ?? 0;
}

describe('probeErrorResult', () => {
  it('is an error round with a probe_error at launch, timed from its start on the given clock', () => {
    // Act
    const result = probeErrorResult({
      runId: 'run-7',
      target: 'prod',
      location: 'eu-west-1',
      message: 'secret not readable',
      startedAtMs: 1_000,
      now: clock(1_250),
    });
    // Assess
    expect(result).toEqual({
      runId: 'run-7',
      target: 'prod',
      location: 'eu-west-1',
      startedAt: '1970-01-01T00:00:01.000Z',
      durationMs: 250,
      status: 'error',
      failure: { kind: 'probe_error', step: 'launch', message: 'secret not readable' },
      degraded: [],
      retried: false,
      steps: [{ name: 'launch', ok: false, durationMs: 250, failureKind: 'probe_error', message: 'secret not readable' }],
      loginPage: null,
      systemCheck: null,
      browser: null,
      artifacts: [],
    });
    expect('coldStart' in result).toBe(false);
  });

  it('starts at the first reading of the clock when no start is given, names the step that could not run, and keeps coldStart', () => {
    // Act
    const result = probeErrorResult({
      runId: 'r',
      target: 't',
      location: 'local',
      message: 'm',
      step: 'login_page',
      coldStart: false,
      now: clock(5_000, 5_040),
    });
    // Assess
    expect(result.startedAt).toBe('1970-01-01T00:00:05.000Z');
    expect(result.durationMs).toBe(40);
    expect(result.failure).toEqual({ kind: 'probe_error', step: 'login_page', message: 'm' });
    expect(result.steps).toEqual([{ name: 'login_page', ok: false, durationMs: 40, failureKind: 'probe_error', message: 'm' }]);
    expect(result.coldStart).toBe(false);
  });

  it('never reports a negative duration when the clock steps back', () => {
    const result = probeErrorResult({ runId: 'r', target: 't', location: 'local', message: 'm', startedAtMs: 2_000, now: clock(1_500) });
    expect(result.durationMs).toBe(0);
  });

  it('names the browser the round was for, with its engine, and no version or user agent it never saw', () => {
    // Act
    const [firefox, edge] = (['firefox', 'edge'] as const).map((browser) =>
      probeErrorResult({ runId: 'r', target: 't', location: 'local', message: 'm', browser, now: clock(0) }),
    );
    // Assess
    expect(firefox?.browser).toEqual({ name: 'firefox', engine: 'gecko', version: null, userAgent: null });
    expect(edge?.browser).toEqual({ name: 'edge', engine: 'chromium', version: null, userAgent: null });
  });
});
