/**
 * What CloudWatch receives for rounds at the edges of the result shape: a status without the failure
 * record that usually comes with it, measurements without their RTT, a System-Check cut short at any
 * verdict, round times at the limits of 1970–9999, dimension values at CloudWatch's length limit, and
 * counts that are no samples. Found by mutation testing lambdas/core/metrics.ts.
 */
import { describe, expect, it } from 'vitest';
import { MetricLimitError, countSamples, sanitizeDatums, toMetricDatums, type MetricDatum } from '../../lambdas/core/metrics';
import type { ProbeResult } from '../../lambdas/core/types';
import { failedResult, passingResult } from '../publish/probe-results';

/** The per-target datums (Target and Location, plus Reason for Failure) of a round. */
function perTarget(result: ProbeResult): MetricDatum[] {
  return toMetricDatums(result, { perLocation: false }).filter((d) => !d.Dimensions.some((dim) => dim.Name === 'Browser'));
}

const names = (datums: readonly MetricDatum[]) => datums.map((d) => d.MetricName);

describe('toMetricDatums: the status decides', () => {
  it('publishes a round with status error as ProbeError 1, never as unavailable, whatever its failure record says', () => {
    // Prepare: an error round whose failure record is missing, and one whose record names another kind
    const noRecord: ProbeResult = { ...failedResult, status: 'error', failure: null };
    const otherKind: ProbeResult = { ...failedResult, status: 'error' };
    for (const result of [noRecord, otherKind]) {
      // Act
      const datums = perTarget(result);
      // Assess
      expect(names(datums)).not.toContain('Availability');
      expect(names(datums)).not.toContain('Failure');
      expect(datums.find((d) => d.MetricName === 'ProbeError')?.Value).toBe(1);
    }
  });

  it('counts a failed round without a failure record under Reason "unknown"', () => {
    // Prepare
    const result: ProbeResult = { ...failedResult, failure: null };
    // Act
    const failure = perTarget(result).find((d) => d.MetricName === 'Failure');
    // Assess
    expect(failure?.Value).toBe(1);
    expect(failure?.Dimensions).toEqual([
      { Name: 'Target', Value: 'autocrm-prod' },
      { Name: 'Location', Value: 'eu-central-1' },
      { Name: 'Reason', Value: 'unknown' },
    ]);
  });
});

describe('toMetricDatums: absent parts of a measurement', () => {
  it('sends no HttpRTT or WebSocketRTT for measurements that got no round trip at all', () => {
    // Prepare: every request failed, no WebSocket message came back
    const { rttMs: _http, ...http } = passingResult.http!;
    const { rttMs: _ws, ...websocket } = passingResult.websocket!;
    const result: ProbeResult = { ...passingResult, http: { ...http, failedRequests: 3 }, websocket: { ...websocket, lost: 4 } };
    // Act
    const sent = names(toMetricDatums(result));
    // Assess
    expect(sent).not.toContain('HttpRTT');
    expect(sent).not.toContain('WebSocketRTT');
    expect(sent).toContain('WebSocketConnect');
  });

  it('omits SystemCheckDuration when any one of the three verdicts is unread, and sends it when all three are', () => {
    const check = passingResult.systemCheck!;
    const unread = { ok: null, text: null };
    for (const verdict of ['browser', 'websocket', 'http'] as const) {
      // Prepare
      const result: ProbeResult = { ...passingResult, systemCheck: { ...check, [verdict]: unread } };
      // Act + Assess
      expect(names(toMetricDatums(result))).not.toContain('SystemCheckDuration');
    }
    const failedVerdict: ProbeResult = { ...passingResult, systemCheck: { ...check, http: { ok: false, text: 'HTTP-Fehler' } } };
    expect(perTarget(failedVerdict).find((d) => d.MetricName === 'SystemCheckDuration')?.Value).toBe(812);
  });
});

describe('toMetricDatums: the round time as Timestamp', () => {
  /** The Timestamp field of the round's ProbeDuration datum, or absent. */
  const stampOf = (startedAt: string) => perTarget({ ...passingResult, startedAt }).find((d) => d.MetricName === 'ProbeDuration');

  it('keeps the first instant of 1970 and the last of 9999', () => {
    expect(stampOf('1970-01-01T00:00:00.000Z')?.Timestamp).toBe('1970-01-01T00:00:00.000Z');
    expect(stampOf('9999-12-31T23:59:59.999Z')?.Timestamp).toBe('9999-12-31T23:59:59.999Z');
  });

  it('sends no Timestamp field at all for a time before 1970 (CloudWatch then uses the arrival time)', () => {
    expect(stampOf('1969-12-31T23:59:59.999Z')).toStrictEqual({
      MetricName: 'ProbeDuration',
      Dimensions: [
        { Name: 'Target', Value: 'autocrm-prod' },
        { Name: 'Location', Value: 'eu-central-1' },
      ],
      Unit: 'Milliseconds',
      Value: 4321,
    });
  });
});

describe('toMetricDatums: dimension values', () => {
  it('cuts a dimension value to 1024 characters, the most CloudWatch takes', () => {
    // Prepare
    const result: ProbeResult = { ...passingResult, target: 't'.repeat(1025) };
    // Act
    const target = perTarget(result)[0]?.Dimensions[0];
    // Assess
    expect(target).toEqual({ Name: 'Target', Value: 't'.repeat(1024) });
  });

  it('publishes a result without a location (a bad event) under "unknown", never an empty or made-up value', () => {
    // Prepare
    const result = { ...passingResult, location: undefined } as unknown as ProbeResult;
    // Act
    const locations = toMetricDatums(result).flatMap((d) => d.Dimensions.filter((dim) => dim.Name === 'Location'));
    // Assess
    expect(locations.length).toBeGreaterThan(0);
    expect(new Set(locations.map((dim) => dim.Value))).toEqual(new Set(['unknown']));
  });
});

describe('sanitizeDatums: counts', () => {
  const base: MetricDatum = { MetricName: 'HttpRTT', Dimensions: [{ Name: 'Target', Value: 't' }], Unit: 'Milliseconds' };

  it('drops values counted 0 or fewer times: they are no samples', () => {
    // Act
    const safe = sanitizeDatums([{ ...base, Values: [1, 2, 3], Counts: [0, -2, 4] }]);
    // Assess
    expect(safe).toEqual([{ ...base, Values: [3], Counts: [4] }]);
    expect(countSamples(safe)).toBe(4);
  });

  it('names its error MetricLimitError, so logs and callers can tell a datum bug from a CloudWatch failure', () => {
    const dimensions = Array.from({ length: 31 }, (_, i) => ({ Name: 'Target' as const, Value: `v${i}` }));
    let caught: unknown;
    try {
      sanitizeDatums([{ ...base, Dimensions: dimensions, Value: 1 }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MetricLimitError);
    expect((caught as Error).name).toBe('MetricLimitError');
  });
});
