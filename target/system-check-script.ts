/**
 * The System-Check page's own JavaScript, as autocrm's page does it: decide from the user agent
 * whether the browser is supported, open a WebSocket to /ws and exchange one message, fetch
 * /api/ping; each network check has its own 5 s timeout, so every verdict ends `ok` or `fail`
 * (unless a fault stops the script). Plain ES2017 so any browser can at least run it.
 */
import { PATHS } from './paths';

/**
 * Which browsers the page accepts: the minimum major version per family (a family missing from
 * `minMajor` is not supported at all), and whether "HeadlessChrome" counts as Chrome.
 */
export interface BrowserPolicy {
  readonly minMajor: Readonly<Partial<Record<'chrome' | 'firefox' | 'edge', number>>>;
  readonly acceptHeadless: boolean;
}

/**
 * "Current version" per the seed, read as: released within about the last two years. Chrome,
 * Edge and Firefox 120 shipped in late 2023. HeadlessChrome is accepted by default (it is Chrome
 * by version); the `reject-headless` fault reproduces an autocrm that rejects it.
 */
export const DEFAULT_POLICY: BrowserPolicy = { minMajor: { chrome: 120, firefox: 120, edge: 120 }, acceptHeadless: true };

/** The verdict texts the page shows (the default config regexes match these). */
export const VERDICT_TEXTS = {
  pending: 'wird geprüft …',
  browserOk: 'Ihr Browser wird unterstützt.',
  browserFail: 'Ihr Browser wird nicht unterstützt.',
  websocketOk: 'WebSocket-Verbindung erfolgreich aufgebaut.',
  websocketFail: 'WebSocket-Verbindung konnte nicht aufgebaut werden.',
  httpOk: 'HTTP-Verbindung erfolgreich aufgebaut.',
  httpFail: 'HTTP-Verbindung konnte nicht aufgebaut werden.',
} as const;

/** Thrown by the page scripts under the `js-error` fault; tests and the engine can recognise it. */
export const JS_ERROR_MESSAGE = 'autocrm: simulated script error (fault js-error)';

/** The page's own timeout per network check, like autocrm's System-Check. */
export const PAGE_CHECK_TIMEOUT_MS = 5_000;

export interface SystemCheckScriptOptions {
  readonly policy: BrowserPolicy;
  /** `js-error`: throw before any check runs, so every verdict stays pending. */
  readonly jsError: boolean;
  /**
   * `js-loop`: spin forever right after the `load` event, so navigation succeeds and then the page
   * freezes with its network verdicts pending (a script that hangs, not a page that never loads).
   */
  readonly jsLoop: boolean;
}

const CHECKS = `
  function show(id, ok, text) {
    var el = document.getElementById(id);
    el.setAttribute('data-state', ok ? 'ok' : 'fail');
    el.textContent = text;
  }
  function detect(ua) {
    if (/\\b(OPR|SamsungBrowser|YaBrowser)\\//.test(ua)) return { family: 'other', name: 'unbekannt', major: 0 };
    var m = /\\bEdg(?:e|A|iOS)?\\/(\\d+)/.exec(ua);
    if (m) return { family: 'edge', name: 'Edge', major: Number(m[1]) };
    m = /\\bFirefox\\/(\\d+)/.exec(ua);
    if (m) return { family: 'firefox', name: 'Firefox', major: Number(m[1]) };
    m = /\\b(HeadlessChrome|Chromium|Chrome)\\/(\\d+)/.exec(ua);
    if (m) return { family: 'chrome', name: m[1], major: Number(m[2]), headless: m[1] === 'HeadlessChrome' };
    return { family: 'other', name: 'unbekannt', major: 0 };
  }
  function checkBrowser() {
    var b = detect(navigator.userAgent);
    var min = CONFIG.policy.minMajor[b.family];
    var ok = typeof min === 'number' && b.major >= min && !(b.headless && !CONFIG.policy.acceptHeadless);
    document.getElementById('browser-detail').textContent = 'Erkannt: ' + b.name + (b.major ? ' ' + b.major : '');
    show('check-browser', ok, ok ? TEXTS.browserOk : TEXTS.browserFail);
  }
  function once(id, okText, failText, cleanup) {
    var done = false;
    return function (ok) {
      if (done) return;
      done = true;
      cleanup();
      show(id, ok, ok ? okText : failText);
    };
  }
  function checkWebSocket() {
    var ws = null, timer = null;
    var finish = once('check-websocket', TEXTS.websocketOk, TEXTS.websocketFail, function () {
      clearTimeout(timer);
      try { if (ws) ws.close(); } catch (e) { /* already closed */ }
    });
    timer = setTimeout(function () { finish(false); }, CONFIG.timeoutMs);
    var token = 'systemcheck-' + Math.random().toString(36).slice(2);
    try {
      ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + CONFIG.wsPath);
    } catch (e) { finish(false); return; }
    ws.onopen = function () { ws.send(token); };
    ws.onmessage = function (event) { finish(event.data === token); };
    ws.onerror = function () { finish(false); };
    ws.onclose = function () { finish(false); };
  }
  function checkHttp() {
    var controller = new AbortController(), timer = null;
    var finish = once('check-http', TEXTS.httpOk, TEXTS.httpFail, function () { clearTimeout(timer); });
    timer = setTimeout(function () { controller.abort(); finish(false); }, CONFIG.timeoutMs);
    fetch(CONFIG.pingPath + '?t=' + Date.now(), { cache: 'no-store', signal: controller.signal })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (body) { finish(!!body && body.ok === true); }, function () { finish(false); });
  }
`;

/** The script text, with its configuration baked in as JSON (no user input ever reaches it). */
export function systemCheckScript(options: SystemCheckScriptOptions): string {
  const config = { policy: options.policy, timeoutMs: PAGE_CHECK_TIMEOUT_MS, wsPath: PATHS.ws, pingPath: PATHS.ping };
  const fault = options.jsError ? `  throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)});\n` : '';
  const loop = options.jsLoop
    ? "  window.addEventListener('load', function () { setTimeout(function () { for (;;) { /* fault js-loop */ } }, 0); });\n"
    : '';
  return `
(function () {
  'use strict';
  var CONFIG = ${JSON.stringify(config)};
  var TEXTS = ${JSON.stringify(VERDICT_TEXTS)};
${fault}${CHECKS}
${loop}  checkBrowser();
  checkWebSocket();
  checkHttp();
})();
`;
}
