/**
 * findLinkInPage's `point`: whether the System-Check link can be clicked at once, without
 * Playwright's waits. Given only when a click at the middle of the link reaches it now, and then it
 * is on the link; every case where the click could go elsewhere or do nothing gives none (and gets
 * Playwright's click with every wait).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CHECK_HREF_SOURCE, SYSTEM_CHECK_NAME_SOURCE } from '../../lambdas/core/discovery/vocabulary';
import { launchBrowser, type LaunchedBrowser } from '../../lambdas/probe/browser';
import { findLinkInPage, type FoundInPage } from '../../lambdas/probe/link-in-page';
import { evaluateWithin } from '../../lambdas/probe/measure/in-page';

const CLICKABLE = 'a[href], button, [role="link"], [role="button"]';
const LINK = '<a href="/werkzeug/systemcheck">Systemprüfung starten</a>';

/** Bodies around the link, and whether a click at the link's middle reaches it at once. */
const CASES: readonly (readonly [string, string, boolean])[] = [
  ['a plain link in view', `<p>${LINK}</p>`, true],
  ['a link far below, scrolled into view first', `<div style="height:3000px"></div><p>${LINK}</p>`, true],
  ['a button with an image inside it', '<button type="button"><img alt="System-Check" width="40" height="20"></button>', true],
  ['a link under a full-window layer', `<p>${LINK}</p><div style="position:fixed;inset:0;z-index:5"></div>`, false],
  ['a disabled button', '<button type="button" disabled>System-Check</button>', false],
  ['a link inside an aria-disabled group', `<div aria-disabled="true"><p>${LINK}</p></div>`, false],
  ['a link the pointer passes through', `<p><a href="/systemcheck" style="pointer-events:none">Prüfen</a></p>`, false],
  ['a link broken over two lines', `<p style="width:9ch">${LINK}</p>`, false],
  [
    'a page with an animation running',
    `<style>@keyframes s{to{opacity:.5}}.s{animation:s 9s infinite}</style><p class="s">Laden</p><p>${LINK}</p>`,
    false,
  ],
  ['a page with an open shadow root', `<div id="h"></div><p>${LINK}</p><script>h.attachShadow({mode:'open'})</script>`, false],
];

describe.each(['chromium', 'firefox'] as const)('whether the System-Check link can be clicked at once, in %s', (browser) => {
  let launched: LaunchedBrowser;
  let page: Page;

  beforeAll(async () => {
    launched = await launchBrowser({ browser });
    page = await (await launched.browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  }, 60_000);
  afterAll(async () => {
    await launched.close();
  });

  it.each(CASES)('%s', async (_case, body, expected) => {
    // Prepare
    await page.setContent(`<!DOCTYPE html><html lang="de"><body>${body}</body></html>`);
    // Act
    const args = { clickable: CLICKABLE, name: SYSTEM_CHECK_NAME_SOURCE, href: SYSTEM_CHECK_HREF_SOURCE, waitMs: 0 };
    const found: FoundInPage = await evaluateWithin(page, findLinkInPage, args, 5_000);
    // Assess
    expect(found.index).toBeGreaterThanOrEqual(0);
    expect(found.point !== undefined).toBe(expected);
    if (found.point) {
      // the click goes to this point: it must be on the link (or inside it)
      const onLink = await page.evaluate(
        ({ point: { x, y }, index, clickable }) => {
          const hit = document.elementFromPoint(x, y);
          return hit !== null && document.querySelectorAll(clickable)[index]?.contains(hit) === true;
        },
        { point: found.point, index: found.index, clickable: CLICKABLE },
      );
      expect(onLink).toBe(true);
    }
  });
});
