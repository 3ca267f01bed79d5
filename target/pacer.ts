import { sleep } from './http-util';

/**
 * Bucket depth in line time: idle time earns at most this much burst. It absorbs the lateness of
 * a busy machine's timers (a late chunk is made up by the next ones) at every rate, while a
 * one-second sample gains at most 2 % from it.
 */
export const BURST_MS = 20;

/**
 * A token bucket over the bytes of one direction, shared by every transfer in that direction (a
 * DSL line is one bottleneck). Each chunk reserves the next slot on a virtual clock and passes
 * when its slot ends, as if it had just crossed the line; the clock may lag "now" by at most
 * BURST_MS, so late timers are caught up but idle time is not banked beyond the bucket.
 */
export class Pacer {
  private nextFreeAtMs = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * Reserves the slot for `bytes` at `mbps` on the virtual clock and returns how long the caller
   * must wait from `nowMs` until the bytes may pass (0 or more). Pure bookkeeping, no timers.
   */
  reserve(bytes: number, mbps: number, nowMs: number): number {
    const msPerByte = 8 / (mbps * 1000);
    this.nextFreeAtMs = Math.max(nowMs - BURST_MS, this.nextFreeAtMs) + bytes * msPerByte;
    return Math.max(0, this.nextFreeAtMs - nowMs);
  }

  /**
   * Waits until `bytes` may pass at `mbps` megabits per second (no wait when `mbps` is undefined).
   * Returns false when `signal` aborted the wait.
   */
  async take(bytes: number, mbps: number | undefined, signal: AbortSignal): Promise<boolean> {
    if (mbps === undefined) return !signal.aborted;
    const waitMs = this.reserve(bytes, mbps, this.now());
    return waitMs < 1 ? !signal.aborted : sleep(waitMs, signal);
  }
}
