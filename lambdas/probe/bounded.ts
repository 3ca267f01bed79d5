/**
 * Bounds for every step of a round: a budget inside the round deadline, a hard race for calls
 * that take no timeout of their own (page.evaluate), and the two errors a step can end with.
 */
import type { Deadline } from '../core/deadline';
import { redactText } from '../core/redact';
import type { FailureKind } from '../core/types';

/** The round deadline ran out before or during a step; classified as `timeout`. */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
}

/** A check that ran fine but found the target wanting (missing link, HTTP 500, …): data, not a crash. */
export class CheckFailedError extends Error {
  override readonly name = 'CheckFailedError';
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Milliseconds a step may use: the smaller of its cap and what is left of the round. Throws when
 * nothing is left, because Playwright reads a timeout of 0 as "wait forever".
 */
export function stepBudget(deadline: Deadline, capMs: number, what: string): number {
  const budgetMs = Math.floor(deadline.budget(capMs));
  if (budgetMs <= 0) throw new DeadlineExceededError(`round deadline exceeded before ${what}`);
  return budgetMs;
}

/**
 * `promise`, or a DeadlineExceededError after `timeoutMs`. For calls without a timeout option: an
 * endless loop in the page would otherwise hold `page.evaluate` forever.
 */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(`${what}: deadline exceeded after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** First line of an error message, secrets masked; Playwright appends long call logs after it. */
export function errorSummary(error: unknown, secrets: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? message;
  return redactText(firstLine.replace(/^\w+(\.\w+)*: /, ''), secrets).slice(0, 500);
}
