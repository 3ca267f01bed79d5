/**
 * Where a secret is on a page, before a screenshot: every element whose text, form value or attribute
 * holds a form of a secret (the one redactor's forms, lambdas/core/redact.ts) is marked so the
 * screenshot masks it; password fields are emptied and masked always. What the scan cannot place on
 * the screen makes the screenshot unsafe: a secret in a script or a stylesheet (it may be drawn
 * anywhere), a frame that cannot be read, and — once the secrets were typed into the page — visible
 * content whose pixels no DOM shows (a canvas, video, plugin, or an image the page made itself).
 */
import type { Frame, Locator, Page } from 'playwright-core';
import { withTimeout } from './bounded';

/** The attribute that marks an element to mask; removed again after the capture. */
export const MASK_ATTRIBUTE = 'data-autocrm-synthetics-mask';

/** What one frame's scan found. */
export interface FrameScan {
  /** Elements marked for masking in this frame (password fields included). */
  readonly marked: number;
  /** Elements that hold a secret but are not drawn as themselves: `<script>`, `<style>`, … */
  readonly hidden: readonly string[];
  /** Visible elements whose pixels cannot be checked: `<canvas>`, `<video>`, an image made by the page. */
  readonly opaque: readonly string[];
  /** Marked elements' boxes, to see whether the page moved them while the screenshot was taken. */
  readonly boxes: string;
}

/** The page's scan: one per frame, or why a frame could not be read. */
export interface PageScan {
  readonly frames: readonly { readonly frame: Frame; readonly scan: FrameScan }[];
  readonly unreadable: readonly string[];
}

interface ScanArgs {
  readonly forms: readonly string[];
  readonly marker: string;
}

/**
 * Runs in the page. Marks the deepest elements whose text holds a form, every element with such a
 * value or attribute, and every password field (emptied first); reports what cannot be masked.
 */
