/**
 * The confirmation round: a scheduled round that failed is probed once more, CONFIRMATION_DELAY_MS
 * after it started, so a real outage fails two consecutive 30-second periods of the outage alarm.
 * End to end through invokeLocally (delay shortened by CONFIRMATION_DELAY_MS so nothing waits 30 s),
 * and the production delay with an injected clock.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { referenceTargetConfig } from '../../lambdas/core/config';
import { createDeadline } from '../../lambdas/core/deadline';
import type { ProbeResult } from '../../lambdas/core/types';
import type { ProbeOptions, ProbeRound } from '../../lambdas/probe/probe-target';
import type { RoundPorts } from '../../lambdas/round/ports';
import { NO_SINK } from '../../lambdas/round/sinks';
import { confirmFailures } from '../../lambdas/runtime/rounds';
import { ENV_KEYS, readRuntimeEnv } from '../../lambdas/runtime/env';
import { CONFIRMATION_DELAY_MS, MIN_CONFIRMATION_BUDGET_MS } from '../../lambdas/runtime/round-deadline';
import { startTarget, type RunningTarget } from '../../target/index';
import { invokeLocally } from '../../cli/commands/invoke';
import { startFakeCloudWatch, type FakeCloudWatch } from '../publish/fake-cloudwatch';
import { fakeAwsEnv } from './fake-aws';
import { captureOutput, chromiumDescendants, deadOrigin, logItems, quickTarget } from './helpers';

/** Short enough for a test, long enough to be told apart from "at once". */
const TEST_DELAY_MS = 1_500;

let target: RunningTarget;
let cloudwatch: FakeCloudWatch;
let env: Record<string, string>;

beforeAll(async () => {
  [target, cloudwatch] = await Promise.all([startTarget(), startFakeCloudWatch()]);
  env = fakeAwsEnv(
    { cloudwatch: cloudwatch.url },
    { AWS_REGION: 'eu-west-1', LOCATION: 'eu-west-1', ARTIFACTS_BUCKET: '', [ENV_KEYS.confirmationDelayMs]: String(TEST_DELAY_MS) },
  );
});

afterAll(async () => {
  await Promise.all([target?.close(), cloudwatch?.close()]);
});

function datumsSince(from: number) {
  return cloudwatch.requests.slice(from).flatMap((request) => request.body.MetricData);
}

