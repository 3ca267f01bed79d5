/**
 * Property: whatever figures a round produced — NaN, ±Infinity, -0, values beyond CloudWatch's ±2^360,
 * subnormal numbers, thousands of samples, names of any characters, timestamps of any text — the
 * mapper returns datums that PutMetricData accepts: finite values within range, at most 150 distinct
 * values per datum with as many counts, at most 30 dimensions whose values are 1–1024 printable ASCII
 * characters, a known name with its unit, a valid timestamp or none; and the batches and EMF lines
 * made from them stay within their limits too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toEmfLines } from '../../lambdas/core/emf';
import {
  MAX_ABS_VALUE,
  MAX_DIMENSIONS_PER_DATUM,
  MAX_VALUES_PER_DATUM,
  METRIC_NAMES,
  METRIC_UNIT_OF,
  sanitizeDatums,
  toMetricDatums,
  type MetricDatum,
} from '../../lambdas/core/metrics';
import { FAILURE_KINDS, STATUSES, type Distribution, type ProbeResult } from '../../lambdas/core/types';
import { MAX_DATUMS_PER_REQUEST, MAX_REQUEST_BYTES, splitIntoBatches } from '../../lambdas/publish/batches';
import { hostileNumber, hostileString } from './arbitraries';
import { fuzzRuns } from './settings';

/** CloudWatch dimension values: 1–1024 characters, ASCII without control characters, not only blanks. */
const DIMENSION_VALUE = /^(?=.*\S)[\x20-\x7e]{1,1024}$/s;
/** The smallest magnitude CloudWatch has documented as accepted besides 0 (2^-360). */
const MIN_ABS_VALUE = 2 ** -360;

const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });

const samples = fc.oneof(
  fc.array(hostileNumber, { maxLength: 20 }),
  fc.array(fc.double({ min: 0, max: 500 }), { minLength: 140, maxLength: 600 }),
);
const distribution: fc.Arbitrary<Distribution> = fc.record({ samples, p50: hostileNumber, p95: hostileNumber, max: hostileNumber });
const verdict = fc.record({ ok: fc.option(fc.boolean()), text: fc.option(hostileString) });

/** A ProbeResult of the right types with hostile values everywhere. */
const probeResult: fc.Arbitrary<ProbeResult> = fc.record({
  runId: hostileString,
  target: hostileString,
  location: hostileString,
  startedAt: fc.oneof(
    hostileString,
    fc.date({ noInvalidDate: false }).map((date) => (Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString())),
  ),
  durationMs: hostileNumber,
  status: fc.constantFrom(...STATUSES),
  failure: fc.option(
    fc.record({ kind: fc.constantFrom(...FAILURE_KINDS), step: fc.constant('login_page' as const), message: hostileString }),
  ),
  degraded: fc.constant([]),
  retried: fc.boolean(),
  coldStart: maybe(fc.boolean()),
  steps: fc.constant([]),
  loginPage: fc.option(
    fc.record({
      url: hostileString,
      httpStatus: fc.option(fc.integer()),
      ttfbMs: maybe(hostileNumber),
      loadMs: maybe(hostileNumber),
      elementsFound: fc.boolean(),
      missingElements: fc.constant([]),
      jsErrors: fc.nat(),
      fitsFullHd: fc.option(fc.boolean()),
    }),
  ),
  systemCheck: fc.option(
    fc.record({ url: fc.option(hostileString), durationMs: hostileNumber, browser: verdict, websocket: verdict, http: verdict }),
  ),
  browser: fc.constant(null),
  websocket: maybe(
    fc.record({ url: hostileString, connectMs: maybe(hostileNumber), rttMs: maybe(distribution), sent: fc.nat(), lost: fc.nat() }),
  ),
  http: maybe(fc.record({ url: hostileString, rttMs: maybe(distribution), failedRequests: fc.nat() })),
  bandwidth: maybe(
    fc.record({
      downloadMbps: maybe(hostileNumber),
      uploadMbps: maybe(hostileNumber),
      downloadBytes: fc.nat(),
      uploadBytes: fc.nat(),
      minDownloadMbps: hostileNumber,
      minUploadMbps: hostileNumber,
      meetsRequirement: fc.option(fc.boolean()),
    }),
  ),
  artifacts: fc.constant([]),
}) as fc.Arbitrary<ProbeResult>;

function isAccepted(value: unknown): boolean {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    Math.abs(value) <= MAX_ABS_VALUE &&
    (value === 0 || Math.abs(value) >= MIN_ABS_VALUE)
  );
}

function expectAccepted(datum: MetricDatum): void {
  expect(Object.values(METRIC_NAMES)).toContain(datum.MetricName);
  expect(datum.Unit).toBe(METRIC_UNIT_OF[datum.MetricName]);
  expect(datum.Dimensions.length).toBeLessThanOrEqual(MAX_DIMENSIONS_PER_DATUM);
  for (const dimension of datum.Dimensions) expect(dimension.Value).toMatch(DIMENSION_VALUE);
  expect((datum.Value === undefined) !== (datum.Values === undefined)).toBe(true);
  if (datum.Value !== undefined) expect(isAccepted(datum.Value), `Value ${datum.Value}`).toBe(true);
  if (datum.Values !== undefined) {
    expect(datum.Values.length).toBeGreaterThan(0);
    expect(datum.Values.length).toBeLessThanOrEqual(MAX_VALUES_PER_DATUM);
    expect(datum.Counts?.length).toBe(datum.Values.length);
    for (const value of [...datum.Values, ...(datum.Counts ?? [])]) expect(isAccepted(value), `value ${value}`).toBe(true);
  }
  if (datum.Timestamp !== undefined) expect(datum.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  if (datum.StorageResolution !== undefined) expect([1, 60]).toContain(datum.StorageResolution);
}

describe('fuzzed metric mapper', () => {
  it('every datum of any result is one PutMetricData accepts, and sanitizing changes nothing', () => {
    fc.assert(
      fc.property(probeResult, fc.boolean(), (result, perLocation) => {
        const datums = toMetricDatums(result, { perLocation });
        datums.forEach(expectAccepted);
        expect(sanitizeDatums(datums)).toEqual(datums);
        expect(JSON.stringify(datums)).not.toMatch(/NaN|Infinity|null/);
      }),
      fuzzRuns(300),
    );
  });

  it('batches keep to 1000 datums and the request size; EMF lines are JSON without NaN', () => {
    fc.assert(
      fc.property(fc.array(probeResult, { minLength: 1, maxLength: 6 }), (results) => {
        const datums = results.flatMap((result) => toMetricDatums(result));
        const batches = splitIntoBatches(datums);
        expect(batches.flat()).toEqual(datums);
        for (const batch of batches) {
          expect(batch.length).toBeLessThanOrEqual(MAX_DATUMS_PER_REQUEST);
          if (batch.length > 1) expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
        }
        for (const line of toEmfLines(datums, { namespace: 'Fuzz', now: () => 0 })) {
          expect(line).not.toMatch(/NaN|Infinity/);
          expect(() => JSON.parse(line) as unknown).not.toThrow();
        }
      }),
      fuzzRuns(100),
    );
  });
});
