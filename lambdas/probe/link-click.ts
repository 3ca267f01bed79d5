/**
 * Clicking the System-Check link. Playwright's click first waits until the element is visible,
 * enabled and stable (its box unchanged over two animation frames: 15-35 ms even for a link that
 * stands still) and until the click would land on it, and it runs its own script in the page to
 * look (installing it there takes 20-40 ms of the round). The finder reads the same facts in the
 * page as it finds the link (findLinkInPage's `point`): when they held, a person's click goes to
 * the point where it was seen to land; otherwise Playwright clicks with every wait, as before.
 */
import type { Frame, Page, Request } from 'playwright-core';
import { DeadlineExceededError, withTimeout } from './bounded';
import { departureInPage, DEPARTURE_KEY, type ViewportPoint } from './link-in-page';
import type { FoundLink } from './system-check-link';

/**
 * Clicks the link within `clickMs`; a page that does not react is a timeout. A link the finder saw
 * the click reach gets it at that point (clickAt). Any other link (a configured one, one an overlay
 * covers, a disabled button, a page with an animation running) gets Playwright's click with every
 * wait, which holds off until the element can take it.
 */
export async function clickLink(page: Page, link: FoundLink, clickMs: number): Promise<void> {
  try {
    if (link.point) await clickAt(page, link.point, clickMs);
    else await link.locator.click({ timeout: clickMs });
  } catch (error) {
    if (error instanceof DeadlineExceededError || (error instanceof Error && error.name === 'TimeoutError')) {
      throw new DeadlineExceededError(`clicking the System-Check link did not complete within ${clickMs} ms (the page did not respond)`);
    }
    throw error;
  }
}

/**
 * A click at `point`, then, as Playwright's click does, the wait until the navigation the click
 * started has its new document (or has ended without one: a network error, a download, an answer
 * without content), so that the verdicts are never read on the page being left. Whether one started
 * is asked of the page: the document recorded it (findLinkInPage's `departureKey`), or it is gone
 * (Chromium answers a document that is leaving only as the next one arrives, and then the
 * evaluation fails; its `framenavigated` follows), or another document answers. A click that
 * changes the page in place, moves within the document or opens a tab waits for nothing, and the
 * verdicts are read at once.
 */
async function clickAt(page: Page, point: ViewportPoint, clickMs: number): Promise<void> {
  const until = Date.now() + clickMs;
  const leftMs = (): number => Math.max(1, until - Date.now());
  // listening before the click: a fast server's document can arrive before the click returns
  const arrival = navigationEnd(page);
  try {
    await withTimeout(page.mouse.click(point.x, point.y), leftMs(), 'clicking the System-Check link');
    const departure = await withTimeout(
      // the document is gone: the next one is coming
      page.evaluate(departureInPage, DEPARTURE_KEY).catch(() => 'gone' as const),
      leftMs(),
      'reading whether the click navigates',
    );
    if (departure !== 'stays') await withTimeout(arrival.ended, leftMs(), 'waiting for the System-Check page');
  } finally {
    arrival.stop();
  }
}

/** Resolves when the page's main frame has a new document, or its navigation ended without one. */
function navigationEnd(page: Page): { readonly ended: Promise<void>; stop(): void } {
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const main = page.mainFrame();
  const onFrame = (frame: Frame): void => {
    if (frame === main) end();
  };
  const onFailed = (request: Request): void => {
    if (request.isNavigationRequest() && request.frame() === main) end();
  };
  // a navigation answered without a document to show (204, 205, a download): no commit follows;
  // a redirect's hop finishes too, and the navigation goes on
  const onFinished = (request: Request): void => {
    if (!request.isNavigationRequest() || request.frame() !== main) return;
    void request.response().then(
      (response) => {
        const status = response?.status() ?? 0;
        if (status < 300 || status >= 400) end();
      },
      () => end(),
    );
  };
  page.on('framenavigated', onFrame);
  page.on('requestfailed', onFailed);
  page.on('requestfinished', onFinished);
  page.on('download', end);
  page.on('close', end);
  return {
    ended,
    stop: () => {
      page.off('framenavigated', onFrame);
      page.off('requestfailed', onFailed);
      page.off('requestfinished', onFinished);
      page.off('download', end);
      page.off('close', end);
    },
  };
}
