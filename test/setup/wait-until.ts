/**
 * Waiting for an event instead of sleeping a fixed time: a fixed sleep before an exact count is a
 * race a busy machine loses. The limit only ends a wait for something that never happens.
 */

/** How often the condition is checked. */
const POLL_MS = 10;
/** Far beyond any healthy wait on a loaded two-core machine, well inside the test timeout. */
export const WAIT_LIMIT_MS = 20_000;

/** Resolves true as soon as `condition()` holds, or false once `limitMs` passed without it. */
export async function waitUntil(condition: () => boolean, limitMs = WAIT_LIMIT_MS): Promise<boolean> {
  const endsAt = performance.now() + limitMs;
  for (let polls = 0; polls <= limitMs / POLL_MS; polls += 1) {
    if (condition()) return true;
    if (performance.now() >= endsAt) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return condition();
}

/** Like `waitUntil`, but an event that never comes is an error that names it. */
export async function waitFor(condition: () => boolean, what: string, limitMs = WAIT_LIMIT_MS): Promise<void> {
  if (!(await waitUntil(condition, limitMs))) throw new Error(`gave up after ${limitMs} ms waiting for ${what}`);
}