describe('confirmation round (handler, end to end)', () => {
  // No Chromium may outlive an invocation (Lambda freezes the container): each test checks its own.
  afterEach(() => {
    expect(chromiumDescendants()).toEqual([]);
  });

  it('confirms a failed scheduled round once, one delay after it started, and publishes both', async () => {
    // Prepare
    const origin = await deadOrigin();
    const before = cloudwatch.requests.length;
    // Act
    const { value: outcome, output } = await captureOutput(() =>
      invokeLocally({ targets: [quickTarget(origin, 'down')], mode: 'scheduled' }, { timeoutS: 60, env }),
    );
    // Assess
    const [first, confirmation] = outcome.summary.results;
    expect(outcome.summary.results).toHaveLength(2);
    expect(outcome.summary.ok).toBe(false);
    expect(first).toMatchObject({ target: 'down', status: 'fail', retried: true });
    expect(first?.confirmation).toBeUndefined();
    expect(confirmation).toMatchObject({ target: 'down', status: 'fail', retried: false, confirmation: true, coldStart: false });
    expect(confirmation?.failure?.kind).toBe('connect');
    expect(Date.parse(confirmation?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(first?.startedAt ?? '') + TEST_DELAY_MS);
    const datums = datumsSince(before);
    expect(datums.length).toBe((first?.publish?.datums ?? 0) + (confirmation?.publish?.datums ?? 0));
    const availability = datums.filter((d) => d.MetricName === 'Availability');
    // Both rounds per target and per browser, each at its own round's start, all high resolution; the Location
    // roll-up only for the scheduled round (the monitor-blind alarm counts scheduled rounds against the pairs).
    const sets = (round: typeof first, dimensionCounts: number[]) =>
      dimensionCounts.map((dims) => [0, dims, Date.parse(round?.startedAt ?? '') / 1000, 1]);
    expect(availability.map((d) => [d.Value, d.Dimensions?.length, d.Timestamp, d.StorageResolution]).sort()).toEqual(
      [...sets(first, [1, 2, 3]), ...sets(confirmation, [2, 3])].sort(),
    );
    const rounds = logItems(output).filter((item) => item.message === 'probe round');
    expect(rounds.map((r) => [r.status, r.confirmation])).toEqual([
      ['fail', false],
      ['fail', true],
    ]);
  });

  it('runs no confirmation in smoke mode: the gate wants its verdict at once', async () => {
    const origin = await deadOrigin();
    const outcome = await invokeLocally({ targets: [quickTarget(origin, 'smoke-down')], mode: 'smoke' }, { timeoutS: 60, env });
    expect(outcome.summary.results.map((r) => [r.target, r.status, r.confirmation])).toEqual([['smoke-down', 'fail', undefined]]);
  });

  it('runs no confirmation for a target that passed', async () => {
    const outcome = await invokeLocally({ targets: [quickTarget(target.origin, 'healthy')] }, { timeoutS: 60, env });
    expect(outcome.summary.results).toHaveLength(1);
    expect(['pass', 'degraded']).toContain(outcome.summary.results[0]?.status);
    expect(outcome.summary.results[0]?.confirmation).toBeUndefined();
  });

  it('skips the confirmation, says so in the log and still returns in time when the deadline is too short', async () => {
    // Prepare: 8 s of function time leave a 4.5 s deadline, far less than a 10 s wait.
    const origin = await deadOrigin();
    const shortEnv = { ...env, [ENV_KEYS.confirmationDelayMs]: '10000' };
    // Act
    const { value: outcome, output } = await captureOutput(() =>
      invokeLocally({ targets: [quickTarget(origin, 'short')] }, { timeoutS: 8, env: shortEnv }),
    );
    // Assess
    // judged on the context's own countdown: the clock the handler plans its deadline by
    expect(outcome.exceededTimeout).toBe(false);
    expect(outcome.summary.results.map((r) => [r.status, r.confirmation])).toEqual([['fail', undefined]]);
    const skipped = logItems(output).find((item) => item.message === 'confirmation round skipped');
    expect(skipped).toMatchObject({ level: 'WARN', target: 'short' });
    expect(String(skipped?.reason)).toContain(`less than ${MIN_CONFIRMATION_BUDGET_MS} ms`);
  });
});

describe('confirmation round (timing, injected clock)', () => {
  const crm = referenceTargetConfig('http://127.0.0.1:9', 'crm');

  /** A clock that only moves when the code under test sleeps, and a probe that fails or passes at once. */
  function fixture(status: 'fail' | 'pass', startMs = Date.parse('2026-11-27T21:00:05.000Z')) {
    let clock = startMs;
    const now = () => clock;
    const sleep = vi.fn(async (ms: number) => {
      clock += ms;
    });
    const probe = vi.fn(async (_target: unknown, options: ProbeOptions): Promise<ProbeRound> => {
      const result: ProbeResult = {
        runId: 'r',
        target: 'crm',
        location: 'eu-west-1',
        startedAt: new Date(clock).toISOString(),
        durationMs: 1_000,
        status,
        failure: status === 'fail' ? { kind: 'connect', step: 'login_page', message: 'refused' } : null,
        degraded: [],
        retried: status === 'fail' && (options.retries ?? 0) > 0,
        steps: [],
        loginPage: null,
        systemCheck: null,
        browser: null,
        artifacts: [],
      };
      clock += 1_000;
      return { result, artifacts: [] };
    });
    const logger = { warn: vi.fn() };
    const ports: RoundPorts = {
      probe,
      sink: NO_SINK,
      artifacts: { store: async () => ({ refs: [], errors: [] }) },
      clock: { now },
      credentials: { forTarget: async () => undefined },
    };
    const base = { targets: [crm], location: 'eu-west-1', runId: 'r', coldStart: false, ports, sleep, logger };
    return { base, probe, sleep, logger, now };
  }

  it('defaults to 30 s, the outage alarm period, and rejects a nonsense override', () => {
    expect(CONFIRMATION_DELAY_MS).toBe(30_000);
    expect(readRuntimeEnv({ AWS_REGION: 'eu-west-1' }).confirmationDelayMs).toBe(CONFIRMATION_DELAY_MS);
    expect(() => readRuntimeEnv({ [ENV_KEYS.confirmationDelayMs]: '-5' })).toThrow(
      /CONFIRMATION_DELAY_MS must be a whole number from 0 to 60000 ms, got "-5"/,
    );
  });

  it('starts the confirmation exactly 30 s after the failed round started, without a retry', async () => {
    // Prepare
    const { base, probe, sleep, now } = fixture('fail');
    const first = (await probe(crm, { location: 'eu-west-1', retries: 1 })).result;
    // Act
    const results = await confirmFailures([first], { ...base, deadline: createDeadline(40_000, now), delayMs: CONFIRMATION_DELAY_MS });
    // Assess
    expect(results).toHaveLength(2);
    expect(Date.parse(results[1]?.startedAt ?? '')).toBe(Date.parse(first.startedAt) + 30_000);
    expect(results[1]).toMatchObject({ confirmation: true, retried: false, status: 'fail' });
    expect(sleep).toHaveBeenCalledWith(29_000);
    expect(probe.mock.calls[1]?.[1]).toMatchObject({ retries: 0, coldStart: false });
  });

  it('starts at once when that moment has already passed', async () => {
    const { base, probe, sleep, now } = fixture('fail');
    const first = (await probe(crm, { location: 'eu-west-1' })).result;
    await sleep(31_000);
    const results = await confirmFailures([first], { ...base, deadline: createDeadline(20_000, now), delayMs: CONFIRMATION_DELAY_MS });
    expect(results.map((r) => r.confirmation)).toEqual([undefined, true]);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('confirms nothing that passed, and skips without waiting when the deadline ends first', async () => {
    const passing = fixture('pass');
    const passed = (await passing.probe(crm, { location: 'eu-west-1' })).result;
    const same = await confirmFailures([passed], {
      ...passing.base,
      deadline: createDeadline(40_000, passing.now),
      delayMs: CONFIRMATION_DELAY_MS,
    });
    expect(same).toEqual([passed]);

    const failing = fixture('fail');
    const failed = (await failing.probe(crm, { location: 'eu-west-1' })).result;
    const skipped = await confirmFailures([failed], {
      ...failing.base,
      deadline: createDeadline(25_000, failing.now),
      delayMs: CONFIRMATION_DELAY_MS,
    });
    expect(skipped).toEqual([failed]);
    expect(failing.sleep).not.toHaveBeenCalled();
    expect(failing.logger.warn).toHaveBeenCalledWith(
      'confirmation round skipped',
      expect.objectContaining({ target: 'crm', waitMs: 29_000 }),
    );
  });
});
