/**
 * Request round trips from the Chrome DevTools Protocol: the network stack's own load timing of each
 * response (`Network.responseReceived` → `response.timing`), the very figures Resource Timing shows
 * the page, but at full precision: a page that is not cross-origin isolated sees them clamped to
 * 0.1 ms (with jitter), which is half a percentage point of a 20 ms round trip.
 */
import type { Page } from 'playwright-core';
import type { ClockSource } from '../../core/types';
import { closeNetworkSession, openNetworkSession } from './network-session';

/** One response's load timing, ms after the request's own `requestTime`. */
export interface RequestTiming {
  /** Chromium starts writing the request (Resource Timing's `requestStart`). */
  readonly sendStartMs: number;
  /** The request is written to the socket. */
  readonly sendEndMs: number;
  /** The first byte of the response headers arrived (Resource Timing's `responseStart`). */
  readonly firstByteMs: number;
}

/** Watches the responses of one page from now on. */
export interface RequestTimingObserver {
  /** Where the timings come from; undefined when the page could not be observed (no DevTools: Firefox). */
  readonly clock?: ClockSource;
  /** Stops watching; the load timing by response URL, first response per URL. */
  stop(): Promise<Map<string, RequestTiming>>;
}

/**
 * Records the load timing of every response whose URL starts with `urlPrefix`. Never throws; a page
 * that cannot be observed yields an empty map, and the caller keeps the page's own figures.
 */
export async function observeRequestTimings(page: Page, urlPrefix: string, attachTimeoutMs?: number): Promise<RequestTimingObserver> {
  const session = await openNetworkSession(page, attachTimeoutMs);
  if (!session) return { stop: () => Promise.resolve(new Map()) };
  const timings = new Map<string, RequestTiming>();
  session.on('Network.responseReceived', ({ response }) => {
    const timing = response.timing;
    if (!timing || !response.url.startsWith(urlPrefix) || timings.has(response.url)) return;
    // receiveHeadersStart is newer than receiveHeadersEnd; all are ms after timing.requestTime.
    const firstByteMs = timing.receiveHeadersStart ?? timing.receiveHeadersEnd;
    const { sendStart, sendEnd } = timing;
    if ([sendStart, sendEnd, firstByteMs].every(Number.isFinite) && sendStart >= 0 && firstByteMs >= sendStart) {
      timings.set(response.url, { sendStartMs: sendStart, sendEndMs: sendEnd, firstByteMs });
    }
  });
  return {
    clock: 'devtools',
    async stop() {
      await closeNetworkSession(session);
      return timings;
    },
  };
}

/**
 * Round trips (ms) by URL: request on its way → first response byte. That is `firstByte − sendStart`
 * (Resource Timing's `responseStart − requestStart`) less Chromium's own cost of writing a request
 * (≈ 0.1 ms of host time, half a percentage point of a 20 ms round trip), taken as the **fastest**
 * `sendEnd − sendStart` of the set. Not each request's own `sendEnd`: that stamp comes after the
 * write returns and is late whenever the thread is preempted right after writing, which would make
 * the sample shorter than the round trip. So each sample lies between `firstByte − sendEnd` and
 * `firstByte − sendStart`.
 */
export function roundTripsAfterWrite(timings: ReadonlyMap<string, RequestTiming>): Map<string, number> {
  const writes = [...timings.values()].map((t) => t.sendEndMs - t.sendStartMs).filter((ms) => ms >= 0);
  const writeMs = writes.length > 0 ? Math.min(...writes) : 0;
  const roundTrips = new Map<string, number>();
  for (const [url, t] of timings) roundTrips.set(url, Math.max(0, t.firstByteMs - t.sendStartMs - writeMs));
  return roundTrips;
}
