import { createDeadline, type Deadline } from '../core/deadline';

/** Time for the failure artifacts' uploads (two small objects, in parallel). */
export const ARTIFACT_RESERVE_MS = 1_000;
/** Writing the log lines, returning the summary, and the Lambda runtime's own overhead. */
export const RETURN_SLACK_MS = 500;
/** Least time for publishing: one PutMetricData round trip to the home region, plus the EMF fallback. */
export const MIN_PUBLISH_RESERVE_MS = 2_000;
/**
 * Time kept back at the end of an invocation so the handler always reports before Lambda kills it.
 * It grows with the time granted (SAFETY_MARGIN_SHARE) so a far region's PutMetricData to the home
 * region (new TLS connection, a throttling retry) fits, between MIN and MAX. A round that runs into it
 * is cut: every step's budget comes from the deadline.
 */
export const MIN_SAFETY_MARGIN_MS = MIN_PUBLISH_RESERVE_MS + ARTIFACT_RESERVE_MS + RETURN_SLACK_MS;
/** Upper bound of the margin: more would only take time from the round. */
export const MAX_SAFETY_MARGIN_MS = 8_000;
/** Share of the time granted that is kept back (see MIN_SAFETY_MARGIN_MS). */
export const SAFETY_MARGIN_SHARE = 0.2;
/**
 * Publishing always gets at least this long, even when an overrunning round left less: enough for
 * one PutMetricData attempt or the EMF lines, and an attempt that Lambda's timeout might cut is
 * better than not publishing the round at all.
 */
export const MIN_PUBLISH_BUDGET_MS = 500;
/**
 * A scheduled round that failed is confirmed by one more round this long after it started: the outage
 * alarm's periods are 30 s (high resolution), so the confirmation's datapoint lands in the period after
 * the failed round's and a real outage fails two consecutive periods within one invocation.
 */
export const CONFIRMATION_DELAY_MS = 30_000;
/** Upper bound of CONFIRMATION_DELAY_MS's override: later than one 1-minute schedule interval helps nothing. */
export const MAX_CONFIRMATION_DELAY_MS = 60_000;
/**
 * Less than this left for a confirmation round (after its wait) and it is skipped and logged: a warm
 * launch plus one refused connection take 1–2 s, and below MIN_ROUND_BUDGET_MS (lambdas/round/run-round.ts) it would be a probe error.
 */
export const MIN_CONFIRMATION_BUDGET_MS = 3_000;

/** The margin kept back from `remainingMs` (see MIN_SAFETY_MARGIN_MS). */
export function safetyMarginMs(remainingMs: number): number {
  return Math.round(Math.min(MAX_SAFETY_MARGIN_MS, Math.max(MIN_SAFETY_MARGIN_MS, remainingMs * SAFETY_MARGIN_SHARE)));
}

/** The part of a Lambda context the deadline needs. */
export interface RemainingTimeSource {
  getRemainingTimeInMillis(): number;
}

/** The invocation's time plan: probes until `deadline`, then publishing within `publishBudgetMs`. */
export interface InvocationBudget {
  /** What Lambda grants minus the safety margin: every target's round ends before it. */
  readonly deadline: Deadline;
  readonly marginMs: number;
  /** What publishing may take after the probes (the margin minus artifacts and return slack). */
  readonly publishBudgetMs: number;
}

/** The time plan of one invocation, from what Lambda says is left when the handler starts. */
export function invocationBudget(context: RemainingTimeSource, now: () => number = Date.now): InvocationBudget {
  const remainingMs = context.getRemainingTimeInMillis();
  const marginMs = safetyMarginMs(remainingMs);
  return {
    deadline: createDeadline(Math.max(0, remainingMs - marginMs), now),
    marginMs,
    publishBudgetMs: marginMs - ARTIFACT_RESERVE_MS - RETURN_SLACK_MS,
  };
}

/**
 * A fair share for the next target: what is left divided by the targets still to probe, so one slow
 * target cannot starve the others; time a target does not use passes on to the next.
 */
export function targetDeadline(invocation: Deadline, targetsLeft: number, now: () => number = Date.now): Deadline {
  const shareMs = Math.floor(invocation.remainingMs() / Math.max(1, targetsLeft));
  return createDeadline(shareMs, now);
}
