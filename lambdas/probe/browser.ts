import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

/** How long Chromium may take to start before the round is a probe error. */
export const LAUNCH_TIMEOUT_MS = 30_000;
/** How long Playwright may take, once the browser is killed, to see it exit and remove its temporary profile. */
export const CLOSE_TIMEOUT_MS = 5_000;

/**
 * `@sparticuz/chromium`'s flags minus `--disable-web-security`: that one flag zeroes the Resource
 * Timing details (connectStart, requestStart, responseStart, transferSize) of same-origin fetches,
 * which the HTTP measurements read (bisected among all default flags, Chromium 147 and 156).
 */
export function chromiumArgs(): string[] {
  return chromium.args.filter((arg) => arg !== '--disable-web-security');
}

/**
 * Prefix of the unique switch every launch puts on Chromium's command line (Chromium ignores
 * switches it does not know), so the processes of one launch can be found and killed.
 */
export const MARKER_PREFIX = '--autocrm-synthetics-run=';

/** Thrown when no browser could be started: our fault, reported as `probe_error`. */
export class BrowserLaunchError extends Error {
  override readonly name = 'BrowserLaunchError';
}

let executablePathPromise: Promise<string> | undefined;

/**
 * The Chromium executable: `CHROMIUM_PATH` when set (laptops where the Lambda binary cannot run),
 * else `@sparticuz/chromium`'s, extracted to /tmp once per process (memoized: extraction costs ~1.5 s).
 */
export function resolveExecutablePath(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const override = env.CHROMIUM_PATH?.trim();
  if (override) return Promise.resolve(override);
  executablePathPromise ??= chromium.executablePath().catch((error: unknown) => {
    executablePathPromise = undefined;
    throw error;
  });
  return executablePathPromise;
}

export interface LaunchOptions {
  /** @default LAUNCH_TIMEOUT_MS */
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** A started browser plus what is needed to make sure it is gone again. */
export interface LaunchedBrowser {
  readonly browser: Browser;
  /** A unique flag on Chromium's command line, so its processes can be found and killed. */
  readonly marker: string;
  /** SIGKILL of every process carrying the marker, then Playwright's cleanup within CLOSE_TIMEOUT_MS. Never throws. */
  close(timeoutMs?: number): Promise<void>;
}

/** Starts headless Chromium; any failure becomes a `BrowserLaunchError` naming the executable. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const timeoutMs = options.timeoutMs ?? LAUNCH_TIMEOUT_MS;
  const marker = `${MARKER_PREFIX}${randomUUID()}`;
  let executablePath = '(unresolved)';
  try {
    executablePath = await resolveExecutablePath(options.env);
    const browser = await playwright.launch({
      executablePath,
      args: [...chromiumArgs(), marker],
      headless: true,
      timeout: timeoutMs,
    });
    return { browser, marker, close: (ms) => closeBrowser(browser, marker, ms) };
  } catch (error) {
    killProcessesWithMarker(marker);
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new BrowserLaunchError(
      `Chromium would not start (executable ${executablePath}): ${reason}. ` +
        'Set CHROMIUM_PATH to a working Chromium/Chrome binary if the bundled one cannot run here.',
    );
  }
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
    killProcessesWithMarker(marker);
    await waitUntilGone(marker, KILL_WAIT_MS);
  }
}

/** How long a SIGKILLed Chromium may take to disappear (signal delivery and exit are asynchronous). */
const KILL_WAIT_MS = 2_000;
const KILL_POLL_MS = 50;

/** Resolves once no live process carries `marker`, or after `timeoutMs`: close() returns with the browser really gone. */
async function waitUntilGone(marker: string, timeoutMs: number): Promise<void> {
  const endsAt = Date.now() + timeoutMs;
  while (findProcessesWithMarker(marker).length > 0 && Date.now() < endsAt) {
    await new Promise((resolve) => setTimeout(resolve, KILL_POLL_MS));
  }
}

/** PIDs of live processes whose command line contains `marker` (Linux /proc; empty elsewhere). */
export function findProcessesWithMarker(marker: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(marker)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Last resort after a close that did not finish: no Chromium may outlive its round. */
export function killProcessesWithMarker(marker: string): void {
  for (const pid of findProcessesWithMarker(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
