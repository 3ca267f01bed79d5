import { describe, expect, it } from 'vitest';
import { distribution, goodputMbps, jitter, mbps, mean, percentile, roundMbps, roundMs, roundTo } from '../../lambdas/core/stats';

describe('percentile (nearest rank)', () => {
  it('returns an observed sample: p95 of 20 samples is the 19th smallest, p50 the 10th', () => {
    // Prepare
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i); // 20..1, unsorted order on purpose
    // Act
    const p95 = percentile(samples, 95);
    const p50 = percentile(samples, 50);
    // Assess
    expect(p95).toBe(19);
    expect(p50).toBe(10);
  });

  it('handles the edges: p0 is the minimum, p100 the maximum, one sample is every percentile', () => {
    expect(percentile([5, 1, 3], 0)).toBe(1);
    expect(percentile([5, 1, 3], 100)).toBe(5);
    expect(percentile([7], 95)).toBe(7);
  });

  it('is undefined for no samples, only non-finite samples, or a p outside 0..100', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([Number.NaN, Number.POSITIVE_INFINITY], 50)).toBeUndefined();
    expect(percentile([1, 2], 101)).toBeUndefined();
    expect(percentile([1, 2], Number.NaN)).toBeUndefined();
  });

  // rank = ceil(p/100 × n): p95 of 12 samples is the 12th (11.4 rounds up, not to 11), of 20 the 19th.
  it.each([
    [1, 1, 1],
    [2, 1, 2],
    [12, 6, 12],
    [19, 10, 19],
    [20, 10, 19],
    [21, 11, 20],
  ])('of n = %i samples, p50 is rank %i and p95 rank %i', (n, p50Rank, p95Rank) => {
    // Prepare: ranks 1..n as values, shuffled (11 is coprime to every n here) so that sorting is part of the act
    const samples = Array.from({ length: n }, (_, i) => ((i * 11) % n) + 1);
    // Act + Assess
    expect(new Set(samples).size).toBe(n);
    expect(percentile(samples, 50)).toBe(p50Rank);
    expect(percentile(samples, 95)).toBe(p95Rank);
  });

  it('ignores NaN and Infinity among real samples', () => {
    expect(percentile([Number.NaN, 4, Number.POSITIVE_INFINITY, 2], 100)).toBe(4);
  });
});

describe('jitter', () => {
  it('is the mean absolute difference of consecutive samples in arrival order', () => {
    // 10 → 14 (4) → 12 (2) → 12 (0): mean 2
    expect(jitter([10, 14, 12, 12])).toBe(2);
  });

  it('is undefined below two samples', () => {
    expect(jitter([])).toBeUndefined();
    expect(jitter([3])).toBeUndefined();
  });
});

describe('mbps', () => {
  it('counts 10^6 bit per second: 2,000,000 bytes in 1 s are 16 Mbit/s', () => {
    expect(mbps(2_000_000, 1_000)).toBe(16);
  });

  it('is undefined instead of Infinity or NaN for a zero, negative or non-finite duration', () => {
    expect(mbps(1_000, 0)).toBeUndefined();
    expect(mbps(1_000, -5)).toBeUndefined();
    expect(mbps(Number.NaN, 10)).toBeUndefined();
    expect(mbps(-1, 10)).toBeUndefined();
  });
});

describe('rounding', () => {
  it('rounds ms and Mbit/s to three decimals and never returns -0 or NaN', () => {
    expect(roundMs(1.23456)).toBe(1.235);
    expect(roundMbps(15.29999)).toBe(15.3);
    expect(Object.is(roundTo(-0.0001, 2), 0)).toBe(true);
    expect(roundTo(Number.NaN, 2)).toBeUndefined();
    expect(roundTo(undefined, 2)).toBeUndefined();
  });
});

describe('mean', () => {
  it('averages finite samples and is undefined for none', () => {
    expect(mean([1, 2, 3, Number.NaN])).toBe(2);
    expect(mean([])).toBeUndefined();
  });
});

describe('distribution', () => {
  it('keeps the samples in order and adds p50, p95 and max', () => {
    // Prepare
    const samples = [3.00001, 1, 2, 10];
    // Act
    const result = distribution(samples);
    // Assess
    expect(result).toEqual({ samples: [3, 1, 2, 10], p50: 2, p95: 10, max: 10 });
  });

  it('is undefined for an empty input, so a failed measurement is absent rather than zero', () => {
    expect(distribution([])).toBeUndefined();
    expect(distribution([Number.NaN])).toBeUndefined();
  });

  it('survives a JSON round trip unchanged (no NaN or Infinity inside)', () => {
    const result = distribution([0.1, Number.NaN, 0.3, Number.NEGATIVE_INFINITY]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result?.samples).toEqual([0.1, 0.3]);
  });
});

