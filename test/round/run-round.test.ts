/**
 * The one round runner with a fake engine and fake ports: each step (credentials, engine, redaction,
 * evidence, publishing) goes through its port, and every fault of ours becomes a probe_error result.
 */
import { describe, expect, it } from 'vitest';
import { createDeadline } from '../../lambdas/core/deadline';
import { REDACTED } from '../../lambdas/core/redact';
import { ENGINE_GRACE_MS, MIN_ROUND_BUDGET_MS, runRound } from '../../lambdas/round/run-round';
import { fakePorts, PLANTED, TARGET } from './fakes';

const PLAN = { target: TARGET, location: 'eu-west-1', runId: 'run-1' };

describe('runRound', () => {
  it('runs the engine with the credentials, scrubs the result and the evidence, stores and publishes', async () => {
    // Prepare
    const { ports, published, stored, probe } = fakePorts();
    // Act
    const outcome = await runRound({ ...PLAN, retries: 1, coldStart: true, artifactPrefix: 'confirmation-' }, ports);
    // Assess
    expect(probe.mock.calls[0]?.[1]).toMatchObject({ location: 'eu-west-1', runId: 'run-1', retries: 1, coldStart: true });
    expect(probe.mock.calls[0]?.[1].credentials?.password).toBe(PLANTED);
    expect(outcome.result.failure?.message).toBe(`login rejected for password ${REDACTED}`);
    expect(outcome.result.publish).toEqual({ sink: 'emf', ok: true, datums: 1 });
    expect(published).toHaveLength(1);
    expect(stored[0]?.key).toEqual({ location: 'eu-west-1', target: 'crm', startedAt: outcome.result.startedAt, runId: 'run-1' });
    expect(outcome.artifacts.map((blob) => blob.fileName)).toEqual([
      `confirmation-crm-login-${REDACTED}.html`,
      'confirmation-crm-login.png',
    ]);
    expect(outcome.result.artifacts.map((ref) => ref.key)).toEqual([
      `crm/confirmation-crm-login-${REDACTED}.html`,
      'crm/confirmation-crm-login.png',
    ]);
    const everything = [
      JSON.stringify(published),
      JSON.stringify(outcome.result),
      ...stored[0]!.blobs.map((blob) => blob.body.toString('latin1')),
    ];
    expect(everything.filter((text) => text.includes(PLANTED))).toEqual([]);
  });

  it('records evidence that could not be stored on the result', async () => {
    // Prepare
    const { ports } = fakePorts({ artifacts: { store: async () => ({ refs: [], errors: ['s3://bucket/key: AccessDenied'] }) } });
    // Act
    const { result } = await runRound(PLAN, ports);
    // Assess
    expect(result.artifactErrors).toEqual(['s3://bucket/key: AccessDenied']);
  });

  it('turns unreadable credentials into a probe_error without starting the engine', async () => {
    // Prepare
    const { ports, probe, published } = fakePorts({
      credentials: { forTarget: async () => Promise.reject(new Error('environment variable CRM_PASSWORD is not set')) },
    });
    // Act
    const { result } = await runRound(PLAN, ports);
    // Assess
    expect(result).toMatchObject({
      status: 'error',
      failure: { kind: 'probe_error', step: 'launch', message: 'environment variable CRM_PASSWORD is not set' },
    });
    expect(probe).not.toHaveBeenCalled();
    expect(published.map((published) => published.status)).toEqual(['error']);
  });

  it('turns an engine that throws into a probe_error, the password scrubbed from its message', async () => {
    // Prepare
    const { ports } = fakePorts({ probe: async () => Promise.reject(new Error(`crashed while typing ${PLANTED}`)) });
    // Act
    const { result } = await runRound(PLAN, ports);
    // Assess
    expect(result.failure).toEqual({
      kind: 'probe_error',
      step: 'launch',
      message: `the probe engine failed: crashed while typing ${REDACTED}`,
    });
  });

  it('stops waiting for an engine that hangs past the deadline and its grace', async () => {
    // Prepare
    const { ports } = fakePorts({ probe: () => new Promise(() => undefined) });
    // a deadline read from a clock that stands still: exactly the minimum budget is left when the
    // round checks it (a real clock moved on a busy machine, and the round refused to start)
    const startedAt = Date.now();
    const deadline = createDeadline(MIN_ROUND_BUDGET_MS, () => startedAt);
    // Act
    const { result } = await runRound({ ...PLAN, deadline }, ports);
    // Assess
    expect(result.failure?.message).toContain(`did not return within the round deadline (+${ENGINE_GRACE_MS} ms)`);
  }, 10_000);

  it('reports a round with less than the minimum budget left as a probe_error, reading no credentials', async () => {
    // Prepare
    let asked = 0;
    const { ports, probe } = fakePorts({ credentials: { forTarget: async () => (asked++, undefined) } });
    // Act
    const { result } = await runRound({ ...PLAN, deadline: createDeadline(MIN_ROUND_BUDGET_MS - 500) }, ports);
    // Assess
    expect(result.failure?.message).toMatch(/at least 2000 ms are needed/);
    expect([asked, probe.mock.calls.length]).toEqual([0, 0]);
  });

  it('marks a confirmation round before it reaches the sink', async () => {
    // Prepare
    const { ports, published } = fakePorts();
    // Act
    await runRound({ ...PLAN, confirmation: true }, ports);
    // Assess
    expect(published[0]?.confirmation).toBe(true);
  });

  it('runs the browser of the plan, Chromium when it names none', async () => {
    // Prepare
    const { ports, probe } = fakePorts();
    // Act
    await runRound(PLAN, ports);
    await runRound({ ...PLAN, browser: 'firefox' }, ports);
    // Assess
    expect(probe.mock.calls.map(([, options]) => options.browser)).toEqual(['chromium', 'firefox']);
  });
});
