/**
 * The plain metric datum every sink understands (CloudWatch PutMetricData, EMF, metrics.json), the
 * metric and dimension names as constants (lib/ builds alarms and dashboards from them), and the
 * CloudWatch limits the datums must respect. Pure data, no SDK types.
 */

/** Default CloudWatch namespace of every metric (config key `namespace`); defined with the other config defaults. */
export { DEFAULT_NAMESPACE } from './config/defaults';

/** Every metric the monitor publishes; see docs/metrics.md for meaning and when each is absent. */
export const METRIC_NAMES = {
  availability: 'Availability',
  degraded: 'Degraded',
  failure: 'Failure',
  probeError: 'ProbeError',
  loginPageTtfb: 'LoginPageTTFB',
  loginPageLoad: 'LoginPageLoad',
  systemCheckDuration: 'SystemCheckDuration',
  webSocketConnect: 'WebSocketConnect',
  webSocketRtt: 'WebSocketRTT',
  httpRtt: 'HttpRTT',
  downloadMbps: 'DownloadMbps',
  uploadMbps: 'UploadMbps',
  probeDuration: 'ProbeDuration',
  coldStart: 'ColdStart',
} as const;
export type MetricName = (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES];

export const DIMENSION_NAMES = {
  target: 'Target',
  location: 'Location',
  browser: 'Browser',
  reason: 'Reason',
} as const;
export type DimensionName = (typeof DIMENSION_NAMES)[keyof typeof DIMENSION_NAMES];

/**
 * The dimension sets published, so an alarm or a dashboard asks for exactly one of them (CloudWatch
 * treats every distinct set as its own metric). Each round publishes each of its datums once per set
 * that carries the metric: `perTarget` carries every metric, over all browsers of a target at one
 * location (the series the alarms and dashboards read since before browsers were configurable);
 * `perBrowser` the same round again with `Browser` (chromium, firefox, edge) for the metrics in
 * PER_BROWSER_METRICS; `failure` / `failureByBrowser` are the `Failure` count by reason without and
 * with the browser; `perLocation` is a roll-up over all targets and browsers of one location,
 * published for `Availability` and `ProbeError` only, so the outage alarm can combine locations
 * without one metric per target × location (metric math takes at most 10 metrics). A result without
 * a browser (a bad Lambda event) has no `perBrowser` or `failureByBrowser` datums.
 */
export const DIMENSION_SETS = {
  perTarget: [DIMENSION_NAMES.target, DIMENSION_NAMES.location],
  perBrowser: [DIMENSION_NAMES.target, DIMENSION_NAMES.location, DIMENSION_NAMES.browser],
  failure: [DIMENSION_NAMES.target, DIMENSION_NAMES.location, DIMENSION_NAMES.reason],
  failureByBrowser: [DIMENSION_NAMES.target, DIMENSION_NAMES.location, DIMENSION_NAMES.browser, DIMENSION_NAMES.reason],
  perLocation: [DIMENSION_NAMES.location],
} as const;

/**
 * Metrics also published per browser: whether the round passed and why not, whether the monitor
 * could measure, and the round trips — what a browser changes and what per-browser alarms and
 * dashboards read. The rest (page timings, bandwidth, durations) only as the `perTarget` roll-up:
 * every further metric per browser costs $0.30 a month per target, location and browser.
 */
export const PER_BROWSER_METRICS: readonly MetricName[] = [
  METRIC_NAMES.availability,
  METRIC_NAMES.failure,
  METRIC_NAMES.probeError,
  METRIC_NAMES.webSocketRtt,
  METRIC_NAMES.httpRtt,
];

/** Metrics that are also published with the `perLocation` dimension set. */
export const PER_LOCATION_METRICS: readonly MetricName[] = [METRIC_NAMES.availability, METRIC_NAMES.probeError];

/**
 * CloudWatch storage resolution in seconds: 1 = high resolution (alarms and queries may use 10- or
 * 30-second periods), 60 = standard (aggregated to one minute). High resolution costs the same to
 * store, but an alarm with a period under 60 s costs 3× ($0.30 instead of $0.10 per metric).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/publishingMetrics.html#high-resolution-metrics
 */
export const STORAGE_RESOLUTIONS = { high: 1, standard: 60 } as const;
export type StorageResolution = (typeof STORAGE_RESOLUTIONS)[keyof typeof STORAGE_RESOLUTIONS];

