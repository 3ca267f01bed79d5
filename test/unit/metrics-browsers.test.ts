/**
 * The Browser dimension: each round's PER_BROWSER_METRICS again with `Browser`, beside the roll-ups the
 * existing alarms read, and no series twice.
 */
import { describe, expect, it } from 'vitest';
import { DIMENSION_SETS, PER_BROWSER_METRICS, toMetricDatums, type MetricDatum } from '../../lambdas/core/metrics';
import type { ProbeResult } from '../../lambdas/core/types';
import { STARTED_AT, failedResult, passingResult, probeErrorResult } from '../publish/probe-results';

const firefoxFailed: ProbeResult = {
  ...failedResult,
  failure: { kind: 'browser_unsupported', step: 'system_check', message: 'System-Check browser verdict' },
  browser: {
    name: 'firefox',
    engine: 'gecko',
    version: '153.8.0',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
  },
};

/** The dimension names of a datum, in order: which set it belongs to. */
const setOf = (datum: MetricDatum): string => datum.Dimensions.map((d) => d.Name).join(',');
/** A series: metric, dimension names and values. */
const seriesOf = (datum: MetricDatum): string => `${datum.MetricName}|${JSON.stringify(datum.Dimensions)}`;

describe('toMetricDatums with a browser', () => {
  it('publishes a failed Firefox round per browser, per target and per location, each exactly once', () => {
    // Act
    const datums = toMetricDatums(firefoxFailed).filter((d) => ['Availability', 'Failure', 'ProbeError'].includes(d.MetricName));
    // Assess
    const dims = (...extra: { Name: string; Value: string }[]) => [
      { Name: 'Target', Value: 'autocrm-prod' },
      { Name: 'Location', Value: 'eu-central-1' },
      ...extra,
    ];
    const firefox = { Name: 'Browser', Value: 'firefox' };
    const reason = { Name: 'Reason', Value: 'browser_unsupported' };
    expect(datums).toEqual([
      { MetricName: 'Availability', Dimensions: dims(), Unit: 'None', Value: 0, Timestamp: STARTED_AT, StorageResolution: 1 },
      { MetricName: 'Failure', Dimensions: dims(reason), Unit: 'Count', Value: 1, Timestamp: STARTED_AT },
      { MetricName: 'ProbeError', Dimensions: dims(), Unit: 'Count', Value: 0, Timestamp: STARTED_AT },
      { MetricName: 'Availability', Dimensions: dims(firefox), Unit: 'None', Value: 0, Timestamp: STARTED_AT, StorageResolution: 1 },
      { MetricName: 'Failure', Dimensions: dims(firefox, reason), Unit: 'Count', Value: 1, Timestamp: STARTED_AT },
      { MetricName: 'ProbeError', Dimensions: dims(firefox), Unit: 'Count', Value: 0, Timestamp: STARTED_AT },
      {
        MetricName: 'Availability',
        Dimensions: [{ Name: 'Location', Value: 'eu-central-1' }],
        Unit: 'None',
        Value: 0,
        Timestamp: STARTED_AT,
        StorageResolution: 1,
      },
      {
        MetricName: 'ProbeError',
        Dimensions: [{ Name: 'Location', Value: 'eu-central-1' }],
        Unit: 'Count',
        Value: 0,
        Timestamp: STARTED_AT,
      },
    ]);
  });

  it('gives no series two datums in one round, whatever the round’s outcome', () => {
    for (const result of [passingResult, failedResult, firefoxFailed, probeErrorResult]) {
      // Act
      const series = toMetricDatums(result).map(seriesOf);
      // Assess
      expect(new Set(series).size, result.status).toBe(series.length);
    }
  });

  it('uses only the documented dimension sets, and Browser only on the per-browser metrics', () => {
    // Prepare
    const known = new Set(Object.values(DIMENSION_SETS).map((set) => set.join(',')));
    // Act
    const datums = [passingResult, firefoxFailed].flatMap((result) => toMetricDatums(result));
    // Assess
    for (const datum of datums) expect(known.has(setOf(datum)), setOf(datum)).toBe(true);
    const withBrowser = new Set(datums.filter((d) => setOf(d).includes('Browser')).map((d) => d.MetricName));
    expect([...withBrowser].sort()).toEqual([...PER_BROWSER_METRICS].sort());
  });

  it('keeps the per-target series the same values as the per-browser series of the same round', () => {
    // Act
    const datums = toMetricDatums(passingResult);
    // Assess: dropping the Browser dimension gives back exactly the per-target datums of those metrics
    const perBrowser = datums.filter((d) => setOf(d) === DIMENSION_SETS.perBrowser.join(','));
    const rolledUp = perBrowser.map((d) => ({ ...d, Dimensions: d.Dimensions.filter((x) => x.Name !== 'Browser') }));
    const perTarget = datums.filter((d) => setOf(d) === DIMENSION_SETS.perTarget.join(',') && PER_BROWSER_METRICS.includes(d.MetricName));
    expect(rolledUp).toEqual(perTarget);
  });

  it('publishes no Browser series for a result made without a round (a bad Lambda event)', () => {
    // Act
    const datums = toMetricDatums(probeErrorResult);
    // Assess
    expect(probeErrorResult.browser).toBeNull();
    expect(datums.some((d) => setOf(d).includes('Browser'))).toBe(false);
  });
});
