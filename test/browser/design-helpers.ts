import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from '../../lambdas/probe/browser';
import { desktopChromeUserAgent } from '../../lambdas/probe/user-agent';
import { DESIGNS, type CheckName, type DesignContract, type RunningTarget } from '../../target/index';

/**
 * Who the page sees: Chrome as the probe presents it, Chromium's own HeadlessChrome, Firefox by
 * its user agent, Edge by its user agent, or Edge by its client-hint brand alone.
 */
export type Identity = 'chrome' | 'headless' | 'firefox' | 'edge' | 'edge-brand';

const CHROMIUM_MAJOR = '147';
const CHROME_UA = desktopChromeUserAgent(CHROMIUM_MAJOR);
const USER_AGENTS: Readonly<Record<Identity, string | undefined>> = {
  chrome: CHROME_UA,
  headless: undefined,
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  edge: `${CHROME_UA} Edg/${CHROMIUM_MAJOR}.0.0.0`,
  'edge-brand': CHROME_UA,
};

/** Edge's UA client hints: the brands `navigator.userAgentData` and `Sec-CH-UA` carry. */
const EDGE_METADATA = {
  brands: [
    { brand: 'Microsoft Edge', version: CHROMIUM_MAJOR },
    { brand: 'Chromium', version: CHROMIUM_MAJOR },
    { brand: 'Not.A/Brand', version: '99' },
  ],
  platform: 'Linux',
  platformVersion: '',
  architecture: 'x86',
  model: '',
  mobile: false,
};

/** A Chromium with one context presenting `identity`; close() ends the browser. */
export interface IdentityBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Launches Chromium for one case. One context per launch: `@sparticuz/chromium`'s single-process
 * mode ends the browser when a second context follows a closed one.
 */
export async function openAs(identity: Identity): Promise<IdentityBrowser> {
  const launched: LaunchedBrowser = await launchBrowser();
  const context = await launched.browser.newContext({ userAgent: USER_AGENTS[identity], viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  if (identity === 'edge-brand') {
    // Per page (a popup would need it again): the brand without "Edg/" in the user agent.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setUserAgentOverride', { userAgent: CHROME_UA, userAgentMetadata: EDGE_METADATA });
  }
  return { context, page, close: () => launched.close() };
}

/** Opens the login page and follows the System-Check link as the design makes it behave; returns the page showing the checks. */
export async function followSystemCheckLink(page: Page, target: RunningTarget): Promise<Page> {
  const { contract } = DESIGNS[target.design];
  await page.goto(target.loginUrl);
  const link = page.locator(contract.linkSelector);
  if (contract.linkBehaviour === 'new-tab') {
    const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    await popup.waitForLoadState('domcontentloaded');
    return popup;
  }
  if (contract.linkBehaviour === 'navigate') {
    await Promise.all([page.waitForURL(target.systemCheckUrl), link.click()]);
    return page;
  }
  await link.click();
  return page;
}

export interface ShownVerdict {
  /** `pending`, `ok` or `fail`, from the design's state attribute (independent of the wording). */
  readonly state: 'pending' | 'ok' | 'fail';
  readonly text: string;
}

/** The three verdicts as the page shows them now. */
export function shownVerdicts(page: Page, contract: DesignContract): Promise<Record<CheckName, ShownVerdict>> {
  return page.evaluate((c) => {
    const read = (selector: string) => {
      const element = document.querySelector(selector);
      const raw = element?.getAttribute(c.stateAttribute);
      const state = raw === c.states.ok ? 'ok' : raw === c.states.fail ? 'fail' : 'pending';
      return { state, text: (element?.textContent ?? '').trim() } as const;
    };
    return { browser: read(c.verdicts.browser), websocket: read(c.verdicts.websocket), http: read(c.verdicts.http) };
  }, contract);
}

/** Bounds the wait for verdicts: the page's 5 s network timeouts plus its verdict delay, with room for load. */
export const SETTLE_TIMEOUT_MS = 30_000;

/** Waits until no verdict is pending (bounded), then returns them. */
export async function settledVerdicts(page: Page, contract: DesignContract): Promise<Record<CheckName, ShownVerdict>> {
  await page.waitForFunction(
    (c) =>
      Object.values(c.verdicts).every((selector) => {
        const value = document.querySelector(selector)?.getAttribute(c.stateAttribute);
        return value === c.states.ok || value === c.states.fail;
      }),
    contract,
    { timeout: SETTLE_TIMEOUT_MS },
  );
  return shownVerdicts(page, contract);
}

/** One change of a verdict's state, as a MutationObserver in the page saw it (page clock, ms). */
export interface StateChange {
  readonly check: CheckName;
  readonly state: string;
  readonly text: string;
  readonly atMs: number;
}

/**
 * Records every state (and text) each verdict goes through, from the first parsed byte of every page of the
 * context (popups included): `stateLog(page)` reads it.
 */
export async function recordVerdictStates(context: BrowserContext, contract: DesignContract): Promise<void> {
  await context.addInitScript((c) => {
    const log: Array<{ check: string; state: string; text: string; atMs: number }> = [];
    const last: Record<string, string | undefined> = {};
    (window as unknown as { verdictStateLog: typeof log }).verdictStateLog = log;
    new MutationObserver(() => {
      for (const [check, selector] of Object.entries(c.verdicts)) {
        const element = document.querySelector(selector);
        const state = element?.getAttribute(c.stateAttribute) ?? undefined;
        const text = (element?.textContent ?? '').trim();
        // State and text together: the parser may have added the element before its text.
        if (state !== undefined && `${state}\n${text}` !== last[check]) {
          last[check] = `${state}\n${text}`;
          log.push({ check, state, text, atMs: performance.now() });
        }
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  }, contract);
}

export function stateLog(page: Page): Promise<StateChange[]> {
  return page.evaluate(() => (window as unknown as { verdictStateLog: StateChange[] }).verdictStateLog);
}

/** One check's changes with repeated states folded: the first change into each state it went through. */
export function stateChanges(log: readonly StateChange[], check: CheckName): StateChange[] {
  return log.filter((change, index) => {
    if (change.check !== check) return false;
    const previous = log
      .slice(0, index)
      .filter((earlier) => earlier.check === check)
      .at(-1);
    return previous?.state !== change.state;
  });
}
