/**
 * Splitting datums into PutMetricData requests that CloudWatch accepts, and running those requests
 * with bounded concurrency.
 */
import type { MetricDatum } from '../core/metrics';

/**
 * At most 1000 datums per PutMetricData request.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html
 */
export const MAX_DATUMS_PER_REQUEST = 1000;

/**
 * A request may be at most 1 MB; we budget the uncompressed JSON (the stricter reading) and keep 64 KB
 * for the envelope, headers and the SDK's own formatting.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html
 */
export const MAX_REQUEST_BYTES = 1_000_000 - 64_000;

/**
 * Datums in order, cut into batches of at most `MAX_DATUMS_PER_REQUEST` datums and `maxBytes` of JSON
 * (measured as each datum serializes; the SDK's epoch-seconds timestamps are shorter than our ISO strings).
 */
export function splitIntoBatches(datums: readonly MetricDatum[], limits: { maxDatums?: number; maxBytes?: number } = {}): MetricDatum[][] {
  const maxDatums = limits.maxDatums ?? MAX_DATUMS_PER_REQUEST;
  const maxBytes = limits.maxBytes ?? MAX_REQUEST_BYTES;
  const batches: MetricDatum[][] = [];
  let current: MetricDatum[] = [];
  let currentBytes = 0;
  for (const datum of datums) {
    const bytes = Buffer.byteLength(JSON.stringify(datum)) + 1;
    if (current.length > 0 && (current.length >= maxDatums || currentBytes + bytes > maxBytes)) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(datum);
    currentBytes += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Runs `work` on every item with at most `concurrency` in flight; results keep the input order. */
export async function mapBounded<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}
