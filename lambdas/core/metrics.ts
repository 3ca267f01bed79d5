/**
 * ProbeResult → CloudWatch metric datums. Pure: plain data in, plain data out. A missing or
 * non-finite measurement is simply not sent (CloudWatch rejects a whole request for one NaN).
 */
import type { ProbeResult } from './types';
import {
  DIMENSION_NAMES,
  DIMENSION_SETS,
  HIGH_RESOLUTION_METRICS,
  MAX_DIMENSIONS_PER_DATUM,
  MAX_VALUES_PER_DATUM,
  METRIC_NAMES,
  METRIC_UNIT_OF,
  PER_BROWSER_METRICS,
  PER_LOCATION_METRICS,
  STORAGE_RESOLUTIONS,
  isPublishableValue,
  toPublishableValue,
  type MetricDatum,
  type MetricDimension,
  type MetricName,
} from './metrics-types';

export * from './metrics-types';

/** CloudWatch dimension values are 1 to 1024 characters. https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Dimension.html */
const MAX_DIMENSION_VALUE_LENGTH = 1024;

export interface MetricDatumOptions {
  /**
   * Also publish `Availability` and `ProbeError` with the `Location`-only dimension set (never for a
   * confirmation round: the roll-up counts each scheduled (target, browser) round once per period,
   * which the monitor-blind alarm compares with the number of pairs). @default true
   */
  readonly perLocation?: boolean;
}

/** A datum that breaks a CloudWatch limit no sink can repair: a bug in whoever built it. */
export class MetricLimitError extends Error {
  override readonly name = 'MetricLimitError';
}

/**
 * Maps one round to its datums, all stamped with the round's `startedAt`. `Availability` 1 on pass or
 * degraded and 0 on fail, at high resolution (the outage alarm's 30-second periods); on a probe error
 * (our fault, not the target's) only `ProbeError` 1 and `ProbeDuration` are sent, so an outage alarm
 * never fires for a broken monitor.
 */
export function toMetricDatums(result: ProbeResult, options: MetricDatumOptions = {}): MetricDatum[] {
  const timestamp = toTimestamp(result.startedAt);
  const target: MetricDimension = { Name: DIMENSION_NAMES.target, Value: dimensionValue(result.target) };
  const location: MetricDimension = { Name: DIMENSION_NAMES.location, Value: dimensionValue(result.location) };
  const datums: MetricDatum[] = [];
  const add = (name: MetricName, figure: number | undefined, dimensions = [target, location]): void => {
    const value = toPublishableValue(figure);
    if (value === undefined) return;
    const resolution = HIGH_RESOLUTION_METRICS.includes(name) ? { StorageResolution: STORAGE_RESOLUTIONS.high } : {};
    datums.push(
      withTimestamp({ MetricName: name, Dimensions: dimensions, Unit: METRIC_UNIT_OF[name], Value: value, ...resolution }, timestamp),
    );
  };
  const addSamples = (name: MetricName, samples: readonly number[] | undefined): void => {
    for (const chunk of toValuesAndCounts(samples ?? [])) {
      datums.push(withTimestamp({ MetricName: name, Dimensions: [target, location], Unit: METRIC_UNIT_OF[name], ...chunk }, timestamp));
    }
  };

  const probeError = result.status === 'error' || result.failure?.kind === 'probe_error';
  const failed = result.status === 'fail';
  if (!probeError) {
    add(METRIC_NAMES.availability, failed ? 0 : 1);
    if (!failed) add(METRIC_NAMES.degraded, result.status === 'degraded' ? 1 : 0);
    if (failed)
      add(METRIC_NAMES.failure, 1, [target, location, { Name: DIMENSION_NAMES.reason, Value: result.failure?.kind ?? 'unknown' }]);
  }
  add(METRIC_NAMES.probeError, probeError ? 1 : 0);
  add(METRIC_NAMES.loginPageTtfb, result.loginPage?.ttfbMs);
  add(METRIC_NAMES.loginPageLoad, result.loginPage?.loadMs);
  add(METRIC_NAMES.systemCheckDuration, systemCheckCompleted(result) ? result.systemCheck?.durationMs : undefined);
  add(METRIC_NAMES.webSocketConnect, result.websocket?.connectMs);
  addSamples(METRIC_NAMES.webSocketRtt, result.websocket?.rttMs?.samples);
  addSamples(METRIC_NAMES.httpRtt, result.http?.rttMs?.samples);
  add(METRIC_NAMES.downloadMbps, result.bandwidth?.downloadMbps);
  add(METRIC_NAMES.uploadMbps, result.bandwidth?.uploadMbps);
  add(METRIC_NAMES.probeDuration, result.durationMs);
  add(METRIC_NAMES.coldStart, result.coldStart === undefined ? undefined : Number(result.coldStart));
  // Each further set is made once from the round's own datums: no series gets a datum twice per round.
  const browser = result.browser ? { Name: DIMENSION_NAMES.browser, Value: dimensionValue(result.browser.name) } : undefined;
  const perBrowser = browser ? perBrowserDatums(datums, browser) : [];
  const perLocation = (options.perLocation ?? true) && !result.confirmation ? perLocationRollups(datums, location) : [];
  return [...datums, ...perBrowser, ...perLocation];
}

