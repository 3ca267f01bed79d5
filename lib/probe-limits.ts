import { CfnResource, type Stack } from 'aws-cdk-lib';
import { DeployConfigError } from './errors';

/**
 * Lambda's default quota of concurrent executions per account and region (adjustable; a new account
 * may start lower). Every probe function of the region and every other function of the account
 * share it. https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
 */
export const LAMBDA_DEFAULT_CONCURRENCY = 1000;
/**
 * The monitor keeps to half of that default, so the account's own functions are not throttled at the
 * top of each minute, when every pair of the region starts at once.
 */
export const MAX_PROBE_CONCURRENCY = LAMBDA_DEFAULT_CONCURRENCY / 2;
/**
 * Invocations of one pair that can run at the same time: its scheduled round (which ends before the
 * next one starts, probe-timing.ts) and, during a deploy, the smoke gate's round of the same pair.
 */
export const PEAK_INVOCATIONS_PER_PAIR = 2;
/**
 * PutMetricData requests per second the home region accepts (adjustable). Every pair of every region
 * publishes once per round, all within the first seconds of the minute; beyond the quota CloudWatch
 * throttles, the publisher retries and then writes EMF (nothing is lost, but datapoints arrive late).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html
 */
export const PUT_METRIC_DATA_TPS = 500;
/**
 * Schedules per account and region (EventBridge Scheduler, adjustable): one per pair, never near.
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/scheduler-quotas.html
 */
export const MAX_SCHEDULES_PER_REGION = 10_000_000;
/**
 * Scheduler invocations per second per region in the primary regions (adjustable): all pairs of a
 * region fire in the same second; beyond it Scheduler delays the rest, below the concurrency bound.
 */
export const SCHEDULER_INVOCATIONS_TPS = 1000;
/**
 * CloudFormation's resources per stack (template), which synth also enforces: each pair adds a
 * schedule to its probe stack, and each target about 16 alarms (plus one per browser) to the monitoring stack.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
export const MAX_STACK_RESOURCES = 500;

/** What the fan-out of one deployment puts on the account's quotas. */
export interface FanOutSize {
  /** (target, browser) pairs, each probed from every region. */
  readonly pairs: number;
  readonly regions: number;
}

/**
 * Rejects a fan-out whose burst at the top of a minute would run into a quota of the region (Lambda
 * concurrency) or of the home region (PutMetricData), naming the limit, the count and the fix.
 */
export function checkFanOutLimits(size: FanOutSize): void {
  const concurrency = size.pairs * PEAK_INVOCATIONS_PER_PAIR;
  if (concurrency > MAX_PROBE_CONCURRENCY) {
    throw new DeployConfigError(
      `targets: ${size.pairs} (target, browser) pairs would run up to ${concurrency} probe invocations at once in each ` +
        `region (one per pair, twice during a deploy's smoke gate), more than the ${MAX_PROBE_CONCURRENCY} the monitor ` +
        `keeps to (half of Lambda's default ${LAMBDA_DEFAULT_CONCURRENCY} concurrent executions per region); ` +
        'list fewer targets or browsers per deployment',
    );
  }
  const requests = size.pairs * size.regions;
  if (requests > PUT_METRIC_DATA_TPS) {
    throw new DeployConfigError(
      `targets: ${size.pairs} pairs from ${size.regions} regions would send ${requests} PutMetricData requests to the home ` +
        `region within the same second each minute, more than CloudWatch's default ${PUT_METRIC_DATA_TPS} per second; ` +
        'list fewer targets, browsers or probeRegions per deployment',
    );
  }
}

/** Throws when `stack` holds more resources than one CloudFormation template may, naming what fills it. */
export function assertStackFits(stack: Stack, whatGrows: string): void {
  const resources = stack.node.findAll().filter((child) => child instanceof CfnResource).length;
  if (resources > MAX_STACK_RESOURCES) {
    throw new DeployConfigError(
      `targets: the stack ${stack.stackName} would hold ${resources} resources, more than CloudFormation's ` +
        `${MAX_STACK_RESOURCES} per stack (${whatGrows}); list fewer targets, browsers or probeRegions per deployment`,
    );
  }
}
