/**
 * Step 1 of the journey: open the login page like a user and read what it tells about itself —
 * HTTP status, Navigation Timing phases, a login form (or the configured elements), fit on a Full HD screen.
 */
import type { Page, Response } from 'playwright-core';
import type { Deadline } from '../core/deadline';
import type { TargetConfig } from '../core/config/types';
import type { LoginFormResult, LoginPageResult } from '../core/types';
import { DeadlineExceededError, stepBudget, withTimeout } from './bounded';
import { findLoginFormInPage } from './login-form';
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
  const loginForm = await readLoginForm(page, target, readMs);
  const missing = loginForm.source === 'configured' || loginForm.found ? facts.missing : [LOGIN_FORM_LOOKED_FOR];
  return {
    url: target.loginUrl,
    httpStatus: response?.status() ?? null,
    ...navigationPhases(facts.timing),
    elementsFound: missing.length === 0,
    missingElements: missing,
    loginForm,
    fitsFullHd: facts.scrollWidth === null ? null : facts.scrollWidth <= FULL_HD_VIEWPORT.width,
  };
}

/** What the login page must show when the config names no elements. */
export const LOGIN_FORM_LOOKED_FOR = 'a login form with a visible password field (input type=password)';

/** The login form: configured `expectSelectors` replace the search, else it is discovered (and must be there). */
async function readLoginForm(page: Page, target: TargetConfig, readMs: number): Promise<LoginFormResult> {
  const form = await withTimeout(page.evaluate(findLoginFormInPage), readMs, 'finding the login form');
  const selectors = {
    ...(form.usernameSelector ? { usernameSelector: form.usernameSelector } : {}),
    ...(form.passwordSelector ? { passwordSelector: form.passwordSelector } : {}),
    ...(form.submitSelector ? { submitSelector: form.submitSelector } : {}),
  };
  return { source: target.expectSelectors.length > 0 ? 'configured' : 'discovered', found: form.found, ...selectors };
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
