/**
 * Cold start detection. Module state lives as long as the Lambda container (the execution
 * environment), so the first call in a fresh container sees `true` and every later call `false`.
 * The first round pays for extracting Chromium to /tmp (~1.5 s); flagging it keeps that cost out of
 * the latency figures (the `ColdStart` metric).
 */
let fresh = true;

/** True exactly once per container: on the first call. */
export function takeColdStart(): boolean {
  const wasFresh = fresh;
  fresh = false;
  return wasFresh;
}
