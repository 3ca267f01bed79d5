import { Duration } from 'aws-cdk-lib';
import { LAMBDA_MAX_TIMEOUT_MS } from '../lambdas/core/config/defaults';
import { roundInvocationMs } from '../lambdas/core/config/rules';
import { DeployConfigError } from './errors';
import type { ProbePair } from './probe-pairs';

/**
 * The function normally stops this long before the next scheduled round of its pair starts, so one
 * pair's invocations never overlap (at most one running invocation per pair and region, which the
 * concurrency limit in probe-limits.ts counts on).
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
 * The Lambda timeout of a function that runs `pairs`, one pair per invocation: `schedule × 60 − 10` s,
 * so a failed round's confirmation 30 s later still fits, but at least what the slowest of its pairs
 * needs for one round plus its launch margin (`roundInvocationMs`, which parseConfig keeps below the
 * schedule), and at most Lambda's 900 s. It does not grow with the number of targets or browsers.
 * Throws when a round cannot fit at all.
 */
export function probeTimeoutSeconds(scheduleMinutes: number, pairs: readonly ProbePair[]): number {
  if (!Number.isInteger(scheduleMinutes) || scheduleMinutes < 1 || scheduleMinutes > MAX_SCHEDULE_MINUTES) {
    throw new DeployConfigError(
      `schedule: must be a whole number of minutes between 1 and ${MAX_SCHEDULE_MINUTES}, got ${scheduleMinutes}`,
    );
  }
  const slowest = Math.max(0, ...pairs.map((pair) => roundInvocationMs(pair.target.timeouts.roundMs, pair.browser)));
  const neededSeconds = Math.ceil(slowest / 1000);
  const intervalSeconds = scheduleMinutes * 60;
  if (neededSeconds >= intervalSeconds || neededSeconds > LAMBDA_MAX_TIMEOUT_SECONDS) {
    throw new DeployConfigError(
      `targets[].timeouts.roundMs: one round plus its launch margin needs ${neededSeconds} s, which must stay below the ` +
        `schedule (${intervalSeconds} s) and Lambda's ${LAMBDA_MAX_TIMEOUT_SECONDS} s; lower roundMs or raise schedule`,
    );
  }
  return Math.min(Math.max(neededSeconds, intervalSeconds - SCHEDULE_GAP_SECONDS), LAMBDA_MAX_TIMEOUT_SECONDS);
}
