/**
 * What the rounds of a run are: one per target and browser (`targets[].browsers`), targets in config
 * order and each target's browsers in its own order. Every place that runs rounds (the Lambda handler,
 * the CLI's `run` and `smoke`) plans them with this, so a browser is never looped over twice.
 */
import { DEFAULT_BROWSER, type BrowserName } from '../core/browsers';
import type { TargetConfig } from '../core/config/types';

/** One round's subject: a target in one of its browsers. */
export interface TargetInBrowser {
  readonly target: TargetConfig;
  readonly browser: BrowserName;
}

/** Every (target, browser) pair; a target that lists no browser gets DEFAULT_BROWSER. */
export function targetsInBrowsers(targets: readonly TargetConfig[]): TargetInBrowser[] {
  return targets.flatMap((target) => {
    const browsers: readonly BrowserName[] = target.browsers.length > 0 ? target.browsers : [DEFAULT_BROWSER];
    return browsers.map((browser) => ({ target, browser }));
  });
}
