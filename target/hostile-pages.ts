import type { ServerResponse } from 'node:http';
import { COMMON_HEADERS, sleep } from './http-util';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string): string => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);

/** What a failed login typed, for the pages that reflect it. */
export interface ReflectedLogin {
  readonly username: string;
  readonly password: string;
  /** Where the form posts to (the design's login path). */
  readonly action: string;
  /** The design's form field names. */
  readonly fields: { readonly username: string; readonly password: string };
}

/** The four ways a careless page words and lays out the reflection; each design has its own. */
export type ReflectionStyle = 'a' | 'b' | 'c' | 'd';

/**
 * `reflect-password`: the careless login page of issue #16, which answers a failed login with the
 * typed password everywhere a screenshot could show it: in the text, refilled into a visible field,
 * in an attribute the browser draws, and in the title; the typed user name in its field too. Each
 * design words and lays it out differently, so masking cannot lean on one markup:
 * - `a` (German): "Passwort … ist falsch" in a paragraph, a text input, `content: attr(data-tried)`;
 * - `b` (English): the password in an `<em>` inside a list item, a `<textarea>`, an input's `placeholder`;
 * - `c` (German, serif): the password split over two `<span>`s in a table cell, an `<input type=search>`,
 *   `content: attr(…)` on a table cell;
 * - `d` (English): "Wrong password … (you typed <b>…</b>)" in an alert — the password both in the
 *   alert's own text and in a child —, the selected `<option>` of a `<select>`, and the `value` of a
 *   submit button (drawn as its label).
 * Large type, so OCR reads it when it is not masked.
 */
export function reflectedLoginPage(login: ReflectedLogin, style: ReflectionStyle): string {
  const pw = escape(login.password);
  const user = escape(login.username);
  const action = escape(login.action);
  const userField = escape(login.fields.username);
  const pwField = escape(login.fields.password);
  const half = Math.ceil(login.password.length / 2);
  const page = (lang: string, title: string, css: string, body: string): string => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<style>${css}</style></head>
<body>
${body}
</body></html>
`;
  switch (style) {
    case 'a':
      return page(
        'de',
        `Anmeldung fehlgeschlagen: ${pw}`,
        `body { font: 32px/1.5 sans-serif; margin: 40px; background: #fff; color: #000; }
  input { font: 32px monospace; width: 1000px; }
  #reflected-attribute::after { content: attr(data-tried); font-family: monospace; }`,
        `<h1>autocrm Anmeldung</h1>
<p id="reflected-text">Passwort ${pw} ist falsch</p>
<form method="post" action="${action}">
  <p><label>Benutzer <input name="${userField}" value="${user}"></label></p>
  <p><label>Passwort (zur Kontrolle) <input id="reflected-value" type="text" name="${pwField}" value="${pw}"></label></p>
  <p><button type="submit">Erneut anmelden</button></p>
</form>
<p id="reflected-attribute" data-tried="${pw}">Letzter Versuch: </p>`,
      );
    case 'b':
      return page(
        'en',
        `Sign-in failed for ${pw}`,
        `body { font: 30px/1.6 Arial, sans-serif; margin: 32px 48px; background: #f4f6fb; color: #14213d; }
  ul.problems { background: #fff; border-left: 6px solid #b00020; padding: 12px 48px; }
  textarea, input { font: 30px monospace; width: 900px; display: block; margin: 8px 0 20px; }
  textarea { height: 52px; }`,
        `<h2>Sign in to autocrm</h2>
<ul class="problems"><li>The password <em>${pw}</em> is wrong.</li></ul>
<form method="post" action="${action}">
  <label>User name<input name="${userField}" value="${user}"></label>
  <label>Password as typed<textarea id="reflected-value" name="${pwField}">${pw}</textarea></label>
  <label>Try again<input id="reflected-attribute" placeholder="${pw}"></label>
  <button type="submit">Sign in</button>
</form>`,
      );
    case 'c':
      return page(
        'de',
        `Kennwort ${pw} abgelehnt`,
        `body { font: 30px/1.5 Georgia, serif; margin: 30px; background: #dfe6ee; color: #222; }
  td, th { padding: 8px 14px; text-align: left; font-weight: normal; }
  input { font: 30px Georgia, serif; width: 700px; }
  td#reflected-attribute::before { content: "zuletzt: " attr(data-kennwort); }`,
        `<table><tr><td colspan="2"><b>autocrm · Anmeldung</b></td></tr>
<tr><th>Meldung</th><td id="reflected-text">Kennwort <span>${escape(login.password.slice(0, half))}</span><span>${escape(login.password.slice(half))}</span> wurde abgelehnt</td></tr>
<tr><th>Benutzer</th><td><input form="again" name="${userField}" value="${user}"></td></tr>
<tr><th>Kennwort</th><td><input form="again" id="reflected-value" type="search" name="${pwField}" value="${pw}"></td></tr>
<tr><th>Verlauf</th><td id="reflected-attribute" data-kennwort="${pw}"></td></tr></table>
<form id="again" method="post" action="${action}"><button type="submit">Nochmals</button></form>`,
      );
    case 'd':
      return page(
        'en',
        `${pw} – sign-in failed`,
        `body { font: 30px/1.6 Verdana, sans-serif; margin: 36px; background: #fff; color: #111; }
  div[role=alert] { border: 3px solid #c62828; padding: 16px; margin-bottom: 24px; }
  select, input { font: 30px monospace; margin: 10px 0; display: block; }`,
        `<div role="alert">Wrong password ${pw} (you typed <b id="reflected-text">${pw}</b>)</div>
<form method="post" action="${action}">
  <input name="${userField}" value="${user}" aria-label="user">
  <select id="reflected-value" name="${pwField}" aria-label="recent passwords"><option>(choose)</option><option selected>${pw}</option></select>
  <input id="reflected-attribute" type="submit" value="Retry with ${pw}">
</form>`,
      );
  }
}

