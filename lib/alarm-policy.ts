import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';

/** How many periods an alarm looks at, and how many of them must breach. */
export interface EvaluationPolicy {
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
}

/**
 * The outage alarm's period: a high-resolution alarm on the high-resolution `Availability` metric
 * (lambdas/core/metrics-types.ts `HIGH_RESOLUTION_METRICS`). A failed scheduled round and its
 * confirmation round 30 s later (lambdas/runtime/confirmation.ts) land in two consecutive periods, so
 * an outage pages within one schedule interval of being seen; CloudWatch evaluates 10- and 30-second
 * alarms every 10 s. https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 */
export const OUTAGE_PERIOD = Duration.seconds(30);

/**
 * The evaluation of every alarm kind, in one place so docs/deploy.md and the tests read the same
 * numbers. One period is one schedule interval (one round per location), except for the outage alarm
 * (OUTAGE_PERIOD).
 */
export const ALARM_POLICY = {
  /**
   * Quorum of locations failing in 2 consecutive 30-second periods (a failed round and its
   * confirmation). Missing = not breaching: when no location reports, the monitor is blind (its own
   * warning), which is not evidence that autocrm is down; and while autocrm is healthy only one of the
   * two periods of a minute has data at all.
   */
  outage: { evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: TreatMissingData.NOT_BREACHING },
  /**
   * One browser failing in a quorum of locations in 2 consecutive periods (lib/browser-alarms.ts): a
   * release that breaks autocrm in one browser warns within two rounds; missing = not breaching.
   */
  browser: { evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: TreatMissingData.NOT_BREACHING },
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
 * the "monitor blind" warning, so one blind plus one failing location cannot page; and with 30-second
 * periods a healthy location has data in only one period of each minute (confirmation rounds run only
 * after a failure), so the other period must not count as failing either.
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
