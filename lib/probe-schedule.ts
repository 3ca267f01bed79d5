import { Duration } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { TargetConfig } from '../lambdas/core/config/types';
import { compactTargets } from './compact-targets';
import { DeployConfigError } from './errors';
import { LATE_ROUND_MAX_AGE } from './probe-timing';

/**
 * EventBridge accepts at most 8192 characters of constant input per target.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html
 */
export const MAX_TARGET_INPUT_CHARS = 8192;

/** Props of {@link ProbeSchedule}. */
export interface ProbeScheduleProps {
  /** The function to invoke. */
  readonly probe: IFunction;
  /** Minutes between two rounds. */
  readonly scheduleMinutes: number;
  /** Sent as `{ "targets": [...] }` (defaults left out) with every invocation. */
  readonly targets: readonly TargetConfig[];
}

/**
 * Invokes the probe every `scheduleMinutes` with the targets as input. No retries: a late round
 * would land in the next period and make two rounds look like one.
 */
export class ProbeSchedule extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: ProbeScheduleProps) {
    super(scope, id);
    const input = { targets: compactTargets(props.targets) };
    const chars = JSON.stringify(input).length;
    if (chars > MAX_TARGET_INPUT_CHARS) {
      throw new DeployConfigError(
        `targets: the schedule input would be ${chars} characters, more than EventBridge's ${MAX_TARGET_INPUT_CHARS}; ` +
          'probe fewer targets per deployment',
      );
    }
    this.rule = new Rule(this, 'Rule', {
      description: `autocrm probe round every ${props.scheduleMinutes} minute(s)`,
      schedule: Schedule.rate(Duration.minutes(props.scheduleMinutes)),
      targets: [
        new LambdaFunction(props.probe, {
          event: RuleTargetInput.fromObject(input),
          retryAttempts: 0,
          maxEventAge: LATE_ROUND_MAX_AGE,
        }),
      ],
    });
  }
}
