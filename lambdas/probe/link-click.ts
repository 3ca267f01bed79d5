/**
 * Clicking the System-Check link. Playwright's click first waits until the element is visible,
 * enabled and stable (its box unchanged over two animation frames: 15-35 ms even for a link that
 * stands still) and until the click would land on it. The finder reads the same facts in the page
 * as it finds the link (findLinkInPage's `lands`): when they held, the link is clicked without those
 * waits; otherwise with them, as before.
 */
import { DeadlineExceededError } from './bounded';
import type { FoundLink } from './system-check-link';

/**
 * Clicks the link within `clickMs`; a page that does not react is a timeout. A link the click
 * reached when it was found is clicked with `force`: Playwright still scrolls it into view, clicks
 * the middle of its box and waits for the navigation the click starts, but neither waits for two
 * animation frames nor checks the hit target again. Any other link (a configured one, one an overlay
 * covers, a disabled button, a page with an animation running) gets the click with every wait, which
 * holds off until the element can take it.
 */
export async function clickLink(link: FoundLink, clickMs: number): Promise<void> {
  try {
    await link.locator.click({ timeout: clickMs, force: link.lands });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new DeadlineExceededError(`clicking the System-Check link did not complete within ${clickMs} ms (the page did not respond)`);
    }
    throw error;
  }
}