/**
 * `reflect-password-canvas`: the typed password only on a canvas — the script reads it from a hidden
 * field and removes the field, so no text, value or attribute holds it when the round takes evidence.
 */
export function reflectedCanvasPage(login: ReflectedLogin): string {
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Anmeldung fehlgeschlagen</title>
<style>body { font: 32px/1.5 sans-serif; margin: 40px; background: #fff; }</style></head>
<body>
<h1>autocrm Anmeldung</h1>
<input id="tried" type="hidden" value="${escape(login.password)}">
<canvas id="reflected-canvas" width="1200" height="80"></canvas>
<script>
  const field = document.getElementById('tried');
  const context = document.getElementById('reflected-canvas').getContext('2d');
  context.font = '48px monospace';
  context.fillText('Passwort ' + field.value + ' ist falsch', 10, 60);
  field.remove();
</script>
</body></html>
`;
}

/** `huge-page`: about 20 MB of hidden filler, far beyond any real login page. */
export const HUGE_PAGE_BYTES = 20 * 1024 * 1024;
/** `stream-forever`: one small chunk this often keeps the response alive without finishing it. */
const TRICKLE_INTERVAL_MS = 200;

const fillers = new Map<string, string>();

/**
 * Hidden filler markup of at least HUGE_PAGE_BYTES: `line` repeated between `open` and `close`,
 * built once per process and wrapper (it is just text).
 */
export function repeatedFiller(open: string, line: string, close: string): string {
  const key = `${open}\u0000${line}`;
  let filler = fillers.get(key);
  if (filler === undefined) {
    filler = `${open}\n${line.repeat(Math.ceil(HUGE_PAGE_BYTES / Buffer.byteLength(line)))}${close}\n`;
    fillers.set(key, filler);
  }
  return filler;
}

/** Design a's filler: a hidden div of German lines. */
export function hugeFiller(): string {
  return repeatedFiller(
    '<div id="huge-filler" hidden>',
    'autocrm Füllinhalt für den Fehlerfall huge-page: diese Zeile wiederholt sich sehr oft.\n',
    '</div>',
  );
}

/**
 * `stream-forever`: 200 with headers and the opening of the login page (`opening`, form included), then a comment every 200 ms until the
 * client goes away or the target closes. The document never ends, so `load` never fires.
 */
export async function streamForever(res: ServerResponse, opening: string, signal: AbortSignal): Promise<void> {
  res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
  res.write(opening);
  let chunk = 0;
  while (!res.destroyed && !res.writableEnded) {
    if (!(await sleep(TRICKLE_INTERVAL_MS, signal))) break;
    res.write(`<!-- ${++chunk} -->\n`);
  }
}
