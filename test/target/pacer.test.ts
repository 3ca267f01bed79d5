import { afterEach, describe, expect, it, vi } from 'vitest';
import { BURST_MS, Pacer } from '../../target/pacer';

const CHUNK = 16 * 1024;

/** Sends `totalBytes` in chunks through `pacer`, waiting exactly as told; returns the elapsed virtual ms. */
function transferMs(pacer: Pacer, totalBytes: number, mbps: number, lateByMs = 0): number {
  let nowMs = 1_000;
  const startMs = nowMs;
  for (let sent = 0; sent < totalBytes; sent += CHUNK) {
    const waitMs = pacer.reserve(Math.min(CHUNK, totalBytes - sent), mbps, nowMs);
    nowMs += waitMs > 0 ? waitMs + lateByMs : 0;
  }
  return nowMs - startMs;
}

describe('Pacer (token bucket of one direction)', () => {
  it('paces 1 MB at 8 Mbit/s to 1 s, less only the 20 ms burst', () => {
    const elapsedMs = transferMs(new Pacer(), 1_000_000, 8);

    expect(elapsedMs).toBeGreaterThanOrEqual(1_000 - BURST_MS - 1);
    expect(elapsedMs).toBeLessThanOrEqual(1_000 - BURST_MS + 17);
  });

  it('catches up late timers, so a busy machine still measures close to the rate', () => {
    const punctual = transferMs(new Pacer(), 2_000_000, 8);
    const late = transferMs(new Pacer(), 2_000_000, 8, 3);

    expect(late / punctual).toBeLessThan(1.05);
  });

  it('banks no more than the burst while idle', () => {
    const pacer = new Pacer();
    pacer.reserve(CHUNK, 8, 0);

    const waits = [0, 1, 2].map(() => pacer.reserve(CHUNK, 8, 60_000));

    expect(waits[0]).toBe(0);
    expect(waits[1]).toBeGreaterThan(0);
    expect(waits[2]).toBeGreaterThan(waits[1] ?? 0);
  });

  it('shares one line between concurrent transfers', () => {
    const pacer = new Pacer();

    const first = pacer.reserve(100_000, 8, 0);
    const second = pacer.reserve(100_000, 8, 0);

    expect(second - first).toBeCloseTo(100, 5);
  });
});

describe('Pacer.take (injected clock)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('without a rate passes at once: no timer is set', async () => {
    // Prepare
    vi.useFakeTimers();
    const pacer = new Pacer(() => 0);
    // Act
    const passed = await pacer.take(1_000_000, undefined, new AbortController().signal);
    // Assess
    expect(passed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('at 8 Mbit/s holds 100 kB until its slot on an idle line has passed (100 ms, less the burst)', async () => {
    // Prepare: a line idle for a second has earned the whole burst
    vi.useFakeTimers();
    const pacer = new Pacer(() => 1_000);
    let passed: boolean | undefined;
    // Act
    void pacer.take(100_000, 8, new AbortController().signal).then((value) => (passed = value));
    await vi.advanceTimersByTimeAsync(100 - BURST_MS - 1);
    const early = passed;
    await vi.advanceTimersByTimeAsync(1);
    // Assess
    expect(early).toBeUndefined();
    expect(passed).toBe(true);
  });

  it('gives up the wait when the target closes', async () => {
    // Prepare
    vi.useFakeTimers();
    const pacer = new Pacer(() => 0);
    const closing = new AbortController();
    // Act
    const waiting = pacer.take(1_000_000, 8, closing.signal);
    closing.abort();
    // Assess
    expect(await waiting).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
