import { ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';

/** How many periods an alarm looks at, and how many of them must breach. */
export interface EvaluationPolicy {
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
}

/**
 * The evaluation of every alarm kind, in one place so docs/deploy.md and the tests read the same
 * numbers. One period is one schedule interval (one round per location).
 */
export const ALARM_POLICY = {
  /**
   * Quorum of locations failing in 2 consecutive periods. Missing = not breaching: when no location
   * reports, the monitor is blind (its own warning), which is not evidence that autocrm is down.
   */
  outage: { evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: TreatMissingData.NOT_BREACHING },
  /** One location failing in 3 of 5 periods: a regional problem, no page. */
  degradation: { evaluationPeriods: 5, datapointsToAlarm: 3, treatMissingData: TreatMissingData.NOT_BREACHING },
  /** A threshold crossed in 3 of 5 periods, so a single slow round does not notify. */
  performance: { evaluationPeriods: 5, datapointsToAlarm: 3, treatMissingData: TreatMissingData.NOT_BREACHING },
  /** No round arrived from a location for 3 periods: missing data is exactly the problem. */
  blind: { evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: TreatMissingData.BREACHING },
  /** Probe errors (our fault) in 3 of 5 periods. */
  probeErrors: { evaluationPeriods: 5, datapointsToAlarm: 3, treatMissingData: TreatMissingData.NOT_BREACHING },
} as const satisfies Record<string, EvaluationPolicy>;

/** CloudWatch metric math alarms take at most 10 metrics: one per location in the outage expression. */
export const MAX_OUTAGE_LOCATIONS = 10;

/** The comparison operators used, named by what they mean for the metric. */
export const ABOVE = ComparisonOperator.GREATER_THAN_THRESHOLD;
export const AT_LEAST = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
export const BELOW = ComparisonOperator.LESS_THAN_THRESHOLD;

/**
 * The metric math of the outage alarm: the number of locations whose round failed in the period.
 * `FILL(aN, 1)` counts a location without data as not failing: a location that stops reporting is
 * the "monitor blind" warning, so one blind plus one failing location cannot page.
 */
export function failingLocationsExpression(metricIds: readonly string[]): string {
  return metricIds.map((id) => `(1 - FILL(${id}, 1))`).join(' + ');
}

/** What one alarm watches and what it tells the person who reads it. */
export interface AlarmSpec {
  readonly id: string;
  readonly name: string;
  readonly metric: IMetric;
  readonly threshold: number;
  readonly comparison: ComparisonOperator;
  readonly policy: EvaluationPolicy;
  /** What is wrong, where, and what to check first. */
  readonly description: string;
}
