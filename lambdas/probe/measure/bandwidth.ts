/**
 * Download and upload goodput in the page, compared with the DSL-16000 requirement.
 *
 * Below the requirement is `degraded` (reason `bandwidth`, via thresholds.ts), never a failure.
 * Failures: a transfer that errors (network, non-2xx) → kind `http`; an answer that is not what was
 * asked (more bytes than asked, a gzip bomb, a wrong Content-Length, an upload not fully received)
 * → kind `content`; a configured direction that could not be timed at all → kind `http`.
 */
import type { Page } from 'playwright-core';
import type { BandwidthConfig } from '../../core/config/types';
import { goodputMbps, roundMbps } from '../../core/stats';
import { meetsBandwidthRequirement } from '../../core/thresholds';
import type { BandwidthMeasurement, FailureKind } from '../../core/types';
import { errorMessage, evaluateWithin, PageTimeoutError, type MeasureOutcome } from './in-page';
import { runBandwidthInPage, type BwPageArgs, type BwPageResult } from './bandwidth-page';

/** The transfer ladder (Cloudflare speed-test style; see docs/measurement.md for the reasoning). */
export const BANDWIDTH_LADDER = {
  /** Discarded: opens the connection and lets TCP slow start ramp up. */
  warmupBytes: 64 * 1024,
  /** First measured transfer; each next one is up to `growthFactor` times larger. */
  startBytes: 128 * 1024,
  growthFactor: 4,
  /** Cloudflare stops growing once a request lasts about a second: long enough to mean something. */
  targetSampleMs: 1_000,
  /** Shorter samples are timer noise (Cloudflare: 10 ms). */
  minSampleMs: 10,
  /** Stop after this many samples of at least targetSampleMs / 2: two agree or show the spread. */
  longSamples: 2,
  /** Hard bound on requests per direction, whatever the link does. */
  maxTransfers: 12,
  /**
   * Largest single request: 1 s at 256 Mbit/s, far beyond the requirement, and below the size caps
   * download endpoints commonly enforce (the reference target refuses more than 64 MiB).
   */
  maxTransferBytes: 32 * 1024 * 1024,
} as const;

type Direction = BwPageArgs['direction'];

interface DirectionOutcome {
  readonly mbps?: number;
  readonly bytesMoved: number;
  readonly failure?: { kind: FailureKind; message: string };
}

/** Measures download then upload (each only when its URL is configured). Never throws, never NaN. */
export async function measureBandwidth(
  page: Page,
  config: BandwidthConfig,
  budgetMs: number,
): Promise<MeasureOutcome<BandwidthMeasurement>> {
  const startedAt = Date.now();
  const shareMs = config.uploadUrl ? budgetMs / 2 : budgetMs;
  const down = config.downloadUrl
    ? await measureDirection(page, 'download', config.downloadUrl, config, Math.min(config.budgetMs, shareMs))
    : undefined;
  const leftMs = Math.max(0, budgetMs - (Date.now() - startedAt));
  const up = config.uploadUrl
    ? await measureDirection(page, 'upload', config.uploadUrl, config, Math.min(config.budgetMs, leftMs))
    : undefined;
  const downloadMbps = down?.mbps;
  const uploadMbps = up?.mbps;
  const value: BandwidthMeasurement = {
    ...(downloadMbps !== undefined ? { downloadMbps } : {}),
    ...(uploadMbps !== undefined ? { uploadMbps } : {}),
    downloadBytes: down?.bytesMoved ?? 0,
    uploadBytes: up?.bytesMoved ?? 0,
    minDownloadMbps: config.minDownloadMbps,
    minUploadMbps: config.minUploadMbps,
    meetsRequirement: meetsBandwidthRequirement({
      downloadMbps,
      uploadMbps,
      minDownloadMbps: config.minDownloadMbps,
      minUploadMbps: config.minUploadMbps,
    }),
  };
  const failure = down?.failure ?? up?.failure;
  return failure ? { value, failure } : { value };
}

async function measureDirection(
  page: Page,
  direction: Direction,
  url: string,
  config: BandwidthConfig,
  budgetMs: number,
): Promise<DirectionOutcome> {
  let raw: BwPageResult;
  try {
    raw = await evaluateWithin(
      page,
      runBandwidthInPage,
      { direction, url, maxBytes: config.maxBytes, budgetMs, ...BANDWIDTH_LADDER },
      budgetMs,
    );
  } catch (error) {
    const kind: FailureKind = error instanceof PageTimeoutError ? 'timeout' : 'http';
    return { bytesMoved: 0, failure: { kind, message: `${direction} ${url}: ${errorMessage(error)}` } };
  }
  const mbps = roundMbps(
    goodputMbps(raw.samples, { minSampleMs: BANDWIDTH_LADDER.minSampleMs, longSampleMs: BANDWIDTH_LADDER.targetSampleMs / 2 }),
  );
  const base = { ...(mbps !== undefined ? { mbps } : {}), bytesMoved: raw.bytesMoved };
  if (raw.anomaly) return { ...base, failure: { kind: 'content', message: `${direction} ${url}: ${raw.anomaly}` } };
  if (raw.error) return { ...base, failure: { kind: 'http', message: `${direction} ${url}: ${raw.error.slice(0, 300)}` } };
  if (mbps === undefined) {
    const message = `${direction} ${url}: no transfer could be timed within ${Math.round(budgetMs)} ms`;
    return { ...base, failure: { kind: 'http', message } };
  }
  return base;
}
