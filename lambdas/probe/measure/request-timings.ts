/**
 * Request round trips from the Chrome DevTools Protocol: the network stack's own load timing of each
 * response (`Network.responseReceived` → `response.timing`), the very figures Resource Timing shows
 * the page, but at full precision: a page that is not cross-origin isolated sees them clamped to
 * 0.1 ms (with jitter), which is half a percentage point of a 20 ms round trip.
 */
import type { Page } from 'playwright-core';
import { closeNetworkSession, openNetworkSession } from './network-session';

/** Watches the responses of one page from now on. */
export interface RequestTimingObserver {
  /** Stops watching; request sent → first response byte (ms) by response URL, first response per URL. */
  stop(): Promise<Map<string, number>>;
}

/**
 * Records `timing.receiveHeadersStart − timing.sendStart` (Resource Timing's `responseStart −
 * requestStart`) for every response whose URL starts with `urlPrefix`. Never throws; a page that
 * cannot be observed yields an empty map, and the caller keeps the page's own figures.
 */
export async function observeRequestTimings(page: Page, urlPrefix: string, attachTimeoutMs?: number): Promise<RequestTimingObserver> {
  const session = await openNetworkSession(page, attachTimeoutMs);
  if (!session) return { stop: () => Promise.resolve(new Map()) };
  const timings = new Map<string, number>();
  session.on('Network.responseReceived', ({ response }) => {
    const timing = response.timing;
    if (!timing || !response.url.startsWith(urlPrefix) || timings.has(response.url)) return;
    // receiveHeadersStart is newer than receiveHeadersEnd; both are ms after timing.requestTime.
    const firstByte = timing.receiveHeadersStart ?? timing.receiveHeadersEnd;
    const roundTripMs = firstByte - timing.sendStart;
    if (timing.sendStart >= 0 && Number.isFinite(roundTripMs) && roundTripMs >= 0) timings.set(response.url, roundTripMs);
  });
  return {
    async stop() {
      await closeNetworkSession(session);
      return timings;
    },
  };
}
