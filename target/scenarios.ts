import type { CheckName } from './designs/types';

/** The failure kinds (lambdas/core's FailureKind) a scenario can call for. */
export type ScenarioFailureKind = 'content' | 'browser_unsupported' | 'websocket' | 'http';

/** The browsers the requirement names, as a config's `browsers` list will name them (issue #23). */
export type BrowserIdentity = 'chromium' | 'firefox' | 'edge';

export type VerdictState = 'ok' | 'fail';

/**
 * One situation every design can be put in, with what a correct monitor makes of it: the state of
 * each verdict the page shows and the failure kind. The test ground for monitoring a page by its
 * URL alone (issue #18) and per browser (issue #23).
 */
export interface DesignScenario {
  readonly name: string;
  readonly faults: readonly string[];
  /** The verdicts a page shows to Chromium (Chrome's identity); undefined when there are none to reach. */
  readonly verdicts?: Readonly<Record<CheckName, VerdictState>>;
  /** The failure a monitor should report for Chromium; undefined when the round passes. */
  readonly failureKind?: ScenarioFailureKind;
  /** The browser whose verdict alone is `fail` (`browser_unsupported` for it, a pass for the others). */
  readonly rejects?: Exclude<BrowserIdentity, 'chromium'>;
}

const ALL_OK: Readonly<Record<CheckName, VerdictState>> = { browser: 'ok', websocket: 'ok', http: 'ok' };

/** Delay used by the late-verdicts scenario: later than a quick look, well inside a System-Check budget. */
export const LATE_VERDICT_MS = 4_000;

/** Every scenario of issue #18 (healthy … negated wording), late verdicts, and the #23 rejections. */
export const DESIGN_SCENARIOS: readonly DesignScenario[] = [
  { name: 'healthy', faults: [], verdicts: ALL_OK },
  { name: 'websocket-refused', faults: ['ws-refuse'], verdicts: { ...ALL_OK, websocket: 'fail' }, failureKind: 'websocket' },
  {
    name: 'browser-unsupported',
    faults: ['unsupported-browser'],
    verdicts: { ...ALL_OK, browser: 'fail' },
    failureKind: 'browser_unsupported',
  },
  { name: 'http-failing', faults: ['http-check-fail'], verdicts: { ...ALL_OK, http: 'fail' }, failureKind: 'http' },
  { name: 'no-link', faults: ['no-system-check-link'], failureKind: 'content' },
  {
    name: 'negated-wording',
    faults: ['ws-refuse', 'negated-wording'],
    verdicts: { ...ALL_OK, websocket: 'fail' },
    failureKind: 'websocket',
  },
  { name: 'late-verdicts', faults: [`verdict-delay=${LATE_VERDICT_MS}`], verdicts: ALL_OK },
  { name: 'firefox-rejected', faults: ['reject-firefox'], verdicts: ALL_OK, rejects: 'firefox' },
  { name: 'edge-rejected', faults: ['reject-edge'], verdicts: ALL_OK, rejects: 'edge' },
];

/** The verdicts `scenario` shows to `browser` (its own verdict fails where the scenario rejects it). */
export function verdictsFor(scenario: DesignScenario, browser: BrowserIdentity): Readonly<Record<CheckName, VerdictState>> | undefined {
  if (!scenario.verdicts || scenario.rejects !== browser) return scenario.verdicts;
  return { ...scenario.verdicts, browser: 'fail' };
}

/** The failure kind a monitor should report for `browser` in `scenario`. */
export function failureKindFor(scenario: DesignScenario, browser: BrowserIdentity): ScenarioFailureKind | undefined {
  return scenario.rejects === browser ? 'browser_unsupported' : scenario.failureKind;
}
