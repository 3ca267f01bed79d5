/**
 * HTTP round-trip measurement: warm, small, uncached requests timed by the browser's network stack
 * (Resource Timing's `responseStart − requestStart`, read at full precision over CDP, less Chromium's
 * own time to write a request; the page's own clamped Resource Timing figure where CDP has none).
 *
 * Failure rule (kind `http`): any request fails (network error or non-2xx) or none could be timed.
 * The app needs every request to work; a single failure among ten is already a broken path.
 */
import type { Page } from 'playwright-core';
import type { HttpConfig } from '../../core/config/types';
import { distribution, jitter, roundMs } from '../../core/stats';
import type { HttpMeasurement } from '../../core/types';
import { errorMessage, evaluateWithin, PageTimeoutError, preferBrowserTimings, type MeasureOutcome } from './in-page';
import { runHttpInPage, type HttpPageResult } from './http-page';
import { attachWithin } from './network-session';
import { observeRequestTimings, roundTripsAfterWrite } from './request-timings';

/** The ping answers a few bytes; anything beyond this is not read (a hostile target cannot flood us). */
export const MAX_PING_BODY_BYTES = 64 * 1024;

/** Measures HTTP RTT from inside `page` (on the target's origin, so Resource Timing is complete). Never throws. */
export async function measureHttp(
  page: Page,
  config: HttpConfig,
  budgetMs: number,
  options: { readonly discovered?: boolean } = {},
): Promise<MeasureOutcome<HttpMeasurement>> {
  const url = absoluteUrl(config.url, page.url());
  const source = { source: options.discovered ? ('discovered' as const) : ('configured' as const) };
  const { observer, leftMs } = await attachWithin(budgetMs, (attachTimeoutMs) => observeRequestTimings(page, url, attachTimeoutMs));
  let raw: HttpPageResult;
  try {
    raw = await evaluateWithin(
      page,
      runHttpInPage,
      { url, samples: config.samples, budgetMs: leftMs, maxBodyBytes: MAX_PING_BODY_BYTES },
      leftMs,
    );
  } catch (error) {
    await observer.stop();
    const kind = error instanceof PageTimeoutError ? 'timeout' : 'http';
    return { value: { url, ...source, failedRequests: 0 }, failure: { kind, message: `HTTP ${url}: ${errorMessage(error)}` } };
  }
  const timed = preferBrowserTimings(raw.samples, raw.urls, roundTripsAfterWrite(await observer.stop()), {
    browser: observer.clock,
    page: raw.clocks,
  });
  const rttMs = distribution(timed.samples);
  const jitterMs = roundMs(jitter(timed.samples));
  const value: HttpMeasurement = {
    url,
    ...source,
    ...(rttMs !== undefined ? { rttMs } : {}),
    ...(jitterMs !== undefined ? { jitterMs } : {}),
    failedRequests: raw.failed,
    ...(rttMs !== undefined ? { clocks: { rttMs: timed.clocks } } : {}),
  };
  if (raw.failed > 0) {
    const message = `HTTP ${url}: ${raw.failed} request(s) failed, first: ${raw.firstError ?? 'unknown error'}`;
    return { value, failure: { kind: 'http', message } };
  }
  if (rttMs === undefined) {
    return { value, failure: { kind: 'http', message: `HTTP ${url}: no request could be timed within ${budgetMs} ms` } };
  }
  return { value };
}

/** Resolves a configured URL against the page, so Resource Timing entries can be found by name. */
export function absoluteUrl(configUrl: string, pageUrl: string): string {
  try {
    return new URL(configUrl, pageUrl).toString();
  } catch {
    return configUrl;
  }
}
