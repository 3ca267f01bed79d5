import type { CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import type { MetricDatum } from '../core/metrics';
import type { PublishOutcome } from '../core/types';

/** Where datums go: nowhere (local runs), CloudWatch PutMetricData, or EMF lines on stdout. */
export const PUBLISHER_KINDS = ['none', 'cloudwatch', 'emf'] as const;
export type PublisherKind = (typeof PUBLISHER_KINDS)[number];

/** A line writer; the default writes the line plus a newline to stdout (raw, so Lambda adds no prefix). */
export type LineWriter = (line: string) => void;

export interface PublisherOptions {
  readonly kind: PublisherKind;
  /** CloudWatch namespace (config `namespace`). */
  readonly namespace: string;
  /** Home region that receives every metric. @default the SDK's region chain (AWS_REGION, profile) */
  readonly region?: string;
  /** Receives EMF lines (the `emf` sink and the fallback). @default stdout */
  readonly write?: LineWriter;
  /** Attempts per PutMetricData request, first one included (SDK retry strategy). @default 3 */
  readonly maxAttempts?: number;
  /** SDK retry mode; `adaptive` adds client-side rate limiting. @default 'standard' */
  readonly retryMode?: 'standard' | 'adaptive';
  /** A ready-made SDK retry strategy, overriding `maxAttempts`/`retryMode` (tests: short fixed backoff). */
  readonly retryStrategy?: CloudWatchClientConfig['retryStrategy'];
  /** TCP connect timeout per attempt. @default 2000 */
  readonly connectionTimeoutMs?: number;
  /** Whole-response timeout per attempt; a timed-out attempt is retried. @default 5000 */
  readonly requestTimeoutMs?: number;
  /** Budget for the whole `publish` call, retries included; then the rest goes to EMF. @default 20000 */
  readonly deadlineMs?: number;
  /** PutMetricData requests in flight at once. @default 4 */
  readonly concurrency?: number;
}

/** `PublishOutcome` (what goes into ProbeResult.publish) with the counts behind it. */
export interface PublishReport extends PublishOutcome {
  /** PutMetricData requests made (after splitting), and how many of them failed for good. */
  readonly requests: number;
  readonly failedRequests: number;
  /** Datums accepted by the primary sink. */
  readonly sentDatums: number;
  /** Datums written as EMF lines because the primary sink failed. */
  readonly fallbackDatums: number;
}

export interface Publisher {
  readonly kind: PublisherKind;
  /**
   * Publishes the datums; never throws for a sink failure (the report says what happened and where
   * the datums went). Non-publishable values (NaN, ±Infinity) are dropped first.
   */
  publish(datums: readonly MetricDatum[]): Promise<PublishReport>;
  /**
   * Resolves region and credentials without sending anything, so the CLI can refuse to start with a
   * clear message (`PublishConfigError`) instead of probing and then falling back.
   */
  preflight(): Promise<void>;
  /** Releases the SDK client's sockets (tests, CLI exit); a Lambda keeps its publisher for the container's life. */
  close(): void;
}
