/**
 * Pure statistics for the network measurements. Every function takes plain numbers and returns a
 * finite number or `undefined`: NaN and Infinity never leave this module (CloudWatch rejects them,
 * and a failed measurement must be absent, not a fake value).
 */
import type { Distribution } from './types';

/** Decimals kept for milliseconds: Chromium's `performance.now()` resolution is 5-100 µs anyway. */
export const MS_DECIMALS = 3;
/** Decimals kept for Mbit/s: 1 kbit/s is far below what any sample can resolve. */
export const MBPS_DECIMALS = 3;

/** Keeps only finite numbers, so one bad reading cannot poison a statistic. */
export function finiteOnly(values: readonly number[]): number[] {
  return values.filter((value) => Number.isFinite(value));
}

/**
 * The `p`-th percentile by the **nearest-rank** method: the smallest sample such that at least
 * `p` % of the samples are less than or equal to it (rank = ceil(p / 100 × n)). Always an observed
 * sample, never an interpolated one, so p95 of 20 RTT samples is the 19th smallest.
 * `undefined` for no (finite) samples or a `p` outside 0..100.
 */
export function percentile(samples: readonly number[], p: number): number | undefined {
  const sorted = finiteOnly(samples).sort((a, b) => a - b);
  if (sorted.length === 0 || !Number.isFinite(p) || p < 0 || p > 100) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Mean absolute difference of consecutive samples (in arrival order); `undefined` below 2 samples. */
export function jitter(samples: readonly number[]): number | undefined {
  const finite = finiteOnly(samples);
  if (finite.length < 2) return undefined;
  let total = 0;
  for (let i = 1; i < finite.length; i += 1) total += Math.abs((finite[i] ?? 0) - (finite[i - 1] ?? 0));
  return total / (finite.length - 1);
}

/** Arithmetic mean; `undefined` for no samples. */
export function mean(samples: readonly number[]): number | undefined {
  const finite = finiteOnly(samples);
  if (finite.length === 0) return undefined;
  return finite.reduce((sum, value) => sum + value, 0) / finite.length;
}

/** Rounds to `decimals` places; `undefined` stays `undefined`, non-finite input becomes `undefined`. */
export function roundTo(value: number | undefined, decimals: number): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  // -0 reads oddly in JSON consumers that keep it; 0 is the same measurement.
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** Milliseconds rounded to MS_DECIMALS. */
export function roundMs(value: number | undefined): number | undefined {
  return roundTo(value, MS_DECIMALS);
}

/** Mbit/s rounded to MBPS_DECIMALS. */
export function roundMbps(value: number | undefined): number | undefined {
  return roundTo(value, MBPS_DECIMALS);
}

/**
 * Throughput in Mbit/s (10^6 bit/s, as ISPs and DSL-16000 count) of `bytes` moved in `durationMs`.
 * `undefined` for a non-positive or non-finite duration or negative byte count.
 */
export function mbps(bytes: number, durationMs: number): number | undefined {
  if (!Number.isFinite(bytes) || !Number.isFinite(durationMs) || bytes < 0 || durationMs <= 0) return undefined;
  return (bytes * 8) / (durationMs * 1_000);
}

/**
 * Samples (kept in their order, rounded to MS_DECIMALS) plus nearest-rank p50 / p95 and the max.
 * `undefined` when there is no finite sample: an empty distribution is no measurement.
 */
export function distribution(samples: readonly number[]): Distribution | undefined {
  const finite = finiteOnly(samples);
  const p50 = percentile(finite, 50);
  const p95 = percentile(finite, 95);
  if (p50 === undefined || p95 === undefined) return undefined;
  const max = Math.max(...finite);
  return {
    samples: finite.map((value) => roundMs(value) ?? 0),
    p50: roundMs(p50) ?? 0,
    p95: roundMs(p95) ?? 0,
    max: roundMs(max) ?? 0,
  };
}

/** One timed transfer of a bandwidth measurement. */
export interface TransferSample {
  readonly bytes: number;
  readonly durationMs: number;
  /** The discarded warm-up (slow start): used only when nothing else could be timed. */
  readonly warmup?: boolean;
}

/** Rules of `goodputMbps`, named after what they guard against. */
export interface GoodputRules {
  /** Shorter samples are timer noise (Cloudflare's speed test discards < 10 ms). */
  readonly minSampleMs: number;
  /** Samples at least this long are steady state: slow start and per-request overhead are amortized. */
  readonly longSampleMs: number;
}

/**
 * The goodput of a set of transfers, in Mbit/s:
 * 1. the 90th percentile (nearest rank) of the per-sample rates of the samples lasting ≥
 *    `longSampleMs` — Cloudflare's statistic, restricted to steady-state samples. A long sample cannot
 *    beat the bottleneck by more than its burst allowance (a few kB in MBs), while a busy client
 *    (CPU, GC) only ever makes a sample slower, so a high percentile of long samples is the robust
 *    estimate of what the path can deliver;
 * 2. else (a fast link that reached the byte cap or budget before any long sample) the same
 *    percentile over the samples ≥ `minSampleMs`;
 * 3. else (everything shorter than `minSampleMs`) Σbytes / Σtime of all timed samples;
 * each step first without, then (only if nothing else exists, e.g. a link so slow that only the
 * warm-up finished) with the warm-up. `undefined` when no sample has a positive duration.
 */
export function goodputMbps(samples: readonly TransferSample[], rules: GoodputRules): number | undefined {
  const timed = samples.filter((s) => Number.isFinite(s.bytes) && Number.isFinite(s.durationMs) && s.durationMs > 0 && s.bytes >= 0);
  const measured = timed.filter((s) => !s.warmup);
  const pool = measured.length > 0 ? measured : timed;
  const rate = (s: TransferSample): number => mbps(s.bytes, s.durationMs) ?? 0;
  const long = pool.filter((s) => s.durationMs >= rules.longSampleMs);
  if (long.length > 0) return percentile(long.map(rate), 90);
  const usable = pool.filter((s) => s.durationMs >= rules.minSampleMs);
  if (usable.length > 0) return percentile(usable.map(rate), 90);
  return pool.length > 0 ? aggregateMbps(pool) : undefined;
}

function aggregateMbps(samples: readonly TransferSample[]): number | undefined {
  const bytes = samples.reduce((sum, s) => sum + s.bytes, 0);
  const durationMs = samples.reduce((sum, s) => sum + s.durationMs, 0);
  return mbps(bytes, durationMs);
}
