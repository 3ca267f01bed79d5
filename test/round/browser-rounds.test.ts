/**
 * One round per target and browser, planned once (lambdas/round/pairs.ts) for the Lambda handler and
 * the command line alike; a confirmation round repeats the browser that failed.
 */
import { describe, expect, it, vi } from 'vitest';
import { createDeadline } from '../../lambdas/core/deadline';
import type { TargetConfig } from '../../lambdas/core/config/types';
import type { ProbeResult } from '../../lambdas/core/types';
import type { ProbeOptions } from '../../lambdas/probe/probe-target';
import { targetsInBrowsers } from '../../lambdas/round/pairs';
import { confirmFailures, probeTargets } from '../../lambdas/runtime/rounds';
import { runLocalRounds } from '../../cli/rounds';
import { passingResult } from '../publish/probe-results';
import { fakePorts, TARGET } from './fakes';

const EVERY_BROWSER: TargetConfig = { ...TARGET, name: 'crm', browsers: ['chromium', 'firefox', 'edge'] };
const DEFAULT_ONLY: TargetConfig = { ...TARGET, name: 'staging', browsers: ['chromium'] };

/** An engine whose Firefox rounds fail and whose other rounds pass, each result naming its browser. */
function engine() {
  return vi.fn(async (target: TargetConfig, options: ProbeOptions) => {
    const browser = options.browser ?? 'chromium';
    const failed = browser === 'firefox';
    const result: ProbeResult = {
      ...passingResult,
      target: target.name,
      location: options.location,
      status: failed ? 'fail' : 'pass',
      failure: failed ? { kind: 'browser_unsupported', step: 'system_check', message: 'Ihr Browser wird nicht unterstützt.' } : null,
      browser: { name: browser, engine: browser === 'firefox' ? 'gecko' : 'chromium', version: '1.0', userAgent: 'test' },
    };
    return { result, artifacts: [] };
  });
}

describe('rounds per target and browser', () => {
  it('pairs every target with each of its browsers, in config order', () => {
    // Act
    const pairs = targetsInBrowsers([EVERY_BROWSER, DEFAULT_ONLY]);
    // Assess
    expect(pairs.map(({ target, browser }) => `${target.name}/${browser}`)).toEqual([
      'crm/chromium',
      'crm/firefox',
      'crm/edge',
      'staging/chromium',
    ]);
  });

  it('runs each pair once in Lambda and confirms only the failed one, in its own browser', async () => {
    // Prepare
    const probe = engine();
    const { ports } = fakePorts({ probe });
    const options = {
      targets: [EVERY_BROWSER, DEFAULT_ONLY],
      location: 'eu-west-1',
      runId: 'run-1',
      coldStart: true,
      deadline: createDeadline(600_000),
      ports,
    };
    // Act
    const first = await probeTargets(options);
    const all = await confirmFailures(first, { ...options, delayMs: 0, logger: { warn: vi.fn() }, sleep: async () => undefined });
    // Assess
    expect(probe.mock.calls.map(([target, o]) => [target.name, o.browser, o.coldStart ?? false])).toEqual([
      ['crm', 'chromium', true],
      ['crm', 'firefox', false],
      ['crm', 'edge', false],
      ['staging', 'chromium', false],
      ['crm', 'firefox', false],
    ]);
    expect(all.map((r) => [r.target, r.browser?.name, r.status, r.confirmation ?? false])).toEqual([
      ['crm', 'chromium', 'pass', false],
      ['crm', 'firefox', 'fail', false],
      ['crm', 'edge', 'pass', false],
      ['staging', 'chromium', 'pass', false],
      ['crm', 'firefox', 'fail', true],
    ]);
  });

  it('runs each pair once on the command line, and a round that cannot start still names its browser', async () => {
    // Prepare: the Firefox round's engine breaks (as a missing Firefox would, one level further down)
    const probe = engine();
    probe.mockImplementation(async (target, options) => {
      if (options.browser === 'firefox') throw new Error('Firefox not found at /nonexistent; install firefox-esr');
      return engine()(target, options);
    });
    const { ports } = fakePorts();
    // Act
    const outcomes = await runLocalRounds([EVERY_BROWSER], {
      runId: 'run-2',
      retries: 0,
      sink: ports.sink,
      probe,
      credentials: ports.credentials,
    });
    // Assess
    expect(outcomes.map(({ result }) => [result.browser?.name, result.status, result.failure?.kind ?? null])).toEqual([
      ['chromium', 'pass', null],
      ['firefox', 'error', 'probe_error'],
      ['edge', 'pass', null],
    ]);
    expect(outcomes[1]?.result.browser).toEqual({ name: 'firefox', engine: 'gecko', version: null, userAgent: null });
  });
});
