/**
 * Names of the probe functions in every probe region. Lambda names are per region, so one fixed name
 * never clashes, and `smoke --remote` can find the functions without a lookup.
 */
import type { BrowserName } from './browsers';

/** The zip function with the Chromium layer: Chromium (Chrome's identity) and Edge's identity on it. */
export const PROBE_FUNCTION_NAME = 'autocrm-synthetics-probe';
/** Appended to the probe's name for the container-image function that runs real Firefox. */
export const FIREFOX_FUNCTION_SUFFIX = '-firefox';
/** The Firefox function (`autocrm-synthetics-probe-firefox`): there is no Firefox for the zip runtime. */
export const FIREFOX_PROBE_FUNCTION_NAME = `${PROBE_FUNCTION_NAME}${FIREFOX_FUNCTION_SUFFIX}`;

/**
 * The two kinds of probe function in a region: `chromium` (the zip function) runs Chromium and Edge's
 * identity on the same Chromium; `firefox` runs real Firefox in a container image of its own.
 */
export const PROBE_RUNTIMES = ['chromium', 'firefox'] as const;
export type ProbeRuntime = (typeof PROBE_RUNTIMES)[number];

/** The function kind that runs `browser`. */
export function runtimeOf(browser: BrowserName): ProbeRuntime {
  return browser === 'firefox' ? 'firefox' : 'chromium';
}

/** The name of the function that runs `runtime`, from the probe's name (or a pattern of it). */
export function functionNameOf(runtime: ProbeRuntime, probeName: string = PROBE_FUNCTION_NAME): string {
  return runtime === 'firefox' ? `${probeName}${FIREFOX_FUNCTION_SUFFIX}` : probeName;
}