describe('goodputMbps', () => {
  const rules = { minSampleMs: 10, longSampleMs: 500 };

  it('takes the 90th percentile of the long samples and ignores short ones and the warm-up', () => {
    // Prepare: 1 s samples at 16, 15.2 and 12 Mbit/s (a hiccup), a faster short one, a slow warm-up
    const samples = [
      { bytes: 65_536, durationMs: 200, warmup: true },
      { bytes: 262_144, durationMs: 20 },
      { bytes: 2_000_000, durationMs: 1_000 },
      { bytes: 1_900_000, durationMs: 1_000 },
      { bytes: 1_500_000, durationMs: 1_000 },
    ];
    // Act
    const result = goodputMbps(samples, rules);
    // Assess: nearest rank 90 of 3 long samples is the fastest, 16 Mbit/s; the 104.9 Mbit/s short one is not used
    expect(result).toBe(16);
  });

  it('is robust to one slow long sample with two long samples (the default ladder)', () => {
    const samples = [
      { bytes: 2_000_000, durationMs: 1_000 },
      { bytes: 2_000_000, durationMs: 1_250 },
    ];
    expect(goodputMbps(samples, rules)).toBe(16);
  });

  it('falls back to the 90th percentile of samples >= 10 ms when none is long', () => {
    const samples = [
      { bytes: 125_000, durationMs: 100 }, // 10 Mbit/s
      { bytes: 250_000, durationMs: 100 }, // 20 Mbit/s
      { bytes: 1_000, durationMs: 1 }, // 8 Mbit/s but too short to count
    ];
    expect(goodputMbps(samples, rules)).toBe(20);
  });

  it('uses the warm-up only when nothing else was timed (a very slow link)', () => {
    expect(goodputMbps([{ bytes: 65_536, durationMs: 2_000, warmup: true }], rules)).toBeCloseTo(0.262, 3);
  });

  it('is undefined without a positive duration, never NaN or Infinity', () => {
    expect(goodputMbps([], rules)).toBeUndefined();
    expect(
      goodputMbps(
        [
          { bytes: 10, durationMs: 0 },
          { bytes: Number.NaN, durationMs: 5 },
        ],
        rules,
      ),
    ).toBeUndefined();
  });
});

/** Boundaries the mutation run found untested (npm run mutate, lambdas/core/stats.ts). */
describe('statistics at their boundaries', () => {
  const rules = { minSampleMs: 10, longSampleMs: 500 };

  it('a negative percentile is no percentile; two samples already have a jitter; an empty transfer is 0 Mbit/s', () => {
    expect(percentile([1, 2], -1)).toBeUndefined();
    expect(jitter([3, 5])).toBe(2);
    expect(mbps(0, 10)).toBe(0);
    expect(roundTo(Number.POSITIVE_INFINITY, 3)).toBeUndefined();
  });

  it('goodput: a sample lasting exactly longSampleMs is long, exactly minSampleMs is usable', () => {
    // 1 MB in 500 ms = 16 Mbit/s (long); 2 MB in 100 ms = 160 (short, usable)
    expect(
      goodputMbps(
        [
          { bytes: 1e6, durationMs: 500 },
          { bytes: 2e6, durationMs: 100 },
        ],
        rules,
      ),
    ).toBe(16);
    // 1 kB in 10 ms = 0.8 (usable); 100 kB in 5 ms (too short to mean anything)
    expect(
      goodputMbps(
        [
          { bytes: 1_000, durationMs: 10 },
          { bytes: 100_000, durationMs: 5 },
        ],
        rules,
      ),
    ).toBe(0.8);
  });

  it('goodput: the warm-up counts only when nothing else was timed', () => {
    // a fast warm-up (16 Mbit/s) beside a measured 8 Mbit/s: 8
    expect(
      goodputMbps(
        [
          { bytes: 1e6, durationMs: 500, warmup: true },
          { bytes: 1e6, durationMs: 1_000 },
        ],
        rules,
      ),
    ).toBe(8);
    expect(goodputMbps([{ bytes: 1e6, durationMs: 500, warmup: true }], rules)).toBe(16);
  });

  it('goodput: only samples too short to time alone are summed (bytes over time)', () => {
    // 1 kB in 1 ms + 3 kB in 3 ms = 4 kB in 4 ms = 8 Mbit/s
    expect(
      goodputMbps(
        [
          { bytes: 1_000, durationMs: 1 },
          { bytes: 3_000, durationMs: 3 },
        ],
        rules,
      ),
    ).toBe(8);
  });

  it('goodput: leaves out samples without bytes or time to count, and counts a transfer that moved nothing as 0', () => {
    const good = { bytes: 1e6, durationMs: 1_000 };
    expect(goodputMbps([{ bytes: Number.NaN, durationMs: 600 }, good], rules)).toBe(8);
    expect(goodputMbps([{ bytes: -5e6, durationMs: 600 }, { bytes: 1e6, durationMs: Number.NaN }, good], rules)).toBe(8);
    expect(
      goodputMbps(
        [
          { bytes: 1_000, durationMs: 0 },
          { bytes: 1_000, durationMs: 1 },
        ],
        rules,
      ),
    ).toBe(8);
    expect(goodputMbps([{ bytes: 0, durationMs: 600 }], rules)).toBe(0);
    expect(goodputMbps([{ bytes: Number.NaN, durationMs: 600 }], rules)).toBeUndefined();
    expect(goodputMbps([{ bytes: -5e6, durationMs: 600 }], rules)).toBeUndefined();
    expect(goodputMbps([{ bytes: 1e6, durationMs: Number.POSITIVE_INFINITY }], rules)).toBeUndefined();
  });
});
