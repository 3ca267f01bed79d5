import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { DeployConfigError } from './errors';
import { iam5ResourceFinding } from './nag-findings';
import { describePair, pairEvent, type ProbePair, type ProbeRuntime, runtimeOf } from './probe-pairs';
import { LATE_ROUND_MAX_AGE } from './probe-timing';

/**
 * The most characters one schedule's input may hold here: EventBridge rule targets allowed 8192, and
 * one target in one browser, defaults left out, takes a few hundred.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html
 */
export const MAX_SCHEDULE_INPUT_CHARS = 8192;
const MINUTES_PER_HOUR = 60;

/** Props of {@link ProbeSchedules}. */
export interface ProbeSchedulesProps {
  /** Every (target, browser) pair of the config: one schedule each. */
  readonly pairs: readonly ProbePair[];
  /** The function that runs each kind of pair (Firefox only when some pair needs it). */
  readonly functions: Readonly<Partial<Record<ProbeRuntime, IFunction>>>;
  /** Minutes between two rounds of a pair. */
  readonly scheduleMinutes: number;
}

/**
 * One EventBridge Scheduler schedule per (target, browser) pair, each invoking its function
 * asynchronously with that pair as input, so every pair is its own invocation: a round's time and
 * the schedule do not grow with the number of targets and browsers, and a slow target never delays
 * another. No retries: a late round would land in the next alarm period and make two rounds look like one.
 */
export class ProbeSchedules extends Construct {
  /** The group that holds this region's schedules (the smoke gate reads them from it). */
  readonly group: ScheduleGroup;
  /** The role Scheduler assumes to invoke the probe functions (one for all schedules). */
  readonly role: Role;
  readonly schedules: Schedule[];

  constructor(scope: Construct, id: string, props: ProbeSchedulesProps) {
    super(scope, id);
    // Deleted with the stack, and with it every schedule in it.
    this.group = new ScheduleGroup(this, 'Group', { removalPolicy: RemovalPolicy.DESTROY });
    this.role = new Role(this, 'Role', {
      // Only schedules of this account may assume it (confused-deputy protection).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'autocrm probe schedules: invoke the probe functions of this region',
    });
    const expression = scheduleExpression(props.scheduleMinutes);
    this.schedules = props.pairs.map((pair, index) => this.createSchedule(pair, index, expression, props));
    for (const fn of Object.values(props.functions)) if (fn) this.acknowledgeInvokeGrant(fn);
  }

  /** grantInvoke names the function and `ARN:*` (its versions and aliases); cdk-nag asks why. */
  private acknowledgeInvokeGrant(fn: IFunction): void {
    Validations.of(this.role).acknowledge({
      id: iam5ResourceFinding(this.role, `${fn.functionArn}:*`),
      reason:
        'lambda:InvokeFunction on one probe function and its versions (ARN and ARN:*), as grantInvoke writes it; the ' +
        'schedules invoke the unqualified function only.',
    });
  }

  private createSchedule(pair: ProbePair, index: number, expression: ScheduleExpression, props: ProbeSchedulesProps): Schedule {
    const fn = props.functions[runtimeOf(pair.browser)];
    if (!fn) throw new Error(`no probe function for ${pair.browser}: the stack must create it before the schedules`);
    const input = pairEvent(pair);
    const chars = JSON.stringify(input).length;
    if (chars > MAX_SCHEDULE_INPUT_CHARS) {
      throw new DeployConfigError(
        `targets: the schedule input of ${describePair(pair)} would be ${chars} characters, more than ${MAX_SCHEDULE_INPUT_CHARS}; ` +
          'shorten the target (selectors, patterns, URLs)',
      );
    }
    return new Schedule(this, `Pair${index}`, {
      description: `autocrm probe round of ${describePair(pair)} every ${props.scheduleMinutes} minute(s)`,
      schedule: expression,
      scheduleGroup: this.group,
      target: new LambdaInvoke(fn, {
        role: this.role,
        input: ScheduleTargetInput.fromObject(input),
        retryAttempts: 0,
        maxEventAge: LATE_ROUND_MAX_AGE,
      }),
    });
  }
}

/**
 * A cron expression at second 0 of every `minutes`-th minute when the interval divides the hour, so
 * every pair's round starts early in the first 30-second period of its minute, the same period for
 * every browser (the outage alarm compares them per period); otherwise a rate, which counts from the
 * schedule's creation.
 */
export function scheduleExpression(minutes: number): ScheduleExpression {
  if (MINUTES_PER_HOUR % minutes !== 0) return ScheduleExpression.rate(Duration.minutes(minutes));
  const minute = minutes === 1 ? '*' : minutes === MINUTES_PER_HOUR ? '0' : `0/${minutes}`;
  return ScheduleExpression.cron({ minute });
}
