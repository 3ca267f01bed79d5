/**
 * Design d's System-Check, in a popup window: verdicts in a definition list, each shown as soon as
 * its check ends. The browser from what `navigator` says, a WebSocket echo of 16 random bytes in a
 * binary frame, and an XMLHttpRequest to the keep-alive endpoint that must answer `{"alive":true}`.
 */
import { checkScript } from './check-script';
import { BROWSER_JS } from './page-kit';
import type { CheckSetup, DesignPaths } from './types';

/** Design d's wording: English, short outcomes beside the term that names the check. */
export const POPUP_TEXTS = {
  pending: 'Please wait...',
  browserOk: 'Supported',
  browserFail: 'Error',
  websocketOk: 'Successful',
  websocketFail: 'Error',
  httpOk: 'Successful',
  httpFail: 'Error',
  detected: 'Detected: ',
  unknownBrowser: 'an unknown browser',
} as const;

/** Failure texts under `negated-wording`: the pass word with a "Not". */
export const POPUP_NEGATED_TEXTS = {
  browserFail: 'Not supported',
  websocketFail: 'Not successful',
  httpFail: 'Not successful',
} as const;

const CHECKS = `
  var readyAt = Date.now() + SETUP.verdictDelayMs;
  function report(name, ok, text, detail) {
    var apply = function () {
      var dd = document.querySelector('dd[data-verdict="' + name + '"]');
      dd.setAttribute('data-outcome', ok ? 'success' : 'error');
      dd.className = ok ? 'outcome-success' : 'outcome-error';
      dd.textContent = text;
      if (detail) dd.title = detail;
    };
    var wait = readyAt - Date.now();
    if (wait > 0) setTimeout(apply, wait); else apply();
  }
  var b = judgeBrowser(navigator, SETUP);
  report('browser', b.ok, b.ok ? WORDS.browserOk : WORDS.browserFail, WORDS.detected + (b.name ? b.name + ' ' + b.major : WORDS.unknownBrowser));
  (function () {
    var probe = new Uint8Array(16), ws = null, finished = false;
    for (var i = 0; i < probe.length; i++) probe[i] = Math.floor(Math.random() * 256);
    var timer = setTimeout(function () { finish(false); }, SETUP.timeoutMs);
    function finish(ok) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      try { if (ws) ws.close(); } catch (e) { /* already closed */ }
      report('websocket', ok, ok ? WORDS.websocketOk : WORDS.websocketFail);
    }
    function sameBytes(data) {
      if (!(data instanceof ArrayBuffer) || data.byteLength !== probe.length) return false;
      var got = new Uint8Array(data);
      for (var j = 0; j < got.length; j++) if (got[j] !== probe[j]) return false;
      return true;
    }
    try { ws = new WebSocket(new URL(SETUP.wsPath, location.href).href.replace(/^http/, 'ws')); } catch (e) { finish(false); return; }
    ws.binaryType = 'arraybuffer';
    ws.onopen = function () { ws.send(probe); };
    ws.onmessage = function (event) { finish(sameBytes(event.data)); };
    ws.onerror = function () { finish(false); };
    ws.onclose = function () { finish(false); };
  })();
  (function () {
    var xhr = new XMLHttpRequest(), finished = false;
    function finish(ok) {
      if (finished) return;
      finished = true;
      report('http', ok, ok ? WORDS.httpOk : WORDS.httpFail);
    }
    xhr.open('GET', SETUP.httpPath + '?r=' + Math.random().toString(36).slice(2));
    xhr.timeout = SETUP.timeoutMs;
    xhr.onload = function () {
      var ok = false;
      try { ok = xhr.status === 200 && JSON.parse(xhr.responseText).alive === true; } catch (e) { ok = false; }
      finish(ok);
    };
    xhr.onerror = function () { finish(false); };
    xhr.ontimeout = function () { finish(false); };
    xhr.send();
  })();
`;

/** The script of design d's System-Check popup, its setup baked in as JSON (no user input reaches it). */
export function popupCheckScript(setup: CheckSetup, paths: DesignPaths): string {
  return checkScript(
    setup,
    paths,
    setup.negatedWording ? { ...POPUP_TEXTS, ...POPUP_NEGATED_TEXTS } : POPUP_TEXTS,
    `${BROWSER_JS}${CHECKS}`,
  );
}
