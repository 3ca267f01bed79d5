import { describe, expect, it } from 'vitest';
import { METRIC_NAMES, MetricLimitError, countSamples, sanitizeDatums, toMetricDatums, type MetricDatum } from '../../lambdas/core/metrics';
import type { ProbeResult } from '../../lambdas/core/types';
import { STARTED_AT, degradedResult, failedResult, passingResult, probeErrorResult } from '../publish/probe-results';

const T = STARTED_AT;
const perTarget = [
  { Name: 'Target', Value: 'autocrm-prod' },
  { Name: 'Location', Value: 'eu-central-1' },
];
const perLocation = [{ Name: 'Location', Value: 'eu-central-1' }];
const perBrowser = [...perTarget, { Name: 'Browser', Value: 'chromium' }];
const datum = (MetricName: string, Unit: string, Value: number, Dimensions = perTarget) => ({
  MetricName,
  Dimensions,
  Unit,
  Value,
  Timestamp: T,
});
/** `Availability` is high resolution (the outage alarm's 30-second periods); every other metric is standard. */
const highRes = (MetricName: string, Unit: string, Value: number, Dimensions = perTarget) => ({
  ...datum(MetricName, Unit, Value, Dimensions),
  StorageResolution: 1,
});

describe('toMetricDatums', () => {
  it('makes what CloudWatch would refuse safe: dimension values ASCII, 5e-324 as 0, a five-digit year as no timestamp', () => {
    // Prepare: three findings of the metric fuzzer (test/fuzz/metrics.test.ts).
    const odd = { ...passingResult, target: 'Zürich\u0000', startedAt: '+010000-01-01T00:00:00.000Z', durationMs: 5e-324 };
    // Act
    const datums = toMetricDatums(odd, { perLocation: false });
    // Assess
    const duration = datums.find((d) => d.MetricName === METRIC_NAMES.probeDuration);
    expect(duration?.Value).toBe(0);
    expect(duration?.Dimensions[0]).toEqual({ Name: 'Target', Value: 'Z?rich?' });
    expect(datums.every((d) => d.Timestamp === undefined)).toBe(true);
  });

  it('maps a passing round to every metric, raw RTT samples as Values/Counts, plus the per-location roll-ups', () => {
    // Prepare: passingResult (hand-built, every measurement present)
    // Act
    const datums = toMetricDatums(passingResult);
    // Assess
    expect(datums).toEqual([
      highRes('Availability', 'None', 1),
      datum('Degraded', 'Count', 0),
      datum('ProbeError', 'Count', 0),
      datum('LoginPageTTFB', 'Milliseconds', 42.5),
      datum('LoginPageLoad', 'Milliseconds', 180.25),
      datum('SystemCheckDuration', 'Milliseconds', 812),
      datum('WebSocketConnect', 'Milliseconds', 12.5),
      { MetricName: 'WebSocketRTT', Dimensions: perTarget, Unit: 'Milliseconds', Values: [1.5, 2, 3], Counts: [2, 1, 1], Timestamp: T },
      { MetricName: 'HttpRTT', Dimensions: perTarget, Unit: 'Milliseconds', Values: [4, 5, 6], Counts: [1, 1, 1], Timestamp: T },
      datum('DownloadMbps', 'Megabits/Second', 95.5),
      datum('UploadMbps', 'Megabits/Second', 40.25),
      datum('ProbeDuration', 'Milliseconds', 4321),
      datum('ColdStart', 'Count', 0),
      highRes('Availability', 'None', 1, perBrowser),
      datum('ProbeError', 'Count', 0, perBrowser),
      { MetricName: 'WebSocketRTT', Dimensions: perBrowser, Unit: 'Milliseconds', Values: [1.5, 2, 3], Counts: [2, 1, 1], Timestamp: T },
      { MetricName: 'HttpRTT', Dimensions: perBrowser, Unit: 'Milliseconds', Values: [4, 5, 6], Counts: [1, 1, 1], Timestamp: T },
      highRes('Availability', 'None', 1, perLocation),
      datum('ProbeError', 'Count', 0, perLocation),
    ]);
  });

  it('marks a degraded round available and degraded', () => {
    const datums = toMetricDatums(degradedResult);
    const byName = (name: string) => datums.filter((d) => d.MetricName === name && d.Dimensions.length === 2);
    expect(byName('Availability')).toEqual([highRes('Availability', 'None', 1)]);
    expect(byName('Degraded')).toEqual([datum('Degraded', 'Count', 1)]);
    expect(byName('DownloadMbps')).toEqual([datum('DownloadMbps', 'Megabits/Second', 9.5)]);
    expect(datums.some((d) => d.MetricName === 'Failure')).toBe(false);
  });

  it('maps a failed round to Availability 0 and a Failure count with its reason; absent measurements are not sent', () => {
    const datums = toMetricDatums(failedResult);
    expect(datums).toEqual([
      highRes('Availability', 'None', 0),
      datum('Failure', 'Count', 1, [...perTarget, { Name: 'Reason', Value: 'websocket' }]),
      datum('ProbeError', 'Count', 0),
      datum('LoginPageTTFB', 'Milliseconds', 42.5),
      datum('LoginPageLoad', 'Milliseconds', 180.25),
      datum('SystemCheckDuration', 'Milliseconds', 812),
      datum('ProbeDuration', 'Milliseconds', 4321),
      datum('ColdStart', 'Count', 0),
      highRes('Availability', 'None', 0, perBrowser),
      datum('Failure', 'Count', 1, [...perBrowser, { Name: 'Reason', Value: 'websocket' }]),
      datum('ProbeError', 'Count', 0, perBrowser),
      highRes('Availability', 'None', 0, perLocation),
      datum('ProbeError', 'Count', 0, perLocation),
    ]);
  });

  it('maps a probe error to ProbeError only: never to Availability or Failure', () => {
    const datums = toMetricDatums(probeErrorResult);
    expect(datums).toEqual([
      datum('ProbeError', 'Count', 1),
      datum('ProbeDuration', 'Milliseconds', 1500),
      datum('ColdStart', 'Count', 1),
      datum('ProbeError', 'Count', 1, perLocation),
    ]);
  });

  it('treats a failure of kind probe_error as a probe error even when the status says fail', () => {
    const result: ProbeResult = { ...failedResult, failure: { kind: 'probe_error', step: 'launch', message: 'x' } };
    const names = toMetricDatums(result).map((d) => d.MetricName);
    expect(names).not.toContain('Availability');
    expect(names).not.toContain('Failure');
    expect(names).toContain('ProbeError');
  });

  it('splits more than 150 distinct samples into several datums and keeps every sample', () => {
    const samples = Array.from({ length: 400 }, (_, i) => i / 4);
    const result: ProbeResult = { ...passingResult, http: { ...passingResult.http!, rttMs: { samples, p50: 0, p95: 0, max: 0 } } };
    const rtt = toMetricDatums(result).filter((d) => d.MetricName === 'HttpRTT' && d.Dimensions.length === 2);
    expect(rtt.map((d) => d.Values?.length)).toEqual([150, 150, 100]);
    expect(rtt.flatMap((d) => d.Values)).toEqual(samples);
    expect(countSamples(rtt)).toBe(400);
  });

  it('merges equal samples into Counts, so 1000 samples of few values fit one datum', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => i % 3);
    const result: ProbeResult = {
      ...passingResult,
      websocket: { ...passingResult.websocket!, rttMs: { samples, p50: 1, p95: 2, max: 2 } },
    };
    const rtt = toMetricDatums(result).filter((d) => d.MetricName === 'WebSocketRTT' && d.Dimensions.length === 2);
    expect(rtt).toHaveLength(1);
    expect(rtt[0]).toMatchObject({ Values: [0, 1, 2], Counts: [334, 333, 333] });
  });

  it('never sends NaN or ±Infinity, even when the result carries them', () => {
    const result: ProbeResult = {
      ...passingResult,
      durationMs: Number.NaN,
      loginPage: { ...passingResult.loginPage!, ttfbMs: Number.POSITIVE_INFINITY, loadMs: Number.NaN },
      websocket: {
        ...passingResult.websocket!,
        connectMs: Number.NEGATIVE_INFINITY,
        rttMs: { samples: [Number.NaN, 2, Infinity], p50: 2, p95: 2, max: 2 },
      },
      http: { ...passingResult.http!, rttMs: { samples: [Number.NaN], p50: Number.NaN, p95: Number.NaN, max: Number.NaN } },
      bandwidth: { ...passingResult.bandwidth!, downloadMbps: Number.NaN },
    };
    const datums = toMetricDatums(result);
    const names = datums.map((d) => d.MetricName);
    for (const absent of ['ProbeDuration', 'LoginPageTTFB', 'LoginPageLoad', 'WebSocketConnect', 'HttpRTT', 'DownloadMbps']) {
      expect(names).not.toContain(absent);
    }
    expect(datums.find((d) => d.MetricName === 'WebSocketRTT')).toMatchObject({ Values: [2], Counts: [1] });
    const numbers = datums.flatMap((d) => [d.Value, ...(d.Values ?? []), ...(d.Counts ?? [])]).filter((v) => v !== undefined);
    expect(numbers.every((v) => Number.isFinite(v))).toBe(true);
  });

  it("stamps every datum with the round's start, normalized to UTC ISO", () => {
    const result: ProbeResult = { ...passingResult, startedAt: '2026-11-27T11:00:00.250+01:00' };
    const stamps = new Set(toMetricDatums(result).map((d) => d.Timestamp));
    expect([...stamps]).toEqual(['2026-11-27T10:00:00.250Z']);
  });

  it('leaves the timestamp out (CloudWatch then uses arrival time) rather than sending an invalid one', () => {
    const result: ProbeResult = { ...passingResult, startedAt: 'not a date' };
    expect(toMetricDatums(result).every((d) => d.Timestamp === undefined)).toBe(true);
  });

  it('omits SystemCheckDuration when the page did not show all three verdicts', () => {
    const result: ProbeResult = { ...passingResult, systemCheck: { ...passingResult.systemCheck!, http: { ok: null, text: null } } };
    expect(toMetricDatums(result).map((d) => d.MetricName)).not.toContain('SystemCheckDuration');
  });

  it('omits ColdStart when unknown and the per-location roll-ups when asked to', () => {
    const { coldStart: _unknown, ...rest } = passingResult;
    const datums = toMetricDatums(rest, { perLocation: false });
    expect(datums.map((d) => d.MetricName)).not.toContain('ColdStart');
    expect(datums.every((d) => d.Dimensions.length >= 2)).toBe(true);
  });

  it('never sends an empty dimension value', () => {
    const result: ProbeResult = { ...passingResult, target: '  ' };
    expect(toMetricDatums(result)[0]?.Dimensions[0]).toEqual({ Name: 'Target', Value: 'unknown' });
  });

  it('publishes exactly the metric names of the contract', () => {
    expect(Object.values(METRIC_NAMES)).toEqual([
      'Availability',
      'Degraded',
      'Failure',
      'ProbeError',
      'LoginPageTTFB',
      'LoginPageLoad',
      'SystemCheckDuration',
      'WebSocketConnect',
      'WebSocketRTT',
      'HttpRTT',
      'DownloadMbps',
      'UploadMbps',
      'ProbeDuration',
      'ColdStart',
    ]);
  });
});

