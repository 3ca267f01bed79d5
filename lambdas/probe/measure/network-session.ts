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
/** How long a detach may take before the caller goes on anyway (the figures are already in hand). */
const DETACH_TIMEOUT_MS = 500;

/** A session on `page` with Network enabled, or undefined when the page cannot be observed in time. */
export async function openNetworkSession(page: Page): Promise<CDPSession | undefined> {
  const attach = async (): Promise<CDPSession> => {
    const session = await page.context().newCDPSession(page);
    await session.send('Network.enable');
    return session;
  };
  try {
    return await withTimeout(attach(), ATTACH_TIMEOUT_MS, 'attaching to the page over CDP');
  } catch {
    return undefined;
  }
}

/** Detaches, waiting at most DETACH_TIMEOUT_MS (a page flooded by its socket can be slow to let go). Never throws. */
export async function closeNetworkSession(session: CDPSession): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => { timer = setTimeout(resolve, DETACH_TIMEOUT_MS); });
  await Promise.race([session.detach().catch(() => undefined), gaveUp]);
  clearTimeout(timer);
}
