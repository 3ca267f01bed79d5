/** A point in time that every step of a round must finish before. The clock is injectable. */
export interface Deadline {
  /** Milliseconds left, never below 0. */
  remainingMs(): number;
  expired(): boolean;
  /** The smaller of `capMs` and what is left, so a step never outlives the round. */
  budget(capMs: number): number;
}

/** A deadline `totalMs` from now, read from `now` (injectable for tests). */
export function createDeadline(totalMs: number, now: () => number = Date.now): Deadline {
  const endsAt = now() + totalMs;
  const remainingMs = (): number => Math.max(0, endsAt - now());
  return {
    remainingMs,
    expired: () => remainingMs() <= 0,
    budget: (capMs) => Math.max(0, Math.min(capMs, remainingMs())),
  };
}

/** Resolves with `fallback()` when `work` has not settled within `timeoutMs`; never rejects by itself. */
export async function settleWithin<T>(work: Promise<T>, timeoutMs: number, fallback: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback()), Math.max(0, timeoutMs));
  });
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