describe('sanitizeDatums', () => {
  const base: MetricDatum = { MetricName: 'HttpRTT', Dimensions: [{ Name: 'Target', Value: 't' }], Unit: 'Milliseconds' };

  it('drops non-finite values and counts, merges equal values and re-splits beyond 150 values', () => {
    const values = [...Array.from({ length: 200 }, (_, i) => i), Number.NaN, 5];
    const counts = [...Array.from({ length: 200 }, () => 1), 1, Infinity];
    const safe = sanitizeDatums([
      { ...base, Values: values, Counts: counts },
      { ...base, Value: Number.NaN },
    ]);
    expect(safe.map((d) => d.Values?.length)).toEqual([150, 50]);
    expect(countSamples(safe)).toBe(200);
  });

  it('keeps a StorageResolution of 1 or 60 and drops any other, which CloudWatch would reject with the whole request', () => {
    const odd = { ...base, Value: 1, StorageResolution: 5 } as unknown as MetricDatum;
    const safe = sanitizeDatums([{ ...base, Value: 1, StorageResolution: 1 }, { ...base, Values: [2], StorageResolution: 60 }, odd]);
    expect(safe).toEqual([
      { ...base, Value: 1, StorageResolution: 1 },
      { ...base, Values: [2], Counts: [1], StorageResolution: 60 },
      { ...base, Value: 1 },
    ]);
  });

  it('rejects a datum with more than 30 dimensions, a limit no sink can repair', () => {
    const dimensions = Array.from({ length: 31 }, (_, i) => ({ Name: 'Target' as const, Value: `v${i}` }));
    expect(() => sanitizeDatums([{ ...base, Dimensions: dimensions, Value: 1 }])).toThrow(MetricLimitError);
    expect(() => sanitizeDatums([{ ...base, Dimensions: dimensions, Value: 1 }])).toThrow(/31 dimensions; CloudWatch allows at most 30/);
  });
});
