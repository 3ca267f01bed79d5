import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_CREDENTIALS,
  DESIGN_NAMES,
  DESIGNS,
  JS_ERROR_MESSAGE,
  startTarget,
  TABLE_TEXTS,
  TABLE_VERDICT_DELAY_MS,
  type DesignName,
  type RunningTarget,
} from '../../target/index';
import {
  followSystemCheckLink,
  openAs,
  recordVerdictStates,
  settledVerdicts,
  shownVerdicts,
  stateChanges,
  stateLog,
  type Identity,
} from './design-helpers';

/** Design c's verdicts take 3 s by design; cases that are not about timing shorten that. */
function quick(name: DesignName, faults: readonly string[]): string[] {
  return name === 'c' ? [...faults, 'verdict-delay=200'] : [...faults];
}

describe.each(DESIGN_NAMES)('design %s in Chromium: which browser the page accepts', (name) => {
  const design = DESIGNS[name];
  let target: RunningTarget;

  beforeAll(async () => {
    target = await startTarget({ design: name });
  });
  afterAll(async () => {
    await target.close();
  });

  /**
   * The browser verdict `identity` gets. Edge by brand alone is set per page, so it goes straight
   * to where the checks show (a popup would not carry it); every other identity follows the link.
   */
  async function browserVerdictAs(identity: Identity, faults: readonly string[]): Promise<string> {
    target.setFaults(quick(name, faults));
    const opened = await openAs(identity);
    try {
      let page: Page = opened.page;
      if (identity === 'edge-brand') await page.goto(target.systemCheckUrl);
      else page = await followSystemCheckLink(page, target);
      return (await settledVerdicts(page, design.contract)).browser.state;
    } finally {
      await opened.close();
    }
  }

  it.each([
    ['chrome', 'ok'],
    ['firefox', 'fail'],
    ['edge', 'ok'],
  ] as const)('reject-firefox: %s gets %s', async (identity, state) => {
    expect(await browserVerdictAs(identity, ['reject-firefox'])).toBe(state);
  });

  it.each([
    ['chrome', 'ok'],
    ['firefox', 'ok'],
    ['edge', 'fail'],
    ['edge-brand', 'fail'],
  ] as const)('reject-edge: %s gets %s', async (identity, state) => {
    expect(await browserVerdictAs(identity, ['reject-edge'])).toBe(state);
  });

  it.each(['chrome', 'firefox', 'edge', 'edge-brand'] as const)('healthy: %s is accepted', async (identity) => {
    expect(await browserVerdictAs(identity, [])).toBe('ok');
  });

  it.each([
    ['headless', 'fail'],
    ['chrome', 'ok'],
  ] as const)('reject-headless: %s gets %s', async (identity, state) => {
    expect(await browserVerdictAs(identity, ['reject-headless'])).toBe(state);
  });

  it('logs in through its own form and out again', async () => {
    target.setFaults([]);
    const { login } = design.contract;
    const opened = await openAs('chrome');
    try {
      const { page } = opened;
      await page.goto(target.loginUrl);
      await page.fill(login.usernameSelector, DEFAULT_CREDENTIALS.username);
      await page.fill(login.passwordSelector, DEFAULT_CREDENTIALS.password);
      await Promise.all([page.waitForURL(`${target.origin}${design.paths.start}`), page.click(login.submitSelector)]);

      expect(await page.locator(login.successSelector).count()).toBe(1);
      await Promise.all([page.waitForURL(target.loginUrl), page.click(login.logoutSelector)]);
      expect(await page.locator('input[type="password"]').count()).toBe(1);
    } finally {
      await opened.close();
    }
  });

  it('js-error: the login page and the System-Check throw, and the checks never start', async () => {
    target.setFaults(quick(name, ['js-error']));
    target.resetStats();
    const opened = await openAs('chrome');
    try {
      const errors: string[] = [];
      opened.context.on('weberror', (error) => errors.push(error.error().message));
      const page = await followSystemCheckLink(opened.page, target);
      // Bounded wait for both errors; the System-Check's comes as its script runs (or, in place, on the click).
      await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      await page.waitForLoadState('load');

      expect(errors).toEqual([JS_ERROR_MESSAGE, JS_ERROR_MESSAGE]);
      expect(Object.values(await shownVerdicts(page, design.contract)).map((v) => v.state)).toEqual(['pending', 'pending', 'pending']);
      expect(target.stats().requestsByPath[design.paths.ws]).toBeUndefined();
      expect(target.stats().requestsByPath[design.paths.http]).toBeUndefined();
    } finally {
      await opened.close();
    }
  });
});

describe('design c in Chromium: its own pace', () => {
  let target: RunningTarget;

  beforeAll(async () => {
    target = await startTarget({ design: 'c' });
  });
  afterAll(async () => {
    await target.close();
  });

  it(`shows "bitte warten" in every row first, then ✓ verdicts, not before ${TABLE_VERDICT_DELAY_MS} ms`, async () => {
    const { contract } = DESIGNS.c;
    const opened = await openAs('chrome');
    try {
      await recordVerdictStates(opened.context, contract);
      const page = await followSystemCheckLink(opened.page, target);
      const verdicts = await settledVerdicts(page, contract);
      const log = await stateLog(page);

      const pendingTexts = log.filter((change) => change.state === contract.states.pending).map((change) => change.text);
      expect(new Set(pendingTexts.filter((text) => text !== ''))).toEqual(new Set([TABLE_TEXTS.pending]));
      expect(Object.values(verdicts).map((v) => v.state)).toEqual(['ok', 'ok', 'ok']);
      for (const check of ['browser', 'websocket', 'http'] as const) {
        const [pending, done] = stateChanges(log, check);
        expect([pending?.state, done?.state]).toEqual([contract.states.pending, contract.states.ok]);
        expect(done!.atMs - pending!.atMs).toBeGreaterThanOrEqual(TABLE_VERDICT_DELAY_MS - 50);
      }
      expect(await page.getByRole('img', { name: TABLE_TEXTS.labelOk }).count()).toBe(3);
      expect(await page.locator('td.symbol').allTextContents()).toEqual([TABLE_TEXTS.iconOk, TABLE_TEXTS.iconOk, TABLE_TEXTS.iconOk]);
    } finally {
      await opened.close();
    }
  });
});
