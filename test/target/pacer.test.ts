import { describe, expect, it } from 'vitest';
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
