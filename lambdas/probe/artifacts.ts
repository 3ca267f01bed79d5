/**
 * Evidence of a failed round: a screenshot and the page HTML. Secrets never reach pixels: before the
 * screenshot every password field is emptied and every element whose text, value or attribute holds a
 * secret in any of the redactor's forms is masked (lambdas/probe/secret-scan.ts); where masking cannot
 * be guaranteed, no screenshot is kept and the result says why (`withheld`). The HTML is redacted for
 * the same forms. Capture is best effort and bounded: evidence must never turn a classified failure
 * into a crash or a late round.
 */
import type { Page } from 'playwright-core';
import type { StepName, WithheldArtifact } from '../core/types';
import { allSecretForms, redactText } from '../core/redact';
import { withTimeout } from './bounded';
import { changedReason, maskLocators, scanPage, unmarkPage, unsafeReason, type PageScan } from './secret-scan';

/** One piece of evidence in memory; the caller stores it (files on the CLI, S3 in Lambda). */
export interface ArtifactBlob {
  readonly kind: 'screenshot' | 'html';
  readonly fileName: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** What a capture produced, and what it left out on purpose (and why). */
export interface CapturedEvidence {
  readonly blobs: ArtifactBlob[];
  readonly withheld: WithheldArtifact[];
}

/** Time for scanning + screenshot + HTML together; runs after the round deadline's steps. */
export const ARTIFACT_CAPTURE_MS = 4_000;
/** A page of 20 MB (hostile `huge-page`) should not become a 20 MB report: keep the first bytes. */
const MAX_HTML_BYTES = 2_000_000;
/** The colour of a masked box: opaque, so nothing beneath shows through. */
const MASK_COLOR = '#202020';

/** Whose evidence this is (file names) and which secrets to keep out of it. */
export interface CaptureOptions {
  readonly target: string;
  readonly step: StepName;
  readonly secrets: readonly string[];
  /**
   * The secrets were typed into this page's browser (the login step ran): from then on content whose
   * pixels no DOM shows (a canvas, a video, an image the page made) may carry them.
   * @default false
   */
  readonly secretsTyped?: boolean;
  readonly timeoutMs?: number;
}

/** Screenshot and HTML of `page`; whatever could not be captured safely and in time is left out. */
export async function captureArtifacts(page: Page, options: CaptureOptions): Promise<CapturedEvidence> {
  const timeoutMs = options.timeoutMs ?? ARTIFACT_CAPTURE_MS;
  const startedAt = Date.now();
  const left = (): number => Math.max(1, timeoutMs - (Date.now() - startedAt));
  const base = `${slug(options.target)}-${options.step}`;
  const forms = allSecretForms(options.secrets);
  const evidence: CapturedEvidence = { blobs: [], withheld: [] };
  let scan: PageScan;
  try {
    scan = await scanPage(page, forms, left());
  } catch {
    // Without the scan no capture at all: a typed password could show up in either.
    const reason = 'the page could not be checked for secrets in time';
    evidence.withheld.push({ kind: 'screenshot', reason }, { kind: 'html', reason });
    return evidence;
  }
  const screenshot = await takeScreenshot(page, scan, { forms, typed: options.secretsTyped ?? false, left });
  if ('png' in screenshot)
    evidence.blobs.push({ kind: 'screenshot', fileName: `${base}.png`, contentType: 'image/png', body: screenshot.png });
  else if (screenshot.withheld) evidence.withheld.push({ kind: 'screenshot', reason: screenshot.withheld });
  await unmarkPage(scan, left());
  try {
    const html = redactText(await withTimeout(page.content(), left(), 'reading the page HTML'), options.secrets);
    const body = Buffer.from(html, 'utf8').subarray(0, MAX_HTML_BYTES);
    evidence.blobs.push({ kind: 'html', fileName: `${base}.html`, contentType: 'text/html; charset=utf-8', body });
  } catch {
    // nothing more to save
  }
  return evidence;
}

interface ScreenshotContext {
  readonly forms: readonly string[];
  readonly typed: boolean;
  readonly left: () => number;
}

/**
 * The masked screenshot, or why none is kept: the scan found a secret it cannot place on the screen,
 * or a second scan after the screenshot sees the page changed what holds a secret meanwhile. A page
 * that cannot be photographed at all (frozen) simply has none.
 */
async function takeScreenshot(page: Page, scan: PageScan, context: ScreenshotContext): Promise<{ png: Buffer } | { withheld?: string }> {
  // Without secrets (no login configured) nothing on the page can hold one: only password fields are masked.
  const unsafe = context.forms.length === 0 ? undefined : unsafeReason(scan, context.typed);
  if (unsafe) return { withheld: unsafe };
  let png: Buffer;
  try {
    png = await page.screenshot({
      timeout: context.left(),
      animations: 'disabled',
      caret: 'hide',
      mask: maskLocators(scan),
      maskColor: MASK_COLOR,
    });
  } catch {
    return {};
  }
  if (context.forms.length === 0) return { png };
  let after: PageScan;
  try {
    after = await scanPage(page, context.forms, context.left());
  } catch {
    return { withheld: 'the page could not be checked again after the screenshot' };
  }
  const changed = changedReason(scan, after) ?? unsafeReason(after, context.typed);
  return changed ? { withheld: changed } : { png };
}

/** A file-name-safe form of a target name. */
export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'target'
  );
}
