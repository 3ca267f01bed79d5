/**
 * Design c's System-Check, on its own page opened in a new tab: a table of three checks whose
 * verdicts appear together after a pause (3 s unless `verdict-delay` says otherwise), each with a
 * ✓/✗ icon labelled for screen readers: the browser from what `navigator` says, a WebSocket echo
 * of a text ping, a GET of the reachability endpoint that must answer `pong`.
 */
import { checkScript } from './check-script';
import { BROWSER_JS, NETWORK_JS } from './page-kit';
import type { CheckSetup, DesignPaths } from './types';

/** Design c's wording: German, but none of design a's sentences. */
export const TABLE_TEXTS = {
  pending: 'wird noch geprüft – bitte warten …',
  browserOk: 'unterstützt',
  browserFail: 'Fehler – nicht zugelassen',
  websocketOk: 'erfolgreich',
  websocketFail: 'fehlgeschlagen',
  httpOk: 'erfolgreich',
  httpFail: 'Fehler',
  unknownBrowser: 'unbekannter Browser',
  iconPending: '⏳',
  iconOk: '✓',
  iconFail: '✗',
  labelPending: 'läuft',
  labelOk: 'OK',
  labelFail: 'Fehler',
} as const;

/** Failure texts under `negated-wording`: the pass word with a "nicht". */
export const TABLE_NEGATED_TEXTS = {
  browserFail: 'nicht unterstützt',
  websocketFail: 'nicht erfolgreich',
  httpFail: 'nicht erfolgreich',
} as const;

const CHECKS = `
  function cells(name) {
    var row = document.querySelector('tr[data-pruefung="' + name + '"]');
    return { icon: row.querySelector('td.symbol span'), result: row.querySelector('td.ergebnis'), details: row.querySelector('td.details') };
  }
  function mark(name, readyAt, ok, text, details) {
    atOrAfter(readyAt, function () {
      var c = cells(name);
      c.icon.textContent = ok ? WORDS.iconOk : WORDS.iconFail;
      c.icon.setAttribute('aria-label', ok ? WORDS.labelOk : WORDS.labelFail);
      c.result.setAttribute('data-status', ok ? 'bestanden' : 'durchgefallen');
      c.result.textContent = ok ? text.ok : text.fail;
      if (details) c.details.textContent = details;
    });
  }
  var readyAt = Date.now() + SETUP.verdictDelayMs;
  var b = judgeBrowser(navigator, SETUP);
  mark('browser', readyAt, b.ok, { ok: WORDS.browserOk, fail: WORDS.browserFail }, b.name ? b.name + ' ' + b.major : WORDS.unknownBrowser);
  echoOnce(socketUrl(SETUP.wsPath), 'ping ' + Math.random().toString(36).slice(2), SETUP.timeoutMs, function (ok) {
    mark('websocket', readyAt, ok, { ok: WORDS.websocketOk, fail: WORDS.websocketFail });
  });
  requestOnce(SETUP.httpPath + '?nocache=' + Date.now(), function (status, text) { return status === 200 && text.trim() === 'pong'; }, SETUP.timeoutMs, function (ok) {
    mark('http', readyAt, ok, { ok: WORDS.httpOk, fail: WORDS.httpFail });
  });
`;

/** The script of design c's System-Check page, its setup baked in as JSON (no user input reaches it). */
export function tableCheckScript(setup: CheckSetup, paths: DesignPaths): string {
  return checkScript(
    setup,
    paths,
    setup.negatedWording ? { ...TABLE_TEXTS, ...TABLE_NEGATED_TEXTS } : TABLE_TEXTS,
    `${BROWSER_JS}${NETWORK_JS}${CHECKS}`,
  );
}
