/**
 * The one redactor: every output (error messages, step messages, page HTML in the evidence, results,
 * log lines, reports, JUnit and JSON files) is scrubbed with these rules, wherever the run started.
 * Rules: every non-empty secret is replaced by REDACTED, as typed and in every form in which a page or
 * an error message may quote it: percent-encoded (a URL's path or query, a login form sent with GET,
 * a redirect carrying the credentials), form-encoded (a space as `+`), as the URL parser writes it into
 * a URL's user info (`https://user:PASSWORD@host/`), and HTML-escaped (all five specials, or the way a
 * serialized page writes text and attribute values). Pure. The engine masks the same forms on the page
 * before a screenshot (lambdas/probe/artifacts.ts).
 *
 * Not replaced: base64. A password is base64-encoded in a Basic-auth header together with the user
 * name (`user:password`), where the base64 of the password alone does not occur.
 */

/** What replaces a secret wherever it turned up. */
export const REDACTED = '[redacted]';

/** Secrets as lists arrive: missing credentials give `undefined` entries. */
export type Secrets = readonly (string | undefined)[];

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** A UTF-16 surrogate without its partner: no URL encoding exists for it (encodeURIComponent throws). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `secret` with the given HTML specials escaped. */
function htmlEscaped(secret: string, specials: RegExp): string {
  return secret.replace(specials, (char) => HTML_ESCAPES[char] ?? char);
}

/** `secret` as a query string or a form post writes it (`application/x-www-form-urlencoded`). */
function formEncoded(secret: string): string {
  return new URLSearchParams([['s', secret]]).toString().slice('s='.length);
}

/** `secret` as the URL parser writes it into a URL's user info. */
function userInfoEncoded(secret: string): string {
  const url = new URL('http://host.invalid/');
  url.password = secret;
  return url.password;
}

/**
 * One secret in every form it may be quoted in. A lone surrogate (valid JSON in a Secrets Manager
 * value) is URL-encoded as a browser does, as U+FFFD.
 */
export function secretForms(secret: string): string[] {
  if (secret.length === 0) return [];
  return [
    secret,
    encodeURIComponent(secret.replace(LONE_SURROGATE, '\uFFFD')),
    formEncoded(secret),
    userInfoEncoded(secret),
    htmlEscaped(secret, /[&<>"']/g),
    // How a serialized page (page.content()) writes text and attribute values.
    htmlEscaped(secret, /[&<>]/g),
    htmlEscaped(secret, /[&"]/g),
  ];
}

/** Each secret and its encoded forms, longest first, so a longer form is replaced before a part of it. */
export function allSecretForms(secrets: Secrets): string[] {
  const all = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string') continue;
    for (const form of secretForms(secret)) all.add(form);
  }
  return [...all].sort((a, b) => b.length - a.length);
}

/** `text` with every secret (and its encoded forms) replaced by REDACTED. */
export function redactText(text: string, secrets: Secrets): string {
  let result = text;
  for (const form of allSecretForms(secrets)) result = result.split(form).join(REDACTED);
  return result;
}

/**
 * A copy of `value` with every string in it redacted (object keys are ours and stay). Numbers,
 * booleans and null pass unchanged; the shape is never altered, whatever the secret looks like.
 */
export function redactDeep<T>(value: T, secrets: Secrets): T {
  const found = allSecretForms(secrets);
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
