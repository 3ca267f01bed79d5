import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeadline, settleWithin } from '../../lambdas/core/deadline';

describe('createDeadline', () => {
  it('caps a step budget by what is left of the round', () => {
    // Prepare
    let now = 1_000;
    const deadline = createDeadline(5_000, () => now);
    // Act
    now += 4_000;
    // Assess
    expect(deadline.remainingMs()).toBe(1_000);
    expect(deadline.budget(3_000)).toBe(1_000);
    expect(deadline.budget(500)).toBe(500);
    expect(deadline.expired()).toBe(false);
    now += 2_000;
    expect(deadline.remainingMs()).toBe(0);
    expect(deadline.expired()).toBe(true);
  });
});

/** Whether `promise` has settled by now (after the microtasks already queued). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('settleWithin (fake timers)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("gives the work's value when it settles in time, and leaves no timer behind", async () => {
    // Prepare
    vi.useFakeTimers();
    // Act
    const value = await settleWithin(Promise.resolve('measured'), 1_000, () => 'fallback');
    // Assess
    expect(value).toBe('measured');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives the fallback exactly at the timeout, not a millisecond before', async () => {
    // Prepare
    vi.useFakeTimers();
    const never = new Promise<string>(() => undefined);
    // Act
    const result = settleWithin(never, 100, () => 'fallback');
    // Assess
    await vi.advanceTimersByTimeAsync(99);
    expect(await settled(result)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe('fallback');
  });

  it("treats a negative timeout as none left, and passes the work's own rejection on", async () => {
    // Prepare
    vi.useFakeTimers();
    // Act
    const late = settleWithin(new Promise<string>(() => undefined), -5, () => 'fallback');
    // Assess
    await expect(settleWithin(Promise.reject(new Error('boom')), 1_000, () => 'fallback')).rejects.toThrow('boom');
    await vi.advanceTimersByTimeAsync(0);
    await expect(late).resolves.toBe('fallback');
  });
});
