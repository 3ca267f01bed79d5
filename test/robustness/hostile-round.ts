/**
 * One engine round against a hostile or broken target, with what the robustness tests judge it by:
 * wall time, peak memory of Node and Chromium, and Chromium processes left behind.
 */
import { expect } from 'vitest';
import { parseTargets, referenceTargetConfig } from '../../lambdas/core/config';
import type { TargetConfig } from '../../lambdas/core/config/types';
import { CLOSE_TIMEOUT_MS } from '../../lambdas/probe/browser';
import { probeTarget, type ProbeRound } from '../../lambdas/probe/probe-target';
import { chromiumDescendants, sampleMemory, type MemoryPeaks } from './processes';

export type Measurement = 'websocket' | 'http' | 'bandwidth';

export interface RoundTargetOptions {
  /** The round deadline (`timeouts.roundMs`). @default 9000 */
  readonly roundMs?: number;
  /** Measurements to keep; the others are left out to keep the round short. @default none */
  readonly measurements?: readonly Measurement[];
  /** Bandwidth directions. @default both */
  readonly directions?: readonly ('download' | 'upload')[];
  readonly name?: string;
  /** Replaces the login URL (a name that does not resolve, a closed port). */
  readonly loginUrl?: string;
  /** `timeouts.systemCheckMs`. @default the smaller of 6000 and roundMs */
  readonly systemCheckMs?: number;
  /** `bandwidth.budgetMs` per direction. @default 1500 */
  readonly bandwidthBudgetMs?: number;
}

/** Per-direction byte cap of the test rounds: small, so a bound violation is obvious. */
export const TEST_MAX_BYTES = 2_000_000;

/**
 * The reference target's profile at `origin` with short timeouts and small measurements, built
 * through parseTargets so every config rule holds (a test cannot probe with a config users could not write).
 */
export function roundTarget(origin: string, options: RoundTargetOptions = {}): TargetConfig {
  const full = referenceTargetConfig(origin, options.name ?? 'hostile');
  const keep = new Set(options.measurements ?? []);
  const roundMs = options.roundMs ?? 9_000;
  const directions = new Set(options.directions ?? ['download', 'upload']);
  const bandwidth = full.bandwidth && {
    ...full.bandwidth,
    downloadUrl: directions.has('download') ? full.bandwidth.downloadUrl : undefined,
    uploadUrl: directions.has('upload') ? full.bandwidth.uploadUrl : undefined,
    maxBytes: TEST_MAX_BYTES,
    budgetMs: options.bandwidthBudgetMs ?? 1_500,
  };
  const raw = {
    ...full,
    loginUrl: options.loginUrl ?? full.loginUrl,
    timeouts: {
      navigationMs: Math.min(5_000, roundMs),
      systemCheckMs: options.systemCheckMs ?? Math.min(6_000, roundMs),
      stepMs: Math.min(4_000, roundMs),
      roundMs,
    },
    websocket: keep.has('websocket') && full.websocket ? { ...full.websocket, messages: 5, intervalMs: 20, timeoutMs: 1_000 } : undefined,
    http: keep.has('http') && full.http ? { ...full.http, samples: 3 } : undefined,
    measurePageEndpoints: false,
    bandwidth: keep.has('bandwidth') ? bandwidth : undefined,
  };
  const [target] = parseTargets({ targets: [JSON.parse(JSON.stringify(raw)) as unknown] }, 'robustness test');
  if (!target) throw new Error('parseTargets returned no target');
  return target;
}

/** What a hostile round is judged by. */
export interface ObservedRound {
  readonly round: ProbeRound;
  readonly wallMs: number;
  readonly peaks: MemoryPeaks;
  readonly nodeRssBeforeBytes: number;
  /** Chromium processes of this test still alive right after the round. */
  readonly leftovers: number[];
}

/** Runs one engine round (no retries) and observes it. */
export async function observeRound(target: TargetConfig): Promise<ObservedRound> {
  const nodeRssBeforeBytes = process.memoryUsage().rss;
  const sampler = sampleMemory();
  const startedAt = Date.now();
  let peaks: MemoryPeaks | undefined;
  try {
    const round = await probeTarget(target, { location: 'local' });
    const wallMs = Date.now() - startedAt;
    peaks = sampler.stop();
    return { round, wallMs, peaks, nodeRssBeforeBytes, leftovers: await survivors() };
  } finally {
    if (!peaks) sampler.stop();
  }
}

/** How long a SIGKILLed Chromium may take to vanish from /proc (the kernel frees its memory first). */
const REAP_GRACE_MS = 2_000;

/** Chromium processes still alive after a short grace: a process in the middle of dying is not left behind. */
async function survivors(): Promise<number[]> {
  const until = Date.now() + REAP_GRACE_MS;
  let alive = chromiumDescendants();
  while (alive.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    alive = chromiumDescendants();
  }
  return alive;
}

/**
 * Time a round may take beyond `roundMs`: closing a browser that does not close gracefully
 * (CLOSE_TIMEOUT_MS, then SIGKILL) plus slack for a loaded two-core machine. Not a timing assertion,
 * a bound: a round that ignores its deadline overshoots by far more.
 */
export const ROUND_OVERRUN_MS = CLOSE_TIMEOUT_MS + 3_000;
/** Node may grow this much during a round (the engine holds evidence and page results, not page bodies). */
export const MAX_NODE_GROWTH_BYTES = 200 * 1024 * 1024;
/** Chromium's peak over a round; Lambda gives the whole function 2048 MB by default. */
export const MAX_CHROMIUM_BYTES = 1_200 * 1024 * 1024;

/** The bounds every hostile round must keep: within its deadline, bounded memory, no process left. */
export function expectBounded(observed: ObservedRound, roundMs: number, maxNodeGrowthBytes = MAX_NODE_GROWTH_BYTES): void {
  expect(observed.round.result.durationMs).toBeLessThanOrEqual(roundMs + ROUND_OVERRUN_MS);
  expect(observed.wallMs).toBeLessThanOrEqual(roundMs + ROUND_OVERRUN_MS);
  expect(observed.peaks.nodeRssBytes - observed.nodeRssBeforeBytes).toBeLessThan(maxNodeGrowthBytes);
  expect(observed.peaks.chromiumRssBytes).toBeLessThan(MAX_CHROMIUM_BYTES);
  expect(observed.leftovers).toEqual([]);
}
