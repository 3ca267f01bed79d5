/**
 * Real Firefox (Gecko), driven by playwright-core over WebDriver BiDi: Debian's `firefox-esr`, not a
 * Playwright build (which cannot be downloaded here and is patched). DevTools (CDP) does not exist
 * there, so the measurements take their Firefox paths (docs/measurement.md, Browsers and clocks).
 */
import { accessSync, constants } from 'node:fs';
import { firefox as playwright, type Browser } from 'playwright-core';
import type { EngineLaunch } from './engine-launch';
import { markerEnvironment } from './processes';

/** Where Debian and Ubuntu install Firefox ESR (`apt-get install firefox-esr`). */
export const DEFAULT_FIREFOX_PATH = '/usr/bin/firefox-esr';
/** Environment variable naming another Firefox executable. */
export const FIREFOX_PATH_ENV = 'FIREFOX_PATH';

/**
 * Preferences of every probe profile. Firefox coarsens every page clock (performance.now(), Resource
 * and Navigation Timing, event timestamps) to 1 ms against timing attacks, which is 5 % of a 20 ms
 * round trip; without `reduceTimerPrecision` it still rounds to 20 µs, and without the
 * `unconditional` floor as well the clocks are unclamped (measured on Firefox ESR 153: steps of
 * 0.3 µs). The probe profile is thrown away after each round and visits only the target.
 */
export const FIREFOX_PREFS: Readonly<Record<string, boolean>> = {
  'privacy.reduceTimerPrecision': false,
  'privacy.reduceTimerPrecision.unconditional': false,
};

/** The Firefox executable: `FIREFOX_PATH` when set, else Debian's firefox-esr. */
export function firefoxExecutablePath(env: NodeJS.ProcessEnv = process.env): string {
  return env[FIREFOX_PATH_ENV]?.trim() || DEFAULT_FIREFOX_PATH;
}

/** No Firefox at the path: a set-up problem of the machine, said plainly instead of Playwright's spawn error. */
export class FirefoxNotFoundError extends Error {
  override readonly name = 'FirefoxNotFoundError';
}

/** Starts headless Firefox with the probe preferences; the marker goes into every process's environment. */
export async function launchFirefox(launch: EngineLaunch): Promise<Browser> {
  const executablePath = firefoxExecutablePath(launch.env);
  launch.onExecutable(executablePath);
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new FirefoxNotFoundError(
      `Firefox not found at ${executablePath}; install firefox-esr (apt-get install firefox-esr) or set ${FIREFOX_PATH_ENV}`,
    );
  }
  return playwright.launch({
    channel: 'moz-firefox',
    executablePath,
    args: [launch.marker],
    env: { ...process.env, ...markerEnvironment(launch.marker) },
    firefoxUserPrefs: { ...FIREFOX_PREFS, ...launch.firefoxPrefs },
    headless: true,
    timeout: launch.timeoutMs,
  });
}
