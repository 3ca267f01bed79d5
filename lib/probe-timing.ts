import { Duration } from 'aws-cdk-lib';
import { LAMBDA_MAX_TIMEOUT_MS } from '../lambdas/core/config/defaults';
import { probeTimeoutMs } from '../lambdas/core/config/rules';
import type { TargetConfig } from '../lambdas/core/config/types';
import { DeployConfigError } from './errors';

/**
 * The function normally stops this long before the next scheduled round starts, so two rounds of
 * one region do not overlap (two Chromiums in one account region would skew each other's timings).
 */
export const SCHEDULE_GAP_SECONDS = 10;
/** EventBridge rate expressions and the alarm periods are whole minutes; an hour is the useful maximum. */
export const MAX_SCHEDULE_MINUTES = 60;
const LAMBDA_MAX_TIMEOUT_SECONDS = LAMBDA_MAX_TIMEOUT_MS / 1000;
/**
 * Maximum age of a scheduled invocation, on the EventBridge target and on the function's async
 * config alike: a round that could not start within a minute is dropped, never run late (it would
 * land in the next alarm period and make two rounds look like one). 60 s is the minimum both allow.
 */
export const LATE_ROUND_MAX_AGE = Duration.seconds(60);

/**
 * The Lambda timeout: `schedule × 60 − 10` s, but at least what all targets' rounds need one after
 * another plus the launch margin (`probeTimeoutMs`, which parseConfig keeps below the schedule),
 * and at most Lambda's 900 s. Throws when the rounds cannot fit at all.
 */
export function probeTimeoutSeconds(scheduleMinutes: number, targets: readonly TargetConfig[]): number {
  if (!Number.isInteger(scheduleMinutes) || scheduleMinutes < 1 || scheduleMinutes > MAX_SCHEDULE_MINUTES) {
    throw new DeployConfigError(
      `schedule: must be a whole number of minutes between 1 and ${MAX_SCHEDULE_MINUTES}, got ${scheduleMinutes}`,
    );
  }
  const neededSeconds = Math.ceil(probeTimeoutMs(targets) / 1000);
  const intervalSeconds = scheduleMinutes * 60;
  if (neededSeconds >= intervalSeconds || neededSeconds > LAMBDA_MAX_TIMEOUT_SECONDS) {
    throw new DeployConfigError(
      `targets[].timeouts.roundMs: all rounds plus the launch margin need ${neededSeconds} s, which must stay below the ` +
        `schedule (${intervalSeconds} s) and Lambda's ${LAMBDA_MAX_TIMEOUT_SECONDS} s; lower roundMs or raise schedule`,
    );
  }
  return Math.min(Math.max(neededSeconds, intervalSeconds - SCHEDULE_GAP_SECONDS), LAMBDA_MAX_TIMEOUT_SECONDS);
}
