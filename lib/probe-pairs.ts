import type { BrowserName } from '../lambdas/core/browsers';
import { DEFAULT_BROWSERS } from '../lambdas/core/config/defaults';
import type { TargetConfig } from '../lambdas/core/config/types';
import { type ProbeRuntime, runtimeOf } from '../lambdas/core/names';
import { compactTargets } from './compact-targets';

export { PROBE_RUNTIMES, type ProbeRuntime, runtimeOf } from '../lambdas/core/names';

/** One scheduled invocation's subject: a target in one of its browsers. */
export interface ProbePair {
  readonly target: TargetConfig;
  readonly browser: BrowserName;
}

/** Every (target, browser) pair, targets in config order and each target's browsers in its own order. */
export function probePairs(targets: readonly TargetConfig[]): ProbePair[] {
  return targets.flatMap((target) => {
    const browsers = target.browsers.length > 0 ? target.browsers : DEFAULT_BROWSERS;
    return browsers.map((browser) => ({ target, browser }));
  });
}

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
