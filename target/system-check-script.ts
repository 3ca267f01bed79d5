/**
 * The System-Check page's own JavaScript, as autocrm's page does it: decide from the user agent
 * whether the browser is supported, open a WebSocket to /ws and exchange one message, fetch
 * /api/ping; each network check has its own 5 s timeout, so every verdict ends `ok` or `fail`
 * (unless a fault stops the script). Plain ES2017 so any browser can at least run it.
 */
import { BROWSER_JS } from './designs/page-kit';
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

/** The failure texts under `negated-wording`: each contains its check's pass words. */
export const NEGATED_VERDICT_TEXTS = {
  browserFail: 'Ihr Browser wird nicht unterstützt.',
  websocketFail: 'WebSocket-Verbindung nicht erfolgreich aufgebaut.',
  httpFail: 'HTTP-Verbindung nicht erfolgreich aufgebaut.',
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
  /** `reject-firefox` / `reject-edge`. @default neither */
  readonly reject?: { readonly firefox: boolean; readonly edge: boolean };
  /** `verdict-delay`: no verdict before this many ms after the checks start. @default 0 */
  readonly verdictDelayMs?: number;
  /** `negated-wording`: the NEGATED_VERDICT_TEXTS. @default false */
  readonly negatedWording?: boolean;
}

const CHECKS = `
  var READY_AT = Date.now() + CONFIG.verdictDelayMs;
  function show(id, ok, text) {
    var apply = function () {
      var el = document.getElementById(id);
      el.setAttribute('data-state', ok ? 'ok' : 'fail');
      el.textContent = text;
    };
    var wait = READY_AT - Date.now();
    if (wait > 0) setTimeout(apply, wait); else apply();
  }
${BROWSER_JS}
  function checkBrowser() {
    var b = judgeBrowser(navigator, CONFIG);
    document.getElementById('browser-detail').textContent = 'Erkannt: ' + (b.name || 'unbekannt') + (b.major ? ' ' + b.major : '');
    show('check-browser', b.ok, b.ok ? TEXTS.browserOk : TEXTS.browserFail);
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
  const config = {
    policy: options.policy,
    timeoutMs: PAGE_CHECK_TIMEOUT_MS,
    wsPath: PATHS.ws,
    pingPath: PATHS.ping,
    reject: options.reject ?? { firefox: false, edge: false },
    verdictDelayMs: options.verdictDelayMs ?? 0,
  };
  const texts = options.negatedWording ? { ...VERDICT_TEXTS, ...NEGATED_VERDICT_TEXTS } : VERDICT_TEXTS;
  const fault = options.jsError ? `  throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)});\n` : '';
  const loop = options.jsLoop
    ? "  window.addEventListener('load', function () { setTimeout(function () { for (;;) { /* fault js-loop */ } }, 0); });\n"
    : '';
  return `
(function () {
  'use strict';
  var CONFIG = ${JSON.stringify(config)};
  var TEXTS = ${JSON.stringify(texts)};
${fault}${CHECKS}
${loop}  checkBrowser();
  checkWebSocket();
  checkHttp();
})();
`;
}