/** The PER_BROWSER_METRICS datums again with `Browser` after `Location` (`perBrowser`, `failureByBrowser`). */
function perBrowserDatums(perTarget: readonly MetricDatum[], browser: MetricDimension): MetricDatum[] {
  return perTarget
    .filter((d) => PER_BROWSER_METRICS.includes(d.MetricName))
    .map((d) => ({ ...d, Dimensions: [...d.Dimensions.slice(0, 2), browser, ...d.Dimensions.slice(2)] }));
}

/** The same values again with only the `Location` dimension (see `DIMENSION_SETS.perLocation`). */
function perLocationRollups(perTarget: readonly MetricDatum[], location: MetricDimension): MetricDatum[] {
  return perTarget
    .filter((d) => PER_LOCATION_METRICS.includes(d.MetricName) && d.Dimensions.length === DIMENSION_SETS.perTarget.length)
    .map((d) => ({ ...d, Dimensions: [location] }));
}

/** The page showed all three verdicts; a duration cut short by a timeout would only pollute the latency. */
function systemCheckCompleted(result: ProbeResult): boolean {
  const check = result.systemCheck;
  return check !== null && check.browser.ok !== null && check.websocket.ok !== null && check.http.ok !== null;
}

/**
 * Raw samples as `Values`/`Counts` (equal samples merged), in chunks of at most 150 distinct values,
 * so CloudWatch keeps the distribution and computes percentiles. Non-publishable samples are dropped.
 */
export function toValuesAndCounts(samples: readonly number[]): ValuesAndCounts[] {
  const counts = new Map<number, number>();
  for (const sample of samples) addCount(counts, sample, 1);
  return chunkCounts(counts);
}

interface ValuesAndCounts {
  Values: number[];
  Counts: number[];
}

function addCount(counts: Map<number, number>, sample: number, weight: number): void {
  const value = toPublishableValue(sample);
  const count = toPublishableValue(weight);
  if (value !== undefined && count !== undefined && count > 0) counts.set(value, (counts.get(value) ?? 0) + count);
}

function chunkCounts(counts: ReadonlyMap<number, number>): ValuesAndCounts[] {
  const entries = [...counts];
  const chunks: ValuesAndCounts[] = [];
  for (let start = 0; start < entries.length; start += MAX_VALUES_PER_DATUM) {
    const slice = entries.slice(start, start + MAX_VALUES_PER_DATUM);
    chunks.push({ Values: slice.map(([value]) => value), Counts: slice.map(([, count]) => count) });
  }
  return chunks;
}

/**
 * Makes datums from any source safe to send: drops non-publishable values and counts (and datums
 * left empty) and a StorageResolution other than 1 or 60, merges equal values, re-splits beyond 150
 * values. Throws `MetricLimitError` for more than 30 dimensions, which no sink could repair.
 */
export function sanitizeDatums(datums: readonly MetricDatum[]): MetricDatum[] {
  const safe: MetricDatum[] = [];
  for (const datum of datums) {
    if (datum.Dimensions.length > MAX_DIMENSIONS_PER_DATUM) {
      throw new MetricLimitError(
        `metric ${datum.MetricName} has ${datum.Dimensions.length} dimensions; CloudWatch allows at most ${MAX_DIMENSIONS_PER_DATUM}: drop some dimensions.`,
      );
    }
    const valid = withValidResolution(datum);
    const { Value, Values, Counts, ...rest } = valid;
    if (Values === undefined) {
      if (isPublishableValue(Value)) safe.push(valid);
      continue;
    }
    const counts = new Map<number, number>();
    Values.forEach((value, index) => addCount(counts, value, Counts ? (Counts[index] ?? Number.NaN) : 1));
    for (const chunk of chunkCounts(counts)) safe.push({ ...rest, ...chunk });
  }
  return safe;
}

/** CloudWatch accepts a StorageResolution of 1 or 60 only and rejects the whole request otherwise; any other is dropped (= standard). */
function withValidResolution(datum: MetricDatum): MetricDatum {
  const resolution: unknown = datum.StorageResolution;
  if (resolution === undefined || resolution === STORAGE_RESOLUTIONS.high || resolution === STORAGE_RESOLUTIONS.standard) return datum;
  const { StorageResolution: _dropped, ...rest } = datum;
  return rest;
}

function withTimestamp(datum: MetricDatum, timestamp: string | undefined): MetricDatum {
  return timestamp === undefined ? datum : { ...datum, Timestamp: timestamp };
}

/** Latest instant with a four-digit year: later ones print as `+010000-…`, which no ISO 8601 reader takes. */
const MAX_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The ISO timestamp of a round's start; none (CloudWatch then uses the arrival time) when unreadable or outside 1970–9999. */
function toTimestamp(startedAt: string): string | undefined {
  const ms = Date.parse(startedAt);
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_TIMESTAMP_MS ? new Date(ms).toISOString() : undefined;
}

/**
 * CloudWatch takes dimension values of printable ASCII only, at least one of them not blank, and
 * rejects the whole request for one bad value. Config names are plain already (target names are
 * `[A-Za-z0-9_-]`, locations are regions); anything else is made safe here: `?` per other character.
 */
function dimensionValue(raw: string): string {
  const value = String(raw ?? '')
    .replace(/[^\x20-\x7e]/gu, '?')
    .trim();
  return value === '' ? 'unknown' : value.slice(0, MAX_DIMENSION_VALUE_LENGTH);
}
