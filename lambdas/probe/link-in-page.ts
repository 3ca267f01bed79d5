/**
 * The System-Check link finder that runs in the login page. Self-contained: Playwright sends the
 * function's text to the page, so it uses nothing from outside but its arguments.
 */

/** The `Symbol.for` key under which the link's document records that it starts leaving (findLinkInPage). */
export const DEPARTURE_KEY = 'autocrm-synthetics.departure';

/** What the report says about the link. */
export interface LinkFacts {
  readonly id: string;
  readonly name: string;
  readonly href: string | null;
  readonly tag: string;
}

export interface FindArgs {
  readonly clickable: string;
  readonly name: string;
  readonly href: string;
  readonly waitMs: number;
  /**
   * When the link can take a click at once: the `Symbol.for` key under which the document records
   * that it starts leaving (the Navigation API's `navigate` to another document, or `beforeunload`),
   * read after the click (departureInPage).
   */
  readonly departureKey?: string;
}

/** A point in the viewport, in CSS pixels. */
export interface ViewportPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * The link's index among `clickable` (-1: none came), what it is, and, when a click at its middle
 * reaches it now, the point (whole pixels) where the click was seen to land.
 */
export interface FoundInPage {
  readonly index: number;
  readonly facts?: LinkFacts;
  readonly point?: ViewportPoint;
}

/** What the document recorded under FindArgs' `departureKey`. */
interface Departure {
  leaving: boolean;
}

/**
 * Runs in the page: the first visible clickable element whose accessible name (aria-label, the
 * labelling elements, its text, value, title, an image's alt) or href says System-Check, as its index
 * among `clickable`; waits for one a script adds (MutationObserver) up to `waitMs`; -1 when none came.
 *
 * `point` is there when a click at the middle of the link reaches it now, so that it can be clicked
 * without Playwright's waits (visible, enabled, stable over two animation frames, hit target): it is
 * connected and enabled (no `disabled`, no `aria-disabled="true"` on it or around it), has one box
 * in the viewport (an element out of view is first scrolled to the middle, as Playwright's click
 * does), no animation runs in the document (it could be moving, or an overlay arriving), no open
 * shadow root is in the document (kept from before the locator counted light-DOM elements only, as
 * this finder does: `css:light` in system-check-link.ts; such pages keep every wait), and at the
 * middle of its box (where Playwright clicks; Firefox: rounded down) the document shows the link or
 * something inside it. The point is the middle rounded down to whole pixels (where Firefox clicks),
 * and the link's document then records under `departureKey` whether it starts leaving (a navigation
 * to another document starts, by the Navigation API's `navigate` event or `beforeunload`).
 */
export function findLinkInPage(args: FindArgs): Promise<FoundInPage> {
  const nameRe = new RegExp(args.name, 'i');
  const hrefRe = new RegExp(args.href, 'i');
  const visible = (el: Element): boolean =>
    typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;
  const accessibleName = (el: Element): string => {
    const labelledBy = (el.getAttribute('aria-labelledby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
      .join(' ');
    const image = el.querySelector('img[alt]')?.getAttribute('alt') ?? '';
    const parts = [
      el.getAttribute('aria-label'),
      labelledBy,
      (el as HTMLElement).innerText,
      el.getAttribute('value'),
      el.getAttribute('title'),
      image,
    ];
    return (parts.find((part) => part && part.trim() !== '') ?? '').replace(/\s+/g, ' ').trim();
  };
  const hits = (el: Element, x: number, y: number): boolean => {
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (hit === el || el.contains(hit));
  };
  const landsAt = (el: Element): ViewportPoint | undefined => {
    if (!el.isConnected || el.matches(':disabled') || el.closest('[aria-disabled="true"]')) return undefined;
    if (document.getAnimations().some((animation) => animation.playState === 'running')) return undefined;
    if (Array.from(document.querySelectorAll('*')).some((node) => node.shadowRoot !== null)) return undefined;
    const before = el.getClientRects()[0];
    if (before && (before.top < 0 || before.left < 0 || before.bottom > innerHeight || before.right > innerWidth)) {
      el.scrollIntoView({ block: 'center', inline: 'center' });
    }
    const boxes = el.getClientRects();
    const box = boxes[0];
    if (boxes.length !== 1 || !box) return undefined;
    const [left, right] = [Math.max(box.left, 0), Math.min(box.right, innerWidth)];
    const [top, bottom] = [Math.max(box.top, 0), Math.min(box.bottom, innerHeight)];
    if ((right - left) * (bottom - top) < 1) return undefined;
    const [x, y] = [(left + right) / 2, (top + bottom) / 2];
    const point = { x: Math.floor(x), y: Math.floor(y) };
    return hits(el, x, y) && hits(el, point.x, point.y) ? point : undefined;
  };
  const watchDeparture = (key: string): void => {
    const departure: Departure = { leaving: false };
    Object.defineProperty(window, Symbol.for(key), { value: departure, configurable: true });
    const leave = (): void => {
      departure.leaving = true;
    };
    // the Navigation API tells as the navigation starts (Chromium asks `beforeunload` later)
    const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
    navigation?.addEventListener('navigate', (event) => {
      const { defaultPrevented, destination } = event as Event & { destination?: { sameDocument?: boolean } };
      if (!defaultPrevented && destination?.sameDocument === false) leave();
    });
    window.addEventListener('beforeunload', leave, { once: true });
  };
  const look = (): FoundInPage => {
    const all = Array.from(document.querySelectorAll(args.clickable));
    const index = all.findIndex((el) => {
      if (!visible(el)) return false;
      const href = el.tagName === 'A' ? el.getAttribute('href') : null;
      return nameRe.test(accessibleName(el)) || (href !== null && hrefRe.test(href));
    });
    const el = all[index];
    if (!el) return { index: -1 };
    const facts = { id: el.id, name: accessibleName(el), href: el.getAttribute('href'), tag: el.tagName.toLowerCase() };
    const point = landsAt(el);
    if (!point) return { index, facts };
    if (args.departureKey) watchDeparture(args.departureKey);
    return { index, facts, point };
  };
  return new Promise((resolve) => {
    const now = look();
    if (now.index >= 0 || args.waitMs <= 0) return resolve(now);
    const observer = new MutationObserver(() => {
      const later = look();
      if (later.index < 0) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(later);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve({ index: -1 });
    }, args.waitMs);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/**
 * Runs in the page after the click: `stays` when the document the link was found in is still there
 * and has not started leaving (findLinkInPage's `departureKey`), `leaving` when it has, `replaced`
 * when this is another document already. (A document that is gone fails the evaluation.)
 */
export function departureInPage(key: string): Promise<'stays' | 'leaving' | 'replaced'> {
  const departure = (window as unknown as Record<symbol, Departure | undefined>)[Symbol.for(key)];
  return Promise.resolve(departure === undefined ? 'replaced' : departure.leaving ? 'leaving' : 'stays');
}
