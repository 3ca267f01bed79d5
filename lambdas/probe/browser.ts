/**
 * Launching the browser of a round and making sure it is gone afterwards. Chromium (Chrome's and
 * Edge's identities) comes from `@sparticuz/chromium`, Firefox is the machine's firefox-esr; a
 * browser that cannot start is our fault, reported as `probe_error`, never as the target being down.
 */
import type { Browser } from 'playwright-core';
import { BROWSER_ENGINES, type BrowserEngine, type BrowserName } from '../core/browsers';
import { launchChromium } from './browsers/chromium';
import type { EngineLaunch } from './browsers/engine-launch';
import { FIREFOX_PATH_ENV, FirefoxNotFoundError, launchFirefox } from './browsers/firefox';
import { killProcessesWithMarker, newMarker, waitUntilGone } from './browsers/processes';

export { chromiumArgs, resolveExecutablePath } from './browsers/chromium';
export { DEFAULT_FIREFOX_PATH, FIREFOX_PATH_ENV, FIREFOX_PREFS, firefoxExecutablePath } from './browsers/firefox';
export { findProcessesWithMarker, killProcessesWithMarker, MARKER_ENV, MARKER_PREFIX } from './browsers/processes';

/**
 * How long a browser may take to start before the round is a probe error (Chromium starts in about
 * 0.2 s, Firefox in 2-5 s on a busy 2-core machine).
 */
export const LAUNCH_TIMEOUT_MS = 30_000;
/** How long Playwright may take, once the browser is killed, to see it exit and remove its temporary profile. */
export const CLOSE_TIMEOUT_MS = 5_000;
/** How long a SIGKILLed browser may take to disappear (signal delivery and exit are asynchronous). */
const KILL_WAIT_MS = 2_000;

/** Thrown when no browser could be started: our fault, reported as `probe_error`. */
export class BrowserLaunchError extends Error {
  override readonly name = 'BrowserLaunchError';
}

export interface LaunchOptions {
  /** Which browser. @default 'chromium' */
  readonly browser?: BrowserName;
  /** @default LAUNCH_TIMEOUT_MS */
  readonly timeoutMs?: number;
  /** Where CHROMIUM_PATH and FIREFOX_PATH are read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Firefox preferences over FIREFOX_PREFS (the bench turns Firefox's timer clamping back on with them). */
  readonly firefoxPrefs?: Readonly<Record<string, boolean | number | string>>;
  /**
   * What the journey calls to get its browser. @default launchBrowser, a fresh browser per round;
   * the bench hands in one shared browser whose close() closes only the round's contexts.
   */
  readonly launcher?: (options: LaunchOptions) => Promise<LaunchedBrowser>;
}

/** A started browser plus what is needed to make sure it is gone again. */
export interface LaunchedBrowser {
  readonly name: BrowserName;
  readonly engine: BrowserEngine;
  readonly browser: Browser;
  /** A unique flag on the browser's command line (and id in its processes' environment), so they can be found and killed. */
  readonly marker: string;
  /** SIGKILL of every process carrying the marker, then Playwright's cleanup within CLOSE_TIMEOUT_MS. Never throws. */
  close(timeoutMs?: number): Promise<void>;
}

const ENGINE_LABELS: Readonly<Record<BrowserEngine, string>> = { chromium: 'Chromium', gecko: 'Firefox' };

/**
 * Starts the headless browser; any failure becomes a `BrowserLaunchError` naming the executable and
 * the fix. A browser that died while starting is started once more within the same time budget:
 * Chromium 147 with `--single-process` now and then exits during its start-up (about one start in
 * 200-400 on the 2-core machine), which says nothing about the target and would cost the round.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const name = options.browser ?? 'chromium';
  const engine = BROWSER_ENGINES[name];
  const until = Date.now() + (options.timeoutMs ?? LAUNCH_TIMEOUT_MS);
  for (let attempt = 1; ; attempt += 1) {
    const marker = newMarker();
    let executablePath = '(unresolved)';
    const launch: EngineLaunch = {
      marker,
      timeoutMs: Math.max(1, until - Date.now()),
      env: options.env ?? process.env,
      firefoxPrefs: options.firefoxPrefs ?? {},
      onExecutable: (path) => (executablePath = path),
    };
    try {
      const browser = engine === 'gecko' ? await launchFirefox(launch) : await launchChromium(launch);
      return { name, engine, browser, marker, close: (ms) => closeBrowser(browser, marker, ms) };
    } catch (error) {
      killProcessesWithMarker(marker);
      if (error instanceof FirefoxNotFoundError) throw new BrowserLaunchError(error.message);
      if (attempt < MAX_LAUNCHES && diedStarting(error) && until - Date.now() >= MIN_RELAUNCH_MS) continue;
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      const fix =
        engine === 'gecko'
          ? `Set ${FIREFOX_PATH_ENV} to a working Firefox (firefox-esr) binary.`
          : 'Set CHROMIUM_PATH to a working Chromium/Chrome binary if the bundled one cannot run here.';
      throw new BrowserLaunchError(`${ENGINE_LABELS[engine]} would not start (executable ${executablePath}): ${reason}. ${fix}`);
    }
  }
}

/** Starts of one browser per round: the first, and one more when it died while starting. */
const MAX_LAUNCHES = 2;
/** Time a second start needs at least; with less left, the first failure is reported. */
const MIN_RELAUNCH_MS = 1_000;

/**
 * Whether the browser process ran and went away before it was ready (Playwright: "Target page,
 * context or browser has been closed", "Browser closed", "Browser logs: … exited"), not one that
 * could not be run at all (a missing or non-executable file) or did not get ready in time.
 */
function diedStarting(error: unknown): boolean {
  if (!(error instanceof Error) || error.name === 'TimeoutError') return false;
  const { message } = error;
  if (/\b(ENOENT|EACCES|ENOEXEC)\b|Failed to launch/i.test(message)) return false;
  return /has been closed|browser closed|process did exit|exited|crash/i.test(message);
}

/**
 * Ends the browser at once: SIGKILL to its processes first, then Playwright's close, which sees the
 * exit and removes the temporary profile. A round keeps nothing of its browser (a fresh profile, no
 * downloads, traces or video), so a graceful shutdown buys nothing, and it costs: with
 * `--single-process`, Chromium 147 either aborts on a check at exit (SIGTRAP after about 0.15 s: the
 * core dumps the Lambda sweeps) or shuts down cleanly in 0.3 s (idle) to 2 s (busy 2-core machine).
 */
async function closeBrowser(browser: Browser, marker: string, timeoutMs = CLOSE_TIMEOUT_MS): Promise<void> {
  killProcessesWithMarker(marker);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    await Promise.race([browser.close().catch(() => undefined), timedOut]);
  } finally {
    clearTimeout(timer);
    // one more look at the whole process table (normally empty: the kill above took the browser
    // down); only what it finds is then watched until it has exited
    const killed = killProcessesWithMarker(marker);
    if (killed.length > 0) await waitUntilGone(marker, KILL_WAIT_MS, killed);
  }
}
