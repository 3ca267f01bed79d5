import type { TargetConfig } from '../lambdas/core/config/types';
import { type ProbeRuntime, runtimeOf } from '../lambdas/core/names';
import { targetsInBrowsers, type TargetInBrowser } from '../lambdas/round/pairs';
import { compactTargets } from './compact-targets';

export { PROBE_RUNTIMES, type ProbeRuntime, runtimeOf } from '../lambdas/core/names';

/** One scheduled invocation's subject: a target in one of its browsers (the same pair a round runs). */
export type ProbePair = TargetInBrowser;

/** Every (target, browser) pair, planned as every round is: targets in config order, each target's browsers in its own order. */
export const probePairs: (targets: readonly TargetConfig[]) => ProbePair[] = targetsInBrowsers;

/** The pairs one kind of function runs. */
export function pairsOn(runtime: ProbeRuntime, pairs: readonly ProbePair[]): ProbePair[] {
  return pairs.filter((pair) => runtimeOf(pair.browser) === runtime);
}

/** The targets of `pairs`, each once, in order (what a function's IAM policy must cover). */
export function targetsOf(pairs: readonly ProbePair[]): TargetConfig[] {
  return [...new Set(pairs.map((pair) => pair.target))];
}

/**
 * The event of one pair's invocation: `{ targets: [the target, in this browser only] }`, defaults left
 * out. The handler runs exactly one round for it (plus, on a failure, its confirmation round).
 */
export function pairEvent(pair: ProbePair): { readonly targets: readonly unknown[] } {
  return { targets: compactTargets([{ ...pair.target, browsers: [pair.browser] }]) };
}

/** `autocrm in firefox`: how logs, descriptions and errors name a pair. */
export function describePair(pair: ProbePair): string {
  return `${pair.target.name} in ${pair.browser}`;
}
