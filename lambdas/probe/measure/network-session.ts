/**
 * A CDP session of our own with the Network domain on, beside Playwright's (which stays untouched):
 * the browser's own timestamps of requests and WebSocket handshakes, which page JavaScript sees only
 * clamped to 0.1 ms (Resource Timing) or not at all (the upgrade).
 */
import type { CDPSession, Page } from 'playwright-core';
import { withTimeout } from '../bounded';

/**
 * Attaching takes milliseconds; a page whose renderer is stuck (endless script, flooding socket)
 * may never answer `Network.enable`, and these figures are not worth holding the round for.
 */
const ATTACH_TIMEOUT_MS = 2_000;
/**
 * The part of a measurement's budget that attaching may use: a page too stuck to answer CDP is
 * too stuck to measure, and the measurement itself gets what is left (see `attachWithin`).
 */
const ATTACH_SHARE_OF_BUDGET = 0.5;
/** How long a detach may take before the caller goes on anyway (the figures are already in hand). */
const DETACH_TIMEOUT_MS = 500;

/**
 * True when the page's browser speaks the Chrome DevTools Protocol (Chromium, whatever identity it
 * presents). Firefox, driven over WebDriver BiDi, has no CDP: its measurements take other paths. A
 * page whose browser cannot be told is tried over CDP, as before browsers were configurable.
 */
export function hasDevTools(page: Page): boolean {
  let name: string | undefined;
  try {
    name = page.context().browser()?.browserType().name();
  } catch {
    name = undefined;
  }
  return name === undefined || name === 'chromium';
}

/**
 * A session on `page` with Network enabled, or undefined when the page cannot be observed within
 * `timeoutMs` (at most ATTACH_TIMEOUT_MS) or its browser has no DevTools.
 */
export async function openNetworkSession(page: Page, timeoutMs: number = ATTACH_TIMEOUT_MS): Promise<CDPSession | undefined> {
  if (!hasDevTools(page)) return undefined;
  const attach = async (): Promise<CDPSession> => {
    const session = await page.context().newCDPSession(page);
    await session.send('Network.enable');
    return session;
  };
  try {
    return await withTimeout(attach(), Math.max(1, Math.min(ATTACH_TIMEOUT_MS, timeoutMs)), 'attaching to the page over CDP');
  } catch {
    return undefined;
  }
}

/** Detaches, waiting at most DETACH_TIMEOUT_MS (a page flooded by its socket can be slow to let go). Never throws. */
export async function closeNetworkSession(session: CDPSession): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, DETACH_TIMEOUT_MS);
  });
  await Promise.race([session.detach().catch(() => undefined), gaveUp]);
  clearTimeout(timer);
}

/**
 * Starts an observer within a measurement's budget: attaching may use at most half of it, and the
 * budget left for the measurement is what remains, so observing never makes the step longer.
 */
export async function attachWithin<T>(
  budgetMs: number,
  start: (attachTimeoutMs: number) => Promise<T>,
): Promise<{ observer: T; leftMs: number }> {
  const startedAt = Date.now();
  const observer = await start(budgetMs * ATTACH_SHARE_OF_BUDGET);
  return { observer, leftMs: Math.max(1, budgetMs - (Date.now() - startedAt)) };
}
