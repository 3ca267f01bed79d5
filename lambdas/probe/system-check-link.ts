/**
 * Finding and following the System-Check link like a person: a link or button named "System-Check",
 * "Systemcheck" or "System Check" (any case), or with systemcheck in its href, anywhere on the login
 * page — or exactly the one a config names. Following it may navigate, open a new tab (`target=_blank`,
 * `window.open`) or swap the page's content in place; the caller reads the verdicts wherever they show.
 */
import type { Locator, Page } from 'playwright-core';
import type { TargetConfig } from '../core/config/types';
import type { Deadline } from '../core/deadline';
import { SYSTEM_CHECK_HREF_SOURCE, SYSTEM_CHECK_NAME_SOURCE } from '../core/discovery/vocabulary';
import type { LinkOpening, SystemCheckLinkResult } from '../core/types';
import { CheckFailedError, stepBudget, withTimeout } from './bounded';
import { evaluateWithin } from './measure/in-page';
import { DEPARTURE_KEY, findLinkInPage, type FindArgs, type LinkFacts, type ViewportPoint } from './link-in-page';

/**
 * How long a link may take to appear after the login page's `load`: long enough for a footer a
 * script renders, short enough that a page without the link fails well within 15 s (issue #18).
 */
export const LINK_WAIT_MS = 3_000;
/** Reading the link's name and href is instant; this only guards against a stuck main thread. */
const LINK_READ_CAP_MS = 2_000;

/** What a person looks for, in words, for the failure message. */
export const LINK_LOOKED_FOR =
  'a link or button named "System-Check", "Systemcheck" or "System Check" (any case), or with "systemcheck" in its href';

/** The link to click and what it is. */
export interface FoundLink {
  readonly locator: Locator;
  readonly report: SystemCheckLinkResult;
  /**
   * Where a click at the middle of the link reached it when it was found (findLinkInPage): it gets
   * its click there without waiting (link-click.ts). Absent: Playwright's click with every wait.
   */
  readonly point?: ViewportPoint;
}

/** Everything a person can click: links, buttons, and elements that say they are one. */
const CLICKABLE = 'a[href], button, [role="link"], [role="button"], input[type="button" i], input[type="submit" i]';

/** A configured link: by selector or by name, with Playwright's locators. */
async function configuredLink(page: Page, target: TargetConfig, deadline: Deadline): Promise<FoundLink> {
  const { link, linkSelector } = target.systemCheck;
  const locator = linkSelector
    ? page.locator(linkSelector)
    : page.getByRole('link', { name: link }).or(page.getByRole('button', { name: link }));
  const what = linkSelector ? `an element matching "${linkSelector}"` : `a link or button named "${link ?? ''}"`;
  const first = locator.filter({ visible: true }).first();
  const waitMs = stepBudget(deadline, LINK_WAIT_MS, 'finding the System-Check link');
  const handle = await first.elementHandle({ timeout: waitMs }).catch((error: unknown) => {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new CheckFailedError('content', `no System-Check link on the login page: looked for ${what} (waited ${waitMs} ms)`);
    }
    throw error;
  });
  if (!handle) throw new CheckFailedError('content', `no System-Check link on the login page: looked for ${what}`);
  const readMs = stepBudget(deadline, LINK_READ_CAP_MS, 'reading the System-Check link');
  const facts = await withTimeout(
    handle.evaluate((el): LinkFacts => ({
      id: el.id,
      name: ((el as HTMLElement).innerText || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim(),
      href: el.getAttribute('href'),
      tag: el.tagName.toLowerCase(),
    })),
    readMs,
    'reading the System-Check link',
  );
  const selector = linkSelector ?? stableLinkSelector(facts);
  return { locator: first, report: { source: 'configured', name: facts.name.slice(0, 100), href: facts.href, selector } };
}

/**
 * Finds the link — configured, or discovered like a person would — waiting a little for one a script
 * adds; throws CheckFailedError('content') naming what was looked for.
 */
export async function findSystemCheckLink(page: Page, target: TargetConfig, deadline: Deadline): Promise<FoundLink> {
  if (target.systemCheck.linkSelector || target.systemCheck.link) return configuredLink(page, target, deadline);
  const waitMs = stepBudget(deadline, LINK_WAIT_MS, 'finding the System-Check link');
  const args: FindArgs = {
    clickable: CLICKABLE,
    name: SYSTEM_CHECK_NAME_SOURCE,
    href: SYSTEM_CHECK_HREF_SOURCE,
    waitMs,
    departureKey: DEPARTURE_KEY,
  };
  const found = await evaluateWithin(page, findLinkInPage, args, waitMs);
  if (found.index < 0 || !found.facts) {
    throw new CheckFailedError('content', `no System-Check link on the login page: looked for ${LINK_LOOKED_FOR} (waited ${waitMs} ms)`);
  }
  const { facts } = found;
  return {
    // the finder counted the document's own elements (querySelectorAll); Playwright's css engine also
    // counts inside open shadow roots, so the same index could name another element: `css:light` does not
    locator: page.locator(`css:light=${CLICKABLE}`).nth(found.index),
    report: { source: 'discovered', name: facts.name.slice(0, 100), href: facts.href, selector: stableLinkSelector(facts) },
    ...(found.point ? { point: found.point } : {}),
  };
}

/** `#id`, else the href, else the name: a selector `linkSelector` can hold (Playwright syntax). */
function stableLinkSelector(facts: LinkFacts): string {
  const quote = (value: string): string => JSON.stringify(value);
  if (facts.id && /^[A-Za-z][\w-]*$/.test(facts.id)) return `#${facts.id}`;
  if (facts.href && new RegExp(SYSTEM_CHECK_HREF_SOURCE, 'i').test(facts.href)) return `${facts.tag}[href=${quote(facts.href)}]`;
  return `${facts.tag}:has-text(${quote(facts.name)})`;
}

/** Watches what a click does: a popup (new tab or window.open) or a navigation of the main frame. */
export interface OpeningWatch {
  /** Resolves with the new page when the click opened one (never resolves otherwise). */
  readonly popup: Promise<Page>;
  /** How the link behaved, as far as seen so far. */
  opening(): LinkOpening;
  stop(): void;
}

export function watchOpenings(page: Page): OpeningWatch {
  let opened: Page | undefined;
  let navigated = false;
  const withoutHash = (url: string): string => url.replace(/#.*$/, '');
  const startUrl = withoutHash(page.url());
  let onPopup: (popup: Page) => void = () => undefined;
  const popup = new Promise<Page>((resolve) => {
    onPopup = (created) => {
      opened ??= created;
      resolve(created);
    };
  });
  const onNavigated = (frame: { url(): string }): void => {
    if (frame === page.mainFrame() && withoutHash(frame.url()) !== startUrl) navigated = true;
  };
  page.on('popup', onPopup);
  page.on('framenavigated', onNavigated);
  return {
    popup,
    opening: () => (opened ? 'new-tab' : navigated ? 'navigate' : 'in-place'),
    stop: () => {
      page.off('popup', onPopup);
      page.off('framenavigated', onNavigated);
    },
  };
}