function scanDocument({ forms, marker }: ScanArgs): FrameScan {
  const has = (text: string | null | undefined): boolean => forms.length > 0 && !!text && forms.some((form) => text.includes(form));
  const NOT_DRAWN = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'META', 'LINK', 'HEAD', 'BASE', 'TITLE']);
  const OPAQUE = new Set(['CANVAS', 'VIDEO', 'EMBED', 'OBJECT']);
  const hidden = new Set<string>();
  const opaque = new Set<string>();
  const visible = (element: Element): boolean => {
    const box = element.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return false;
    if (box.bottom < 0 || box.right < 0 || box.top > innerHeight || box.left > innerWidth) return false;
    return getComputedStyle(element).visibility !== 'hidden';
  };
  const mark = (element: Element): void => {
    const notDrawn = element.closest([...NOT_DRAWN].join(','));
    if (notDrawn) {
      if (notDrawn.tagName !== 'TITLE') hidden.add(`<${notDrawn.tagName.toLowerCase()}>`);
      return;
    }
    // A selected <option> is drawn by its <select>.
    (element.closest('select') ?? element).setAttribute(marker, '');
  };
  const check = (element: Element): void => {
    if (element instanceof HTMLInputElement && element.type === 'password') {
      element.value = '';
      element.removeAttribute('value');
      mark(element);
      return;
    }
    if ((element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) && has(element.value)) mark(element);
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.name !== marker && has(attribute.value)) mark(element);
    }
    // An element whose own text holds a secret: in its own text nodes, or split over its children
    // ("Pw-7f<b>3kQ9zX</b>"). A child that holds a whole secret is marked itself and left out here.
    if (forms.length > 0 && has(element.textContent)) {
      const own = Array.from(element.childNodes)
        .map((node) => {
          if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
          return node.nodeType === Node.ELEMENT_NODE && !has(node.textContent) ? (node.textContent ?? '') : '\u0000';
        })
        .join('');
      if (has(own)) mark(element);
    }
    const source = element.getAttribute('src') ?? element.getAttribute('href') ?? '';
    const madeByPage = /^(data|blob):/i.test(source) && /^(IMG|IMAGE|SOURCE|INPUT)$/i.test(element.tagName);
    if ((OPAQUE.has(element.tagName) || madeByPage) && visible(element)) opaque.add(`<${element.tagName.toLowerCase()}>`);
  };
  const walk = (root: Document | ShadowRoot): void => {
    for (const element of Array.from(root.querySelectorAll('*'))) {
      check(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(document);
  const markedElements = Array.from(document.querySelectorAll(`[${marker}]`));
  const boxes = markedElements
    .map((element) => {
      const box = element.getBoundingClientRect();
      return `${box.x},${box.y},${box.width},${box.height}`;
    })
    .join(';');
  return { marked: markedElements.length, hidden: [...hidden], opaque: [...opaque], boxes };
}

/** Runs in the page: removes the marks of a scan. */
function unmarkDocument(marker: string): void {
  for (const element of Array.from(document.querySelectorAll(`[${marker}]`))) element.removeAttribute(marker);
}

/** Scans every frame of `page` within `timeoutMs`; a frame that does not answer is unreadable. */
export async function scanPage(page: Page, forms: readonly string[], timeoutMs: number): Promise<PageScan> {
  const args: ScanArgs = { forms, marker: MASK_ATTRIBUTE };
  const settled = await Promise.all(
    page.frames().map(async (frame) => {
      try {
        return { frame, scan: await withTimeout(frame.evaluate(scanDocument, args), timeoutMs, 'scanning a frame for secrets') };
      } catch {
        return { frame, unreadable: frameName(frame, page) };
      }
    }),
  );
  return {
    frames: settled.flatMap((entry) => ('scan' in entry && entry.scan ? [{ frame: entry.frame, scan: entry.scan }] : [])),
    unreadable: settled.flatMap((entry) => ('unreadable' in entry && entry.unreadable ? [entry.unreadable] : [])),
  };
}

/** The locators a screenshot masks: every marked element, in every frame that has one. */
export function maskLocators(scan: PageScan): Locator[] {
  return scan.frames.filter(({ scan: frameScan }) => frameScan.marked > 0).map(({ frame }) => frame.locator(`[${MASK_ATTRIBUTE}]`));
}

/** Removes the marks again (best effort: the page is about to be closed anyway). */
export async function unmarkPage(scan: PageScan, timeoutMs: number): Promise<void> {
  await Promise.all(
    scan.frames.map(({ frame }) =>
      withTimeout(frame.evaluate(unmarkDocument, MASK_ATTRIBUTE), timeoutMs, 'unmarking').catch(() => undefined),
    ),
  );
}

/**
 * Why a screenshot of the scanned page cannot be kept, or undefined when masking covers every secret.
 * `typed`: the secrets were given to the page (the login step typed them), so pixels no DOM shows may
 * hold them.
 */
export function unsafeReason(scan: PageScan, typed: boolean): string | undefined {
  if (scan.unreadable.length > 0) return `a frame could not be read for secrets (${scan.unreadable.join(', ')})`;
  const hidden = [...new Set(scan.frames.flatMap(({ scan: frameScan }) => frameScan.hidden))];
  if (hidden.length > 0) return `a secret is in ${hidden.join(', ')}, which may draw it anywhere on the page`;
  const opaque = [...new Set(scan.frames.flatMap(({ scan: frameScan }) => frameScan.opaque))];
  if (typed && opaque.length > 0) {
    return `the page shows ${opaque.join(', ')} after the password was typed; its pixels cannot be checked for secrets`;
  }
  return undefined;
}

/**
 * Why a screenshot taken between `before` and `after` cannot be kept: the page put a secret somewhere
 * new, or moved what was masked, while it was taken. undefined when nothing changed.
 */
export function changedReason(before: PageScan, after: PageScan): string | undefined {
  if (after.unreadable.length > 0) return 'a frame could not be read again after the screenshot';
  const summary = (scan: PageScan): string =>
    scan.frames.map(({ frame, scan: frameScan }) => `${frame.url()}|${frameScan.marked}|${frameScan.boxes}`).join('\n');
  return summary(before) === summary(after) ? undefined : 'the page changed what holds a secret while the screenshot was taken';
}

function frameName(frame: Frame, page: Page): string {
  if (frame === page.mainFrame()) return 'the page itself';
  try {
    return new URL(frame.url()).origin;
  } catch {
    return 'a frame without an address';
  }
}
