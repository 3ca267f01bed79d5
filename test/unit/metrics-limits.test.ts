/**
 * CloudWatch's value range at its edges: ±2^360 is the largest magnitude it takes, 2^-360 the smallest
 * besides 0, and one value outside the range fails the whole PutMetricData request. Found by mutation
 * testing lambdas/core/metrics-types.ts (the boundaries were never tested exactly at the limit).
 */
import { describe, expect, it } from 'vitest';
import { isPublishableValue, sanitizeDatums, toMetricDatums, toPublishableValue, type MetricDatum } from '../../lambdas/core/metrics';
import type { ProbeResult } from '../../lambdas/core/types';
import { passingResult } from '../publish/probe-results';

/** The documented range: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html */
const MAX_ABS_VALUE = 2 ** 360;
const MIN_ABS_VALUE = 2 ** -360;
/** PutMetricData's limit of dimensions per datum. */
const MAX_DIMENSIONS_PER_DATUM = 30;

const base: MetricDatum = { MetricName: 'ProbeDuration', Dimensions: [{ Name: 'Target', Value: 't' }], Unit: 'Milliseconds' };

/** The ProbeDuration datum CloudWatch would receive for a round of `durationMs`, if any. */
function probeDurationOf(durationMs: number): number | undefined {
  const result: ProbeResult = { ...passingResult, durationMs };
  return toMetricDatums(result, { perLocation: false }).find((d) => d.MetricName === 'ProbeDuration')?.Value;
}

describe('the CloudWatch value range', () => {
  it('accepts ±2^360 exactly and nothing beyond it', () => {
    // Assess: the largest number above 2^360 is 2^360 × (1 + 2^-52)
    const beyond = MAX_ABS_VALUE * (1 + Number.EPSILON);
    expect([MAX_ABS_VALUE, -MAX_ABS_VALUE].map(isPublishableValue)).toEqual([true, true]);
    expect([beyond, -beyond].map(isPublishableValue)).toEqual([false, false]);
    expect(toPublishableValue(MAX_ABS_VALUE)).toBe(MAX_ABS_VALUE);
    expect(toPublishableValue(-beyond)).toBeUndefined();
  });

  it('accepts ±2^-360 exactly, 0, and nothing between them', () => {
    const below = MIN_ABS_VALUE / 2;
    expect([MIN_ABS_VALUE, -MIN_ABS_VALUE, 0].map(isPublishableValue)).toEqual([true, true, true]);
    expect([below, -below, Number.MIN_VALUE].map(isPublishableValue)).toEqual([false, false, false]);
  });

  it('sends 2^-360 as it is and a smaller magnitude as 0 (no unit we publish tells them apart)', () => {
    expect(toPublishableValue(MIN_ABS_VALUE)).toBe(MIN_ABS_VALUE);
    expect(toPublishableValue(-MIN_ABS_VALUE)).toBe(-MIN_ABS_VALUE);
    expect(toPublishableValue(MIN_ABS_VALUE / 2)).toBe(0);
  });

  it('takes numbers only: a numeric string or a boolean from a foreign datum is no value', () => {
    expect(['5', true, null, undefined, 5n].map(isPublishableValue)).toEqual([false, false, false, false, false]);
    expect(['5', true, null].map(toPublishableValue)).toEqual([undefined, undefined, undefined]);
  });

  it('never lets NaN or ±Infinity through', () => {
    expect([Number.NaN, Infinity, -Infinity].map(isPublishableValue)).toEqual([false, false, false]);
    expect([Number.NaN, Infinity, -Infinity].map(toPublishableValue)).toEqual([undefined, undefined, undefined]);
  });
});

describe('toMetricDatums at the value range', () => {
  it('publishes a figure of 2^360 and drops one beyond it', () => {
    expect(probeDurationOf(MAX_ABS_VALUE)).toBe(MAX_ABS_VALUE);
    expect(probeDurationOf(MAX_ABS_VALUE * (1 + Number.EPSILON))).toBeUndefined();
  });

  it('publishes a figure of 2^-360 unchanged and a smaller one as 0', () => {
    expect(probeDurationOf(MIN_ABS_VALUE)).toBe(MIN_ABS_VALUE);
    expect(probeDurationOf(MIN_ABS_VALUE / 2)).toBe(0);
  });
});

describe('sanitizeDatums at the limits', () => {
  it('keeps a single Value at the range limits and drops one just outside, or of another type', () => {
    // Prepare: datums from elsewhere (metrics.json, a replay) may carry anything
    const values: unknown[] = [MAX_ABS_VALUE, MAX_ABS_VALUE * 2, MIN_ABS_VALUE, MIN_ABS_VALUE / 2, 0, '5', Infinity];
    const datums = values.map((Value) => ({ ...base, Value }) as unknown as MetricDatum);
    // Act
    const safe = sanitizeDatums(datums);
    // Assess
    expect(safe.map((d) => d.Value)).toEqual([MAX_ABS_VALUE, MIN_ABS_VALUE, 0]);
  });

  it('accepts exactly 30 dimensions, the most CloudWatch takes', () => {
    const dimensions = Array.from({ length: MAX_DIMENSIONS_PER_DATUM }, (_, i) => ({ Name: 'Target' as const, Value: `v${i}` }));
    expect(sanitizeDatums([{ ...base, Dimensions: dimensions, Value: 1 }])).toEqual([{ ...base, Dimensions: dimensions, Value: 1 }]);
  });
});
