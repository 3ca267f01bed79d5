/**
 * The measurements' time bounds on a stuck page, with an injected clock instead of a stopwatch: the
 * page never answers (an endless script holds its renderer), and fake timers decide when each bound
 * fires. measure.test.ts runs the same case in real Chromium for the failure kind.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { measureHttp } from '../../lambdas/probe/measure/http';
import { PAGE_GRACE_MS } from '../../lambdas/probe/measure/in-page';

/** A Chromium page whose renderer is stuck: attaching over CDP and every evaluation wait forever. */
function stuckPage(): Page {
  const never = (): Promise<never> => new Promise<never>(() => undefined);
  return {
    url: () => 'http://127.0.0.1:9/cgi-bin/xorg/systemcheck.pl',
    context: () => ({ browser: () => ({ browserType: () => ({ name: () => 'chromium' }) }), newCDPSession: never }),
    evaluate: never,
  } as unknown as Page;
}

/** Settles `promise` as fake time passes; returns what it resolved to once `ms` of fake time passed. */
async function after<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let value: T | undefined;
  void promise.then((resolved) => (value = resolved));
  await vi.advanceTimersByTimeAsync(ms);
  return value;
}

describe('a stuck page, on an injected clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends the HTTP measurement as a timeout at its budget plus the page grace: attaching the observer comes out of the budget', async () => {
    // Prepare
    vi.useFakeTimers();
    const budgetMs = 1_000;
    // Act
    const outcome = await after(measureHttp(stuckPage(), { url: '/api/ping', samples: 3 }, budgetMs), budgetMs + PAGE_GRACE_MS);
    // Assess
    expect(outcome?.failure?.kind).toBe('timeout');
    expect(outcome?.value.rttMs).toBeUndefined();
  });
});
