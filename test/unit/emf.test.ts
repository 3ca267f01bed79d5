import { describe, expect, it } from 'vitest';
import { countEmfSamples, MAX_EMF_EXPANDED_VALUES, toEmfLines } from '../../lambdas/core/emf';
import { countSamples, toMetricDatums, type MetricDatum } from '../../lambdas/core/metrics';
import type { ProbeResult } from '../../lambdas/core/types';
import { STARTED_AT, passingResult, probeErrorResult } from '../publish/probe-results';

const NAMESPACE = 'AutoCRM/Synthetics';
const T_MS = Date.parse(STARTED_AT);
const parse = (lines: string[]) =>
  lines.map(
    (line) =>
      JSON.parse(line) as Record<string, unknown> & {
        _aws: {
          Timestamp: number;
          CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }>;
        };
      },
  );

describe('toEmfLines', () => {
  it('writes the exact EMF lines for a probe error: one per dimension set, at the round time', () => {
    // Prepare
    const datums = toMetricDatums(probeErrorResult);
    // Act
    const lines = toEmfLines(datums, { namespace: NAMESPACE });
    // Assess
    expect(lines).toEqual([
      JSON.stringify({
        _aws: {
          Timestamp: T_MS,
          CloudWatchMetrics: [
            {
              Namespace: NAMESPACE,
              Dimensions: [['Target', 'Location']],
              Metrics: [
                { Name: 'ProbeError', Unit: 'Count' },
                { Name: 'ProbeDuration', Unit: 'Milliseconds' },
                { Name: 'ColdStart', Unit: 'Count' },
              ],
            },
          ],
        },
        Target: 'autocrm-prod',
        Location: 'eu-central-1',
        ProbeError: 1,
        ProbeDuration: 1500,
        ColdStart: 1,
      }),
      JSON.stringify({
        _aws: {
          Timestamp: T_MS,
          CloudWatchMetrics: [{ Namespace: NAMESPACE, Dimensions: [['Location']], Metrics: [{ Name: 'ProbeError', Unit: 'Count' }] }],
        },
        Location: 'eu-central-1',
        ProbeError: 1,
      }),
    ]);
  });

  it('puts a passing round on one line per dimension set and expands Counts into repeated values', () => {
    const records = parse(toEmfLines(toMetricDatums(passingResult), { namespace: NAMESPACE }));
    expect(records.map((r) => r._aws.CloudWatchMetrics[0]?.Dimensions)).toEqual([
      [['Target', 'Location']],
      [['Target', 'Location', 'Browser']],
      [['Location']],
    ]);
    const [main] = records;
    expect(main?._aws.CloudWatchMetrics[0]?.Metrics).toContainEqual({ Name: 'WebSocketRTT', Unit: 'Milliseconds' });
    expect(main?._aws.CloudWatchMetrics[0]?.Metrics).toContainEqual({ Name: 'DownloadMbps', Unit: 'Megabits/Second' });
    expect(main?.WebSocketRTT).toEqual([1.5, 1.5, 2, 3]);
    expect(main?.HttpRTT).toEqual([4, 5, 6]);
    expect(main?.Availability).toBe(1);
  });

  it('declares Availability with StorageResolution 1 (high resolution) and leaves it out for standard metrics', () => {
    // Prepare
    const datums = toMetricDatums({
      ...passingResult,
      websocket: undefined,
      http: undefined,
      bandwidth: undefined,
      loginPage: null,
      systemCheck: null,
    });
    // Act
    const lines = toEmfLines(datums, { namespace: NAMESPACE });
    // Assess
    expect(lines).toEqual([
      JSON.stringify({
        _aws: {
          Timestamp: T_MS,
          CloudWatchMetrics: [
            {
              Namespace: NAMESPACE,
              Dimensions: [['Target', 'Location']],
              Metrics: [
                { Name: 'Availability', Unit: 'None', StorageResolution: 1 },
                { Name: 'Degraded', Unit: 'Count' },
                { Name: 'ProbeError', Unit: 'Count' },
                { Name: 'ProbeDuration', Unit: 'Milliseconds' },
                { Name: 'ColdStart', Unit: 'Count' },
              ],
            },
          ],
        },
        Target: 'autocrm-prod',
        Location: 'eu-central-1',
        Availability: 1,
        Degraded: 0,
        ProbeError: 0,
        ProbeDuration: 4321,
        ColdStart: 0,
      }),
      JSON.stringify({
        _aws: {
          Timestamp: T_MS,
          CloudWatchMetrics: [
            {
              Namespace: NAMESPACE,
              Dimensions: [['Target', 'Location', 'Browser']],
              Metrics: [
                { Name: 'Availability', Unit: 'None', StorageResolution: 1 },
                { Name: 'ProbeError', Unit: 'Count' },
              ],
            },
          ],
        },
        Target: 'autocrm-prod',
        Location: 'eu-central-1',
        Browser: 'chromium',
        Availability: 1,
        ProbeError: 0,
      }),
      JSON.stringify({
        _aws: {
          Timestamp: T_MS,
          CloudWatchMetrics: [
            {
              Namespace: NAMESPACE,
              Dimensions: [['Location']],
              Metrics: [
                { Name: 'Availability', Unit: 'None', StorageResolution: 1 },
                { Name: 'ProbeError', Unit: 'Count' },
              ],
            },
          ],
        },
        Location: 'eu-central-1',
        Availability: 1,
        ProbeError: 0,
      }),
    ]);
  });

  it('splits sample sets beyond 100 values across lines, so every sample arrives', () => {
    const samples = Array.from({ length: 250 }, (_, i) => i + 0.5);
    const result: ProbeResult = {
      ...passingResult,
      websocket: { ...passingResult.websocket!, rttMs: { samples, p50: 0, p95: 0, max: 0 } },
    };
    const datums = toMetricDatums(result);
    const records = parse(toEmfLines(datums, { namespace: NAMESPACE }));
    // once per target and location, once more per browser
    const rttArrays = records.map((r) => r.WebSocketRTT).filter((v) => v !== undefined) as number[][];
    expect(rttArrays.map((a) => a.length)).toEqual([100, 50, 100, 100, 50, 100]);
    expect(rttArrays.flat()).toEqual([...samples, ...samples]);
    expect(countEmfSamples(records.map((r) => JSON.stringify(r)))).toBe(countSamples(datums));
  });

  it('never declares more than 100 metrics on one line', () => {
    const many: MetricDatum[] = Array.from({ length: 140 }, (_, i) => ({
      MetricName: `Metric${i}` as MetricDatum['MetricName'],
      Dimensions: [{ Name: 'Target', Value: 't' }],
      Unit: 'Milliseconds',
      Value: i,
      Timestamp: STARTED_AT,
    }));
    const records = parse(toEmfLines(many, { namespace: NAMESPACE }));
    expect(records.map((r) => r._aws.CloudWatchMetrics[0]?.Metrics.length)).toEqual([100, 40]);
    expect(countEmfSamples(records.map((r) => JSON.stringify(r)))).toBe(140);
  });

  it('drops NaN and ±Infinity and uses the injected clock for datums without a timestamp', () => {
    const datums: MetricDatum[] = [
      {
        MetricName: 'HttpRTT',
        Dimensions: [{ Name: 'Location', Value: 'local' }],
        Unit: 'Milliseconds',
        Values: [1, Number.NaN, Infinity],
        Counts: [1, 1, 1],
      },
      { MetricName: 'ProbeDuration', Dimensions: [{ Name: 'Location', Value: 'local' }], Unit: 'Milliseconds', Value: Number.NaN },
    ];
    const records = parse(toEmfLines(datums, { namespace: NAMESPACE, now: () => 1_700_000_000_000 }));
    expect(records).toHaveLength(1);
    expect(records[0]?._aws.Timestamp).toBe(1_700_000_000_000);
    expect(records[0]?.HttpRTT).toBe(1);
    expect(records[0]).not.toHaveProperty('ProbeDuration');
  });

  it('bounds the expansion of huge Counts, keeping the shape of the distribution', () => {
    const datums: MetricDatum[] = [
      {
        MetricName: 'HttpRTT',
        Dimensions: [{ Name: 'Location', Value: 'local' }],
        Unit: 'Milliseconds',
        Values: [10, 20],
        Counts: [3e9, 1e9],
        Timestamp: '2026-11-27T10:00:00.000Z',
      },
    ];
    const values = parse(toEmfLines(datums, { namespace: NAMESPACE })).flatMap((record) => record.HttpRTT as number[]);
    expect(values).toHaveLength(MAX_EMF_EXPANDED_VALUES);
    expect(values.filter((value) => value === 10)).toHaveLength(MAX_EMF_EXPANDED_VALUES * 0.75);
  });
});