/**
 * Metrics published at high resolution: `Availability` feeds the outage alarm, whose 30-second
 * periods need it (a standard-resolution metric only has 1-minute datapoints). Every other metric
 * stays standard: no alarm of theirs looks at less than a minute.
 */
export const HIGH_RESOLUTION_METRICS: readonly MetricName[] = [METRIC_NAMES.availability];

/** The CloudWatch units the monitor uses (a subset of StandardUnit). */
export const METRIC_UNITS = {
  milliseconds: 'Milliseconds',
  count: 'Count',
  megabitsPerSecond: 'Megabits/Second',
  none: 'None',
} as const;
export type MetricUnit = (typeof METRIC_UNITS)[keyof typeof METRIC_UNITS];

/** The unit of each metric: one place, used by the mapping, the docs table and lib/. */
export const METRIC_UNIT_OF: Readonly<Record<MetricName, MetricUnit>> = {
  Availability: METRIC_UNITS.none,
  Degraded: METRIC_UNITS.count,
  Failure: METRIC_UNITS.count,
  ProbeError: METRIC_UNITS.count,
  LoginPageTTFB: METRIC_UNITS.milliseconds,
  LoginPageLoad: METRIC_UNITS.milliseconds,
  SystemCheckDuration: METRIC_UNITS.milliseconds,
  WebSocketConnect: METRIC_UNITS.milliseconds,
  WebSocketRTT: METRIC_UNITS.milliseconds,
  HttpRTT: METRIC_UNITS.milliseconds,
  DownloadMbps: METRIC_UNITS.megabitsPerSecond,
  UploadMbps: METRIC_UNITS.megabitsPerSecond,
  ProbeDuration: METRIC_UNITS.milliseconds,
  ColdStart: METRIC_UNITS.count,
};

export interface MetricDimension {
  readonly Name: DimensionName;
  readonly Value: string;
}

/**
 * One datum in the shape of PutMetricData's `MetricDatum` (so metrics.json can be replayed with
 * `aws cloudwatch put-metric-data --cli-input-json`). Exactly one of `Value` or `Values` is set;
 * `Counts` (same length as `Values`) says how often each value occurred.
 */
export interface MetricDatum {
  readonly MetricName: MetricName;
  readonly Dimensions: readonly MetricDimension[];
  readonly Unit: MetricUnit;
  readonly Value?: number;
  readonly Values?: readonly number[];
  readonly Counts?: readonly number[];
  /** ISO 8601 start of the round; absent only when the result carried no valid time (CloudWatch then uses arrival time). */
  readonly Timestamp?: string;
  /** 1 for a high-resolution metric (see HIGH_RESOLUTION_METRICS); absent = standard (60). */
  readonly StorageResolution?: StorageResolution;
}

/**
 * PutMetricData accepts at most 150 distinct values per datum.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html
 */
export const MAX_VALUES_PER_DATUM = 150;

/**
 * At most 30 dimensions per datum.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html
 */
export const MAX_DIMENSIONS_PER_DATUM = 30;

/**
 * CloudWatch rejects values outside ±2^360 and NaN/±Infinity — and with them the whole request.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html
 */
export const MAX_ABS_VALUE = 2 ** 360;

/**
 * The smallest magnitude besides 0 that CloudWatch has documented as accepted (2^-360; the API
 * reference once gave the range as 2e-360 to 2e360). Below it a figure is 0 in any unit we publish.
 */
export const MIN_ABS_VALUE = 2 ** -360;

/** True when CloudWatch accepts the number as a metric value. */
export function isPublishableValue(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    Math.abs(value) <= MAX_ABS_VALUE &&
    (value === 0 || Math.abs(value) >= MIN_ABS_VALUE)
  );
}

/**
 * The value as CloudWatch can take it: unchanged when publishable, 0 for a magnitude too small to be
 * anything else (5e-324 ms is 0 ms), undefined for NaN, ±Infinity and beyond ±2^360 (never sent).
 */
export function toPublishableValue(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_ABS_VALUE) return undefined;
  return Math.abs(value) < MIN_ABS_VALUE ? 0 : value;
}

/** Number of samples the datums carry (a `Value` is one; `Values` count with their `Counts`). */
export function countSamples(datums: readonly MetricDatum[]): number {
  let total = 0;
  for (const datum of datums) {
    if (datum.Values) total += datum.Counts ? datum.Counts.reduce((sum, n) => sum + n, 0) : datum.Values.length;
    else total += 1;
  }
  return total;
}
