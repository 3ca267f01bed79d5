/**
 * The rounds of one Lambda invocation: one per target and browser (lambdas/round/pairs.ts), one after
 * the other (one browser at a time fits the memory size), each within its fair share of the
 * invocation's deadline; then, for a scheduled invocation, the confirmation round of each round that
 * failed (same target, same browser): probed once more,
 * CONFIRMATION_DELAY_MS after that round started and without a retry, so a real outage leaves a
 * failing `Availability` datapoint in two consecutive 30-second periods of the same minute and the
 * outage alarm pages about a minute sooner than two rounds one minute apart would (docs/deploy.md,
 * "Alarms"); healthy rounds get none, so it costs nothing while autocrm is up. Each round is the
 * shared runner's (lambdas/round/run-round.ts); this file only plans them.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { TargetConfig } from '../core/config/types';
import type { Deadline } from '../core/deadline';
import type { RoundPorts, RoundResult } from '../round/ports';
import { targetsInBrowsers, type TargetInBrowser } from '../round/pairs';
import { runRound } from '../round/run-round';
import { MIN_CONFIRMATION_BUDGET_MS, targetDeadline } from './round-deadline';

/** Flap suppression: a failed round is run once more before it is reported (the result says so). */
export const PROBE_RETRIES = 1;

/** A result as the handler reports it: the round's result plus what happened to its artifacts. */
export type LambdaProbeResult = RoundResult;

/** What {@link probeTargets} needs for one invocation. */
export interface ProbeTargetsOptions {
  readonly targets: readonly TargetConfig[];
  readonly location: string;
  readonly runId: string;
  readonly coldStart: boolean;
  /** The invocation's deadline (Lambda's remaining time minus the safety margin). */
  readonly deadline: Deadline;
  readonly ports: RoundPorts;
}

/** One result per target and browser, in `targetsInBrowsers` order. Never throws: every problem is a result. */
export async function probeTargets(options: ProbeTargetsOptions): Promise<LambdaProbeResult[]> {
  const rounds = targetsInBrowsers(options.targets);
  const results: LambdaProbeResult[] = [];
  for (const [index, { target, browser }] of rounds.entries()) {
    const deadline = targetDeadline(options.deadline, rounds.length - index, () => options.ports.clock.now());
    // Extraction of Chromium lands on the container's very first round only.
    const coldStart = options.coldStart && index === 0;
    const plan = { target, browser, location: options.location, runId: options.runId, deadline, coldStart, retries: PROBE_RETRIES };
    results.push((await runRound(plan, options.ports)).result);
  }
  return results;
}

/** Artifacts of a confirmation round are stored as `…/<runId>/confirmation-<target>-<step>.png|.html`. */
export const CONFIRMATION_ARTIFACT_PREFIX = 'confirmation-';

/** What {@link confirmFailures} needs besides the options of the first rounds. */
export interface ConfirmationOptions extends ProbeTargetsOptions {
  /** How long after a failed round's `startedAt` its confirmation starts (CONFIRMATION_DELAY_MS). */
  readonly delayMs: number;
  /** Receives one WARN line per confirmation that had to be skipped. */
  readonly logger: Pick<Logger, 'warn'>;
  /** Waits `ms`; injectable for tests. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The first rounds' results followed by one confirmation result (`confirmation: true`) per failed
 * round, in round order. `results[i]` must be the round of `targetsInBrowsers(options.targets)[i]`, as
 * `probeTargets` returns them. A confirmation whose moment plus MIN_CONFIRMATION_BUDGET_MS lies beyond
 * the invocation deadline is skipped and logged.
 */
export async function confirmFailures(results: readonly LambdaProbeResult[], options: ConfirmationOptions): Promise<LambdaProbeResult[]> {
  const due = targetsInBrowsers(options.targets)
    .map((round, index) => ({ round, first: results[index] }))
    .filter((entry): entry is { round: TargetInBrowser; first: LambdaProbeResult } => entry.first?.status === 'fail');
  const confirmations: LambdaProbeResult[] = [];
  for (const [index, { round, first }] of due.entries()) {
    const confirmed = await confirmOne(round, first, due.length - index, options);
    if (confirmed) confirmations.push(confirmed);
  }
  return [...results, ...confirmations];
}

async function confirmOne(
  { target, browser }: TargetInBrowser,
  first: LambdaProbeResult,
  confirmationsLeft: number,
  options: ConfirmationOptions,
): Promise<LambdaProbeResult | undefined> {
  const now = (): number => options.ports.clock.now();
  const startAtMs = Date.parse(first.startedAt) + options.delayMs;
  // An unreadable startedAt cannot happen for an engine result; start at once rather than never.
  const waitMs = Number.isFinite(startAtMs) ? Math.max(0, startAtMs - now()) : 0;
  const skip = (reason: string): undefined => {
    options.logger.warn('confirmation round skipped', {
      target: target.name,
      browser,
      reason,
      waitMs,
      remainingMs: options.deadline.remainingMs(),
    });
    return undefined;
  };
  if (options.deadline.remainingMs() - waitMs < MIN_CONFIRMATION_BUDGET_MS) {
    return skip(
      `less than ${MIN_CONFIRMATION_BUDGET_MS} ms of the invocation would be left after waiting ${waitMs} ms; raise the function timeout`,
    );
  }
  if (waitMs > 0) await (options.sleep ?? sleep)(waitMs);
  const deadline = targetDeadline(options.deadline, confirmationsLeft, now);
  if (deadline.remainingMs() < MIN_CONFIRMATION_BUDGET_MS) {
    return skip(
      `only ${deadline.remainingMs()} ms were left for it, at least ${MIN_CONFIRMATION_BUDGET_MS} ms are needed; raise the function timeout`,
    );
  }
  const plan = {
    target,
    browser,
    location: options.location,
    runId: options.runId,
    deadline,
    coldStart: false,
    retries: 0,
    confirmation: true,
    artifactPrefix: CONFIRMATION_ARTIFACT_PREFIX,
  };
  return (await runRound(plan, options.ports)).result;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
