/**
 * Metric datums → CloudWatch Embedded Metric Format log lines. Written to stdout in Lambda, CloudWatch
 * Logs turns each line into metrics (in the function's region) without an API call, which is why EMF
 * is the fallback when PutMetricData fails. Pure: returns strings, the caller writes them.
 * Spec: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
import { sanitizeDatums, STORAGE_RESOLUTIONS, type MetricDatum, type MetricUnit, type StorageResolution } from './metrics';

/** An EMF metric may carry at most 100 values; longer sample sets go onto further lines (spec, "Metric values"). */
export const MAX_EMF_VALUES_PER_METRIC = 100;

/** One MetricDirective may declare at most 100 metrics (spec, "MetricDirective"). */
export const MAX_EMF_METRICS_PER_LINE = 100;

export interface EmfOptions {
  readonly namespace: string;
  /** Clock for datums without a Timestamp (epoch ms). @default Date.now */
  readonly now?: () => number;
}

interface EmfLine {
  readonly key: string;
  readonly timestampMs: number;
  readonly dimensions: MetricDatum['Dimensions'];
  readonly metrics: Map<string, { unit: MetricUnit; values: number[]; storageResolution?: StorageResolution }>;
}

/**
 * One JSON line per group of datums sharing timestamp and dimensions. A metric appears at most once per
 * line (its key is the metric name), so a second chunk of the same metric starts a new line. `Counts`
 * are expanded into repeated values: EMF has no weights.
 */
export function toEmfLines(datums: readonly MetricDatum[], options: EmfOptions): string[] {
  const now = options.now ?? Date.now;
  const lines: EmfLine[] = [];
  for (const datum of sanitizeDatums(datums)) {
    const timestampMs = emfTimestamp(datum.Timestamp, now);
    const key = `${timestampMs}|${JSON.stringify(datum.Dimensions)}`;
    for (const values of valueChunks(datum)) {
      let line = lines.find((l) => l.key === key && !l.metrics.has(datum.MetricName) && l.metrics.size < MAX_EMF_METRICS_PER_LINE);
      if (!line) {
        line = { key, timestampMs, dimensions: datum.Dimensions, metrics: new Map() };
        lines.push(line);
      }
      line.metrics.set(datum.MetricName, { unit: datum.Unit, values, storageResolution: datum.StorageResolution });
    }
  }
  return lines.map((line) => renderLine(line, options.namespace));
}

/** EMF wants epoch ms; a missing or unreadable Timestamp means "now", as PutMetricData does. */
function emfTimestamp(timestamp: string | undefined, now: () => number): number {
  const parsed = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  return Number.isFinite(parsed) ? parsed : now();
}

/**
 * EMF has no `Counts`, so a value is repeated as often as it was counted. Our own datums hold at most
 * 150 samples; a datum from elsewhere with huge counts must not stall the fallback or exhaust memory,
 * so beyond this many values the counts are scaled down together (the distribution keeps its shape,
 * the sample count does not).
 */
export const MAX_EMF_EXPANDED_VALUES = 10_000;

function valueChunks(datum: MetricDatum): number[][] {
  if (datum.Values === undefined) return datum.Value === undefined ? [] : [[datum.Value]];
  const counts = datum.Values.map((_, index) => Math.max(1, Math.round(datum.Counts?.[index] ?? 1)));
  const total = counts.reduce((sum, count) => sum + count, 0);
  const scale = total > MAX_EMF_EXPANDED_VALUES ? MAX_EMF_EXPANDED_VALUES / total : 1;
  const expanded: number[] = [];
  datum.Values.forEach((value, index) => {
    const repeat = Math.max(1, Math.floor((counts[index] ?? 1) * scale));
    for (let i = 0; i < repeat; i += 1) expanded.push(value);
  });
  const chunks: number[][] = [];
  for (let start = 0; start < expanded.length; start += MAX_EMF_VALUES_PER_METRIC) {
    chunks.push(expanded.slice(start, start + MAX_EMF_VALUES_PER_METRIC));
  }
  return chunks;
}

function renderLine(line: EmfLine, namespace: string): string {
  const members: Record<string, unknown> = {};
  for (const dimension of line.dimensions) members[dimension.Name] = dimension.Value;
  const metrics: Array<{ Name: string; Unit: MetricUnit; StorageResolution?: StorageResolution }> = [];
  for (const [name, { unit, values, storageResolution }] of line.metrics) {
    // EMF's MetricDefinition takes StorageResolution 1 for high resolution; 60 is its default.
    metrics.push({
      Name: name,
      Unit: unit,
      ...(storageResolution === STORAGE_RESOLUTIONS.high ? { StorageResolution: storageResolution } : {}),
    });
    members[name] = values.length === 1 ? values[0] : values;
  }
  const directive = { Namespace: namespace, Dimensions: [line.dimensions.map((d) => d.Name)], Metrics: metrics };
  return JSON.stringify({ _aws: { Timestamp: line.timestampMs, CloudWatchMetrics: [directive] }, ...members });
}

/** Number of samples in EMF lines made by `toEmfLines` (for "count in == count out" checks). */
export function countEmfSamples(lines: readonly string[]): number {
  let total = 0;
  for (const line of lines) {
    const record = JSON.parse(line) as { _aws: { CloudWatchMetrics: Array<{ Metrics: Array<{ Name: string }> }> } } & Record<
      string,
      unknown
    >;
    for (const directive of record._aws.CloudWatchMetrics) {
      for (const metric of directive.Metrics) {
        const value = record[metric.Name];
        total += Array.isArray(value) ? value.length : 1;
      }
    }
  }
  return total;
}
