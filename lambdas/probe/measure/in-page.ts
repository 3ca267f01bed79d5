/**
 * Shared plumbing of the in-page measurements: run a function in the page within a time budget,
 * and the outcome shape every measurement returns.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { ClockSource, FailureKind, SampleClocks } from '../../core/types';

/** A measurement's value plus, when it did not work, why (a failed check is data, not an exception). */
export interface MeasureOutcome<T> {
  readonly value: T;
  readonly failure?: { readonly kind: FailureKind; readonly message: string };
}

/**
 * Time the page gets beyond its own budget before we stop waiting for it: the in-page code bounds
 * itself, this only catches a page whose JavaScript is stuck (an endless loop blocks the event loop).
 */
export const PAGE_GRACE_MS = 1_000;

/** The page did not answer within its budget (hung or endless script). */
export class PageTimeoutError extends Error {
  override readonly name = 'PageTimeoutError';
}

/**
 * tsx and esbuild with `keepNames` wrap named functions in `__name(fn, "name")`; the function text
 * that Playwright sends to the page then calls a helper the page does not have. The shim makes the
 * in-page code independent of how the Node side was compiled. The journey installs it as an init
 * script of its context (addNameShim, also for its own `page.evaluate` calls); measurements evaluate
 * it first in a page of any other context (tests, the bench client).
 */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn); undefined';

/** Contexts that run NAME_SHIM in every document before the page's own scripts (addNameShim). */
const SHIMMED_CONTEXTS = new WeakSet<BrowserContext>();

/**
 * Installs NAME_SHIM as an init script of `context`: every page of it (popups and new tabs too) has
 * the shim before anything runs, so `evaluateWithin` skips its own evaluation of it there (a round
 * trip to the page per measurement).
 */
export async function addNameShim(context: BrowserContext): Promise<void> {
  await context.addInitScript(NAME_SHIM);
  SHIMMED_CONTEXTS.add(context);
}

/**
 * `page.evaluate(fn, arg)` that gives up after `budgetMs + PAGE_GRACE_MS` with a `PageTimeoutError`.
 * The evaluation itself cannot be cancelled; it dies with the page or the browser.
 */
export async function evaluateWithin<A, R>(page: Page, fn: (arg: A) => Promise<R>, arg: A, budgetMs: number): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const limitMs = Math.max(0, budgetMs) + PAGE_GRACE_MS;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PageTimeoutError(`the page did not finish the measurement within ${limitMs} ms`)), limitMs);
  });
  try {
    const run = (async () => {
      if (!SHIMMED_CONTEXTS.has(page.context())) await page.evaluate(NAME_SHIM);
      // Arguments are plain JSON data, so Playwright's handle unboxing does not apply.
      return page.evaluate(fn as (value: unknown) => Promise<R>, arg as unknown);
    })();
    run.catch(() => undefined); // the race may already be lost; never leave an unhandled rejection
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** First line of an error's message, for a failure record (no stack traces in results). */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 300);
}

/** Samples with the clock each came from, counted. */
export interface TimedSamples {
  readonly samples: number[];
  readonly clocks: SampleClocks;
}

/** Where the samples came from: the browser's own figures, and the page's clock of each sample. */
export interface SampleSources {
  /** The clock of the browser's figures (undefined when the browser could not be observed). */
  readonly browser?: ClockSource;
  /** The page's clock of each sample (same order), or one clock for all. */
  readonly page: ClockSource | readonly ClockSource[];
}

/**
 * The page's samples, each replaced by the browser's own figure for the same key (request URL, echo
 * payload) where the browser reported one: same round trip, but not clamped to 0.1 ms. Counts which
 * clock each resulting sample came from.
 */
export function preferBrowserTimings(
  samples: readonly number[],
  keys: readonly string[],
  browser: ReadonlyMap<string, number>,
  sources: SampleSources,
): TimedSamples {
  const clocks: Partial<Record<ClockSource, number>> = {};
  const result = samples.map((sample, index) => {
    const own = browser.get(keys[index] ?? '');
    const pageClock = typeof sources.page === 'string' ? sources.page : (sources.page[index] ?? 'performance-now');
    const clock = own !== undefined && sources.browser !== undefined ? sources.browser : pageClock;
    clocks[clock] = (clocks[clock] ?? 0) + 1;
    return own ?? sample;
  });
  return { samples: result, clocks };
}
