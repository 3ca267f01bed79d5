/**
 * Step 1 of the journey: open the login page like a user and read what it tells about itself —
 * HTTP status, Navigation Timing phases, expected elements, fit on a Full HD screen.
 */
import type { Page, Response } from 'playwright-core';
import type { Deadline } from '../core/deadline';
import type { TargetConfig } from '../core/config/types';
import type { LoginPageResult } from '../core/types';
import { DeadlineExceededError, stepBudget, withTimeout } from './bounded';
import { navigationPhases, type RawNavigationTiming } from './navigation-timing';
import { FULL_HD_VIEWPORT } from './user-agent';

/** Reading the page after `load` is quick; this only guards against a page that blocks its main thread. */
const PAGE_READ_CAP_MS = 5_000;

/** Opens `target.loginUrl` and measures it; throws what `page.goto` throws (net errors, timeouts). */
export async function openLoginPage(page: Page, target: TargetConfig, deadline: Deadline): Promise<Omit<LoginPageResult, 'jsErrors'>> {
  const timeoutMs = stepBudget(deadline, target.timeouts.navigationMs, 'the login page');
  let response: Response | null;
  try {
    response = await page.goto(target.loginUrl, { waitUntil: 'load', timeout: timeoutMs });
  } catch (error) {
    // Say what timed out; net errors keep their net::ERR_ code, which classification reads.
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new DeadlineExceededError(`login page did not finish loading within ${timeoutMs} ms (${target.loginUrl})`);
    }
    throw error;
  }
  const readMs = stepBudget(deadline, PAGE_READ_CAP_MS, 'reading the login page');
  const facts = await withTimeout(page.evaluate(readPageFacts, target.expectSelectors), readMs, 'reading the login page');
  return {
    url: target.loginUrl,
    httpStatus: response?.status() ?? null,
    ...navigationPhases(facts.timing),
    elementsFound: facts.missing.length === 0,
    missingElements: facts.missing,
    fitsFullHd: facts.scrollWidth === null ? null : facts.scrollWidth <= FULL_HD_VIEWPORT.width,
  };
}

/** The login page result when navigation itself failed: nothing but the URL is known. */
export function unreachedLoginPage(target: TargetConfig): Omit<LoginPageResult, 'jsErrors'> {
  return { url: target.loginUrl, httpStatus: null, elementsFound: false, missingElements: [], fitsFullHd: null };
}

interface PageFacts {
  readonly timing: RawNavigationTiming | null;
  readonly missing: string[];
  readonly scrollWidth: number | null;
}

/** Runs in the page: plain DOM, no closures over Node values. */
function readPageFacts(selectors: readonly string[]): PageFacts {
  const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const timing = entry
    ? {
        domainLookupStart: entry.domainLookupStart,
        domainLookupEnd: entry.domainLookupEnd,
        connectStart: entry.connectStart,
        secureConnectionStart: entry.secureConnectionStart,
        connectEnd: entry.connectEnd,
        requestStart: entry.requestStart,
        responseStart: entry.responseStart,
        responseEnd: entry.responseEnd,
        domContentLoadedEventEnd: entry.domContentLoadedEventEnd,
        loadEventEnd: entry.loadEventEnd,
      }
    : null;
  const missing = selectors.filter((selector) => {
    try {
      return document.querySelector(selector) === null;
    } catch {
      return true;
    }
  });
  const scrollWidth = document.documentElement ? document.documentElement.scrollWidth : null;
  return { timing, missing, scrollWidth };
}
