/**
 * The in-page code's `__name` shim (in-page.ts): the round's context runs it as an init script in
 * every document, so a measurement there costs one evaluation; a page of any other context gets the
 * shim evaluated first. Both run in-page code as esbuild compiles it with kept names (tsx does: the
 * bench): its text calls `__name`, which a page does not have.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../../lambdas/probe/browser';
import { openProbeContext } from '../../lambdas/probe/browsers/probe-context';
import { evaluateWithin } from '../../lambdas/probe/measure/in-page';

/**
 * In-page code with a named inner function as esbuild compiles it with kept names (tsx does: the
 * bench): its text calls `__name`. Written out, since this test's own compiler keeps no names.
 */
const countWords = new Function(
  'text',
  'function words(value) { return value.split(/\\s+/).filter(Boolean); } __name(words, "words"); return Promise.resolve(words(text).length);',
) as (text: string) => Promise<number>;

/** How often `page.evaluate` ran while `act` ran. */
async function evaluations(page: Page, act: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(page, 'evaluate');
  try {
    await act();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe.each(['chromium', 'firefox'] as const)('the in-page name shim in %s', { timeout: 60_000 }, (browser) => {
  let launched: LaunchedBrowser;

  beforeAll(async () => {
    launched = await launchBrowser({ browser });
  }, 60_000);
  afterAll(async () => {
    await launched.close();
  });

  it('is what the in-page code needs (else the cases below prove nothing)', async () => {
    // Prepare
    const page = await (await launched.browser.newContext()).newPage();
    // Act
    const bare = page.evaluate(countWords, 'eins');
    // Assess
    await expect(bare).rejects.toThrow(/__name/);
  });

  it('comes with every document of the round context: one evaluation per measurement', async () => {
    // Prepare
    const { page } = await openProbeContext(launched);
    await page.setContent('<p>x</p>');
    // Act
    let count = 0;
    const runs = await evaluations(page, async () => (count = await evaluateWithin(page, countWords, 'eins zwei drei', 5_000)));
    // Assess
    expect(count).toBe(3);
    expect(runs).toBe(1);
  });

  it('is evaluated first in a page of another context', async () => {
    // Prepare
    const context = await launched.browser.newContext();
    const page = await context.newPage();
    await page.setContent('<p>x</p>');
    // Act
    let count = 0;
    const runs = await evaluations(page, async () => (count = await evaluateWithin(page, countWords, 'eins zwei', 5_000)));
    // Assess
    expect(count).toBe(2);
    expect(runs).toBe(2);
  });
});
