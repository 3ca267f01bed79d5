/**
 * Pure: which thresholds a round crossed. A round that works but is slow or thin is `degraded`
 * (with reasons), never `fail`: on-call is paged for outages, not for a slow afternoon.
 */
import {
  DEGRADED_REASONS,
  type BandwidthMeasurement,
  type DegradedReason,
  type HttpMeasurement,
  type LoginPageResult,
  type WebSocketMeasurement,
} from './types';
import type { ThresholdsConfig } from './config/types';

/** What `degradedReasons` looks at; every part is optional (a measurement may be off or failed). */
export interface ThresholdInputs {
  readonly loginPage?: Pick<LoginPageResult, 'ttfbMs'> | null;
  readonly websocket?: Pick<WebSocketMeasurement, 'rttMs'> | null;
  readonly http?: Pick<HttpMeasurement, 'rttMs'> | null;
  readonly bandwidth?: Pick<BandwidthMeasurement, 'meetsRequirement'> | null;
}

/**
 * The degraded reasons of a round, in the fixed order of `DEGRADED_REASONS`, each at most once:
 * - `bandwidth`: the bandwidth measurement says the requirement is not met (`meetsRequirement === false`;
 *   `null`, i.e. nothing measured, is no reason: that is a failure, recorded elsewhere);
 * - `websocket_latency`: WebSocket echo RTT p95 above `websocketRttP95Ms`;
 * - `http_latency`: HTTP RTT p95 above `httpRttP95Ms`;
 * - `page_load`: login page TTFB above `loginTtfbMs`.
 * A threshold that is not configured, or a figure that is absent, never yields a reason.
 * "Above" is strict: a p95 exactly at the threshold still meets it.
 */
export function degradedReasons(inputs: ThresholdInputs, thresholds: ThresholdsConfig): DegradedReason[] {
  const found = new Set<DegradedReason>();
  if (inputs.bandwidth?.meetsRequirement === false) found.add('bandwidth');
  if (exceeds(inputs.websocket?.rttMs?.p95, thresholds.websocketRttP95Ms)) found.add('websocket_latency');
  if (exceeds(inputs.http?.rttMs?.p95, thresholds.httpRttP95Ms)) found.add('http_latency');
  if (exceeds(inputs.loginPage?.ttfbMs, thresholds.loginTtfbMs)) found.add('page_load');
  return DEGRADED_REASONS.filter((reason) => found.has(reason));
}

function exceeds(value: number | undefined, limit: number | undefined): boolean {
  return value !== undefined && limit !== undefined && Number.isFinite(value) && value > limit;
}

/** The figures `meetsBandwidthRequirement` compares. */
export interface BandwidthFigures {
  readonly downloadMbps?: number;
  readonly uploadMbps?: number;
  readonly minDownloadMbps: number;
  readonly minUploadMbps: number;
}

/**
 * Whether the measured directions meet the requirement (≥ is enough: 16.0 Mbit/s meets DSL-16000).
 * Only measured directions count; `null` when neither direction was measured, because "unknown" must
 * not read as "meets" nor as "too slow".
 */
export function meetsBandwidthRequirement(figures: BandwidthFigures): boolean | null {
  const checks: boolean[] = [];
  if (figures.downloadMbps !== undefined && Number.isFinite(figures.downloadMbps)) {
    checks.push(figures.downloadMbps >= figures.minDownloadMbps);
  }
  if (figures.uploadMbps !== undefined && Number.isFinite(figures.uploadMbps)) {
    checks.push(figures.uploadMbps >= figures.minUploadMbps);
  }
  return checks.length === 0 ? null : checks.every(Boolean);
}
