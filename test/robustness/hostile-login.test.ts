/**
 * Hostile and broken login pages and networks through the engine (real Chromium, the reference
 * target in its own process on 127.0.0.1): every round ends within its deadline with the right
 * failure kind, bounded memory, and no Chromium process left behind. docs/security.md has the table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailureKind, StepName } from '../../lambdas/core/types';
import { closedPort } from '../handler/helpers';
import { expectBounded, observeRound, roundTarget } from './hostile-round';
import { startTargetProcess, type TargetProcess } from './target-process';

let plain: TargetProcess;
let selfSigned: TargetProcess;
let expired: TargetProcess;

beforeAll(async () => {
  [plain, selfSigned, expired] = await Promise.all([
    startTargetProcess(),
    startTargetProcess({ tls: 'self-signed' }),
    startTargetProcess({ tls: 'expired' }),
  ]);
});

afterAll(async () => {
  await Promise.all([plain?.close(), selfSigned?.close(), expired?.close()]);
});

interface FailingCase {
  readonly name: string;
  /** Where to probe and with which faults. */
  readonly setup: () => Promise<{ origin: string; loginUrl?: string }>;
  readonly kind: FailureKind;
  readonly step: StepName;
  readonly roundMs: number;
}

async function onPlain(faults: string[]): Promise<{ origin: string }> {
  await plain.setFaults(faults);
  return { origin: plain.origin };
}

const CASES: readonly FailingCase[] = [
  {
    name: 'a redirect loop on the login page',
    setup: () => onPlain(['redirect-loop']),
    kind: 'http_status',
    step: 'login_page',
    roundMs: 8_000,
  },
  {
    name: 'a login page that streams forever',
    setup: () => onPlain(['stream-forever']),
    kind: 'timeout',
    step: 'login_page',
    roundMs: 8_000,
  },
  {
    name: 'a System-Check page in an endless JavaScript loop',
    setup: () => onPlain(['js-loop']),
    kind: 'timeout',
    step: 'system_check',
    roundMs: 8_000,
  },
  {
    name: 'a self-signed certificate',
    setup: async () => ({ origin: selfSigned.origin }),
    kind: 'tls',
    step: 'login_page',
    roundMs: 8_000,
  },
  {
    name: 'an expired certificate',
    setup: async () => ({ origin: expired.origin }),
    kind: 'tls',
    step: 'login_page',
    roundMs: 8_000,
  },
  {
    name: 'a host name that does not resolve (.invalid, RFC 2606)',
    setup: async () => ({ origin: plain.origin, loginUrl: 'http://autocrm-probe-test.invalid/cgi-bin/xorg/crm.pl' }),
    kind: 'dns',
    step: 'login_page',
    roundMs: 8_000,
  },
  {
    name: 'a port nobody listens on',
    setup: async () => ({ origin: plain.origin, loginUrl: `http://127.0.0.1:${await closedPort()}/cgi-bin/xorg/crm.pl` }),
    kind: 'connect',
    step: 'login_page',
    roundMs: 8_000,
  },
];

describe('hostile login pages and networks', () => {
  it.each(CASES)('$name: $kind at $step within the deadline, bounded, nothing left behind', async ({ setup, kind, step, roundMs }) => {
    // Prepare
    const where = await setup();
    const target = roundTarget(where.origin, { roundMs, measurements: ['websocket'], loginUrl: where.loginUrl });
    // Act
    const observed = await observeRound(target);
    // Assess
    const { result } = observed.round;
    expect(result.status).toBe('fail');
    // A kind other than `timeout` is the proof that the failure came at once, not from a timer.
    expect(result.failure).toMatchObject({ kind, step });
    expectBounded(observed, roundMs);
  });

  it('a 20 MB login page is judged by what it shows, and its evidence is capped', async () => {
    // Prepare: huge, and without the System-Check link, so evidence of the 20 MB page is captured.
    await plain.setFaults(['huge-page', 'no-system-check-link']);
    const target = roundTarget(plain.origin, { roundMs: 8_000 });
    // Act
    const observed = await observeRound(target);
    // Assess
    const { result } = observed.round;
    expect(result.failure).toMatchObject({ kind: 'content', step: 'system_check' });
    expect(result.loginPage?.httpStatus).toBe(200);
    // Evidence is best effort within its own time box; what was captured is capped at 2 MB.
    expect(observed.round.artifacts.length).toBeGreaterThan(0);
    for (const artifact of observed.round.artifacts) expect(artifact.body.length).toBeLessThanOrEqual(2_000_000);
    expectBounded(observed, 8_000);
  });

  it('a 20 MB login page that works passes: page weight is not a failure kind', async () => {
    // Prepare
    await plain.setFaults(['huge-page']);
    const target = roundTarget(plain.origin, { roundMs: 8_000 });
    // Act
    const observed = await observeRound(target);
    // Assess: on loopback it loads in well under navigationMs; over a thin line it would be a timeout.
    expect(['pass', 'degraded']).toContain(observed.round.result.status);
    expectBounded(observed, 8_000);
  });
});
