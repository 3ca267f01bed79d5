import { request } from 'node:http';
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
 * The recorder: a MutationObserver that logs every state (and text) each verdict goes through, on
 * the page clock. Plain JavaScript: it goes into the page as markup.
 */
const RECORDER_JS = `(function (c) {
  var log = [], last = {};
  window.verdictStateLog = log;
  new MutationObserver(function () {
    Object.keys(c.verdicts).forEach(function (check) {
      var element = document.querySelector(c.verdicts[check]);
      var state = element ? element.getAttribute(c.stateAttribute) : null;
      var text = element ? (element.textContent || '').trim() : '';
      // State and text together: the parser may have added the element before its text.
      if (state !== null && state + '\\n' + text !== last[check]) {
        last[check] = state + '\\n' + text;
        log.push({ check: check, state: state, text: text, atMs: performance.now() });
      }
    });
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})`;

/**
 * Records every state (and text) each verdict goes through, from the first parsed byte of every
 * page of the context, popups included: `stateLog(page)` reads it. The recorder is put into each
 * document's markup on its way in: an init script would miss a `window.open` popup, whose
 * document replaces the initial about:blank in the same window (init scripts ran there only).
 */
export async function recordVerdictStates(context: BrowserContext, contract: DesignContract): Promise<void> {
  const recorder = `<script>${RECORDER_JS}(${JSON.stringify(contract)});</script>`;
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (request.resourceType() !== 'document') return route.continue();
    try {
      const answer = await fetchOnce(request.url(), request.method(), await request.allHeaders(), request.postDataBuffer());
      const body = answer.body.toString('utf8').replace(/<head>/i, (head) => `${head}${recorder}`);
      await route.fulfill({ status: answer.status, headers: answer.headers, body });
    } catch {
      // The browser or the target closed meanwhile: nothing is waiting for this document any more.
      await route.abort().catch(() => undefined);
    }
  });
}

/** Bounds one document fetch of the recorder; a healthy loopback answer takes milliseconds. */
const DOCUMENT_FETCH_TIMEOUT_MS = 20_000;

/** One request over a fresh connection (no pooled socket that the target may have closed). */
function fetchOnce(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer | null,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const forwarded = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(':') && name !== 'accept-encoding'));
    const req = request(url, { method, headers: forwarded, agent: false, timeout: DOCUMENT_FETCH_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const answerHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined && name !== 'content-length') answerHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: res.statusCode ?? 0, headers: answerHeaders, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${DOCUMENT_FETCH_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
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
