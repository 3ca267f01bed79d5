/**
 * The one redactor: every output (error messages, step messages, page HTML in the evidence, results,
 * log lines, reports, JUnit and JSON files) is scrubbed with these rules, wherever the run started.
 * Rules: every non-empty secret is replaced by REDACTED, as typed and in the two encodings in which a
 * page or an error message may quote it (URL-encoded, HTML-escaped). Pure.
 */

/** What replaces a secret wherever it turned up. */
export const REDACTED = '[redacted]';

/** Secrets as lists arrive: missing credentials give `undefined` entries. */
export type Secrets = readonly (string | undefined)[];

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Each secret and its encoded forms, longest first, so a longer form is replaced before a part of it. */
function forms(secrets: Secrets): string[] {
  const all = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length === 0) continue;
    all.add(secret);
    all.add(encodeURIComponent(secret));
    all.add(secret.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char));
  }
  return [...all].sort((a, b) => b.length - a.length);
}

/** `text` with every secret (and its encoded forms) replaced by REDACTED. */
export function redactText(text: string, secrets: Secrets): string {
  let result = text;
  for (const form of forms(secrets)) result = result.split(form).join(REDACTED);
  return result;
}

/**
 * A copy of `value` with every string in it redacted (object keys are ours and stay). Numbers,
 * booleans and null pass unchanged; the shape is never altered, whatever the secret looks like.
 */
export function redactDeep<T>(value: T, secrets: Secrets): T {
  const found = forms(secrets);
  if (found.length === 0) return value;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return found.reduce((text, form) => text.split(form).join(REDACTED), node);
    if (Array.isArray(node)) return node.map(walk);
    if (isPlainObject(node)) return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item)]));
    return node;
  };
  return walk(value) as T;
}

function isPlainObject(node: unknown): node is Record<string, unknown> {
  if (node === null || typeof node !== 'object') return false;
  const prototype = Object.getPrototypeOf(node) as unknown;
  return prototype === Object.prototype || prototype === null;
}
