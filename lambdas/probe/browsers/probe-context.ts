/**
 * A fresh, logged-out browser profile (a new context) with the identity of the round's browser:
 * Chrome's user agent, Edge's user agent and client hints, or Firefox as it is. Every page of the
 * context has it, popups and new tabs included.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { addNameShim } from '../measure/in-page';
import { desktopChromeUserAgent, desktopEdgeUserAgent, FULL_HD_VIEWPORT, PROBE_LOCALE } from '../user-agent';
import type { LaunchedBrowser } from '../browser';
import { edgeClientHints, lowEntropyHeaders, type UserAgentMetadata } from './client-hints';
import { presentClientHints } from './client-hints-page';

/** The context, its first page, and the user agent that page reports. */
export interface ProbeContext {
  readonly context: BrowserContext;
  readonly page: Page;
  /** `navigator.userAgent` of the context's pages: what the target's pages see. */
  readonly userAgent: string;
}

/** What the page's `navigator.platform` says on Windows (Playwright's own mapping for a Windows user agent). */
const WINDOWS_PLATFORM = 'Win32';

/** Opens the context and its first page; the page has the full identity before anything navigates. */
export async function openProbeContext(launched: LaunchedBrowser): Promise<ProbeContext> {
  const version = launched.browser.version();
  const base = { viewport: FULL_HD_VIEWPORT, locale: PROBE_LOCALE };
  let identityOf: (page: Page) => Promise<void> = () => Promise.resolve();
  let context: BrowserContext;
  let presented: string | undefined;
  if (launched.name === 'edge') {
    ({ context, identityOf, userAgent: presented } = await openEdgeContext(launched, base, version));
  } else {
    presented = launched.name === 'chromium' ? desktopChromeUserAgent(version) : undefined;
    context = await launched.browser.newContext({ ...base, ...(presented ? { userAgent: presented } : {}) });
    await addNameShim(context); // in place before any page script runs
  }
  const page = await context.newPage();
  await identityOf(page);
  // A user agent the context presents is what its pages report (Playwright overrides it before a
  // page runs); only Firefox's own one is asked of the page (a round trip: 7-10 ms of the round).
  const userAgent = presented ?? (await page.evaluate(() => navigator.userAgent));
  return { context, page, userAgent };
}

interface EdgeIdentity {
  readonly userAgent: string;
  readonly metadata: UserAgentMetadata;
}

function edgeIdentity(version: string): EdgeIdentity {
  return { userAgent: desktopEdgeUserAgent(version), metadata: edgeClientHints(version) };
}

/**
 * Edge's identity has three layers because CDP's client-hint override is per page and a new page
 * gets it only after Playwright has let the page run: the popup's first request and first scripts
 * would still see "HeadlessChrome" (measured, Chromium 147). So the context itself carries the
 * user agent and the low-entropy `Sec-CH-UA*` headers (Playwright sets both before a new page runs),
 * an init script presents Edge's brands in `navigator.userAgentData` until the override arrives, and
 * every page gets the real override (`Emulation.setUserAgentOverride` with `userAgentMetadata`), which
 * also answers `getHighEntropyValues` and the high-entropy hints.
 */
async function openEdgeContext(
  launched: LaunchedBrowser,
  base: object,
  version: string,
): Promise<{ context: BrowserContext; identityOf: (page: Page) => Promise<void>; userAgent: string }> {
  const identity = edgeIdentity(version);
  const context = await launched.browser.newContext({
    ...base,
    userAgent: identity.userAgent,
    extraHTTPHeaders: lowEntropyHeaders(identity.metadata),
  });
  await addNameShim(context);
  const { brands, mobile, platform, ...highEntropy } = identity.metadata;
  const uaFullVersion = highEntropy.fullVersionList.find((entry) => entry.brand === 'Chromium')?.version;
  await context.addInitScript(presentClientHints, { brands, mobile, platform, highEntropy: { ...highEntropy, uaFullVersion } });
  const overrides = new WeakMap<Page, Promise<void>>();
  context.on('page', (page) => {
    const override = overrideClientHints(page, identity);
    override.catch(() => undefined); // a popup that closed at once; the first page's failure is awaited
    overrides.set(page, override);
  });
  return { context, identityOf: (page) => overrides.get(page) ?? overrideClientHints(page, identity), userAgent: identity.userAgent };
}

/** The real client-hint override on one page, over a CDP session that stays attached for the page's life. */
async function overrideClientHints(page: Page, identity: EdgeIdentity): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Emulation.setUserAgentOverride', {
    userAgent: identity.userAgent,
    acceptLanguage: PROBE_LOCALE,
    platform: WINDOWS_PLATFORM,
    userAgentMetadata: {
      ...identity.metadata,
      brands: [...identity.metadata.brands],
      fullVersionList: [...identity.metadata.fullVersionList],
    },
  });
}
