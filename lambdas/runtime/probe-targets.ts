/**
 * The rounds of one Lambda invocation: one per target, one after the other (one Chromium at a time
 * fits the memory size), each within its fair share of the invocation's deadline. Each round is the
 * shared runner's (lambdas/round/run-round.ts); this file only plans them.
 */
import type { TargetConfig } from '../core/config/types';
import type { Deadline } from '../core/deadline';
import type { RoundPorts, RoundResult } from '../round/ports';
import { runRound } from '../round/run-round';
import { targetDeadline } from './round-deadline';

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

/** One result per target, in order. Never throws: every problem is a result. */
export async function probeTargets(options: ProbeTargetsOptions): Promise<LambdaProbeResult[]> {
  const results: LambdaProbeResult[] = [];
  for (const [index, target] of options.targets.entries()) {
    const deadline = targetDeadline(options.deadline, options.targets.length - index, () => options.ports.clock.now());
    // Extraction of Chromium lands on the container's very first round only.
    const coldStart = options.coldStart && index === 0;
    const plan = { target, location: options.location, runId: options.runId, deadline, coldStart, retries: PROBE_RETRIES };
    results.push((await runRound(plan, options.ports)).result);
  }
  return results;
}
