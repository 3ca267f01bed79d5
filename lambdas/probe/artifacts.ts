/**
 * Evidence of a failed round: a screenshot and the page HTML, with password fields emptied first
 * and every known secret masked in the HTML. Capture is best effort and bounded: evidence must
 * never turn a classified failure into a crash or a late round.
 */
import type { Page } from 'playwright-core';
import type { StepName } from '../core/types';
import { redactText } from '../core/redact';
import { withTimeout } from './bounded';

/** One piece of evidence in memory; the caller stores it (files on the CLI, S3 in Lambda). */
export interface ArtifactBlob {
  readonly kind: 'screenshot' | 'html';
  readonly fileName: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** Time for masking + screenshot + HTML together; runs after the round deadline's steps. */
export const ARTIFACT_CAPTURE_MS = 4_000;
/** A page of 20 MB (hostile `huge-page`) should not become a 20 MB report: keep the first bytes. */
const MAX_HTML_BYTES = 2_000_000;

/** Whose evidence this is (file names) and which secrets to scrub from it. */
export interface CaptureOptions {
  readonly target: string;
  readonly step: StepName;
  readonly secrets: readonly string[];
  readonly timeoutMs?: number;
}

/** Screenshot and HTML of `page`; whatever could not be captured in time is left out. */
export async function captureArtifacts(page: Page, options: CaptureOptions): Promise<ArtifactBlob[]> {
  const timeoutMs = options.timeoutMs ?? ARTIFACT_CAPTURE_MS;
  const startedAt = Date.now();
  const left = (): number => Math.max(1, timeoutMs - (Date.now() - startedAt));
  const base = `${slug(options.target)}-${options.step}`;
  const blobs: ArtifactBlob[] = [];
  try {
    await withTimeout(maskPasswordFields(page), left(), 'masking password fields');
  } catch {
    // Without masking no capture: a typed password could show up in it.
    return blobs;
  }
  try {
    const png = await page.screenshot({ timeout: left(), animations: 'disabled', caret: 'hide' });
    blobs.push({ kind: 'screenshot', fileName: `${base}.png`, contentType: 'image/png', body: png });
  } catch {
    // a frozen page cannot be photographed; the HTML may still come
  }
  try {
    const html = redactText(await withTimeout(page.content(), left(), 'reading the page HTML'), options.secrets);
    const body = Buffer.from(html, 'utf8').subarray(0, MAX_HTML_BYTES);
    blobs.push({ kind: 'html', fileName: `${base}.html`, contentType: 'text/html; charset=utf-8', body });
  } catch {
    // nothing more to save
  }
  return blobs;
}

/** Clears every password field, so no screenshot or HTML capture can carry a typed secret. */
async function maskPasswordFields(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const input of Array.from(document.querySelectorAll('input[type="password"]'))) {
      (input as HTMLInputElement).value = '';
      input.removeAttribute('value');
    }
  });
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
