/**
 * How datums are grouped into EMF lines, line for line: by timestamp and dimensions, one metric at
 * most once per line, Values without Counts, a standard resolution left out of the directive.
 * Found by mutation testing lambdas/core/emf.ts (91 %).
 */
import { describe, expect, it } from 'vitest';
import { toEmfLines } from '../../lambdas/core/emf';
import type { MetricDatum } from '../../lambdas/core/metrics';

const AT = '2026-11-27T20:00:00.000Z';
const AT_MS = Date.parse(AT);
const TARGET = [{ Name: 'Target', Value: 'reference' }] as const;
const LOCATION = [{ Name: 'Location', Value: 'local' }] as const;

const datum = (overrides: Partial<MetricDatum>): MetricDatum => ({
  MetricName: 'ProbeDuration',
  Dimensions: TARGET,
  Unit: 'Milliseconds',
  Timestamp: AT,
  ...overrides,
});

const emf = (datums: readonly MetricDatum[]) =>
  toEmfLines(datums, { namespace: 'NS', now: () => 0 }).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('toEmfLines, grouping', () => {
  it('puts datums of other dimensions or another time on lines of their own', () => {
    // Act
    const lines = emf([
      datum({ MetricName: 'ProbeDuration', Value: 1 }),
      datum({ MetricName: 'Availability', Unit: 'Count', Dimensions: LOCATION, Value: 1 }),
      datum({ MetricName: 'ProbeError', Unit: 'Count', Timestamp: '2026-11-27T20:01:00.000Z', Value: 0 }),
      datum({ MetricName: 'DownloadMbps', Unit: 'Megabits/Second', Value: 12 }),
    ]);
    // Assess
    expect(lines).toEqual([
      {
        _aws: {
          Timestamp: AT_MS,
          CloudWatchMetrics: [
            {
              Namespace: 'NS',
              Dimensions: [['Target']],
              Metrics: [
                { Name: 'ProbeDuration', Unit: 'Milliseconds' },
                { Name: 'DownloadMbps', Unit: 'Megabits/Second' },
              ],
            },
          ],
        },
        Target: 'reference',
        ProbeDuration: 1,
        DownloadMbps: 12,
      },
      {
        _aws: {
          Timestamp: AT_MS,
          CloudWatchMetrics: [{ Namespace: 'NS', Dimensions: [['Location']], Metrics: [{ Name: 'Availability', Unit: 'Count' }] }],
        },
        Location: 'local',
        Availability: 1,
      },
      {
        _aws: {
          Timestamp: AT_MS + 60_000,
          CloudWatchMetrics: [{ Namespace: 'NS', Dimensions: [['Target']], Metrics: [{ Name: 'ProbeError', Unit: 'Count' }] }],
        },
        Target: 'reference',
        ProbeError: 0,
      },
    ]);
  });

  it('starts a new line for a metric already on the line, so no value is overwritten', () => {
    // Act
    const lines = emf([datum({ Value: 1 }), datum({ Value: 2 })]);
    // Assess
    expect(lines.map((line) => line.ProbeDuration)).toEqual([1, 2]);
  });

  it('sends each of the Values once when there are no Counts', () => {
    expect(emf([datum({ Values: [3, 4, 5] })]).map((line) => line.ProbeDuration)).toEqual([[3, 4, 5]]);
  });

  it('declares StorageResolution only for high resolution, not for an explicit standard one', () => {
    // Act
    const [line] = emf([
      datum({ Value: 1, StorageResolution: 60 }),
      datum({ MetricName: 'Availability', Unit: 'Count', Value: 1, StorageResolution: 1 }),
    ]);
    // Assess
    const directive = (line?._aws as { CloudWatchMetrics: Array<{ Metrics: unknown[] }> }).CloudWatchMetrics[0];
    expect(directive?.Metrics).toEqual([
      { Name: 'ProbeDuration', Unit: 'Milliseconds' },
      { Name: 'Availability', Unit: 'Count', StorageResolution: 1 },
    ]);
  });
});
