/**
 * Design b's System-Check: it runs on the login page itself. The footer link (or a visit to
 * `#systemcheck`) replaces the sign-in panel with a list of three checks and runs them in place:
 * the browser from what `navigator` says, a WebSocket echo of a JSON hello, a GET of the status
 * endpoint that must answer `{"status":"up"}`.
 */
import { JS_ERROR_MESSAGE } from '../system-check-script';
import { BROWSER_JS, JS_LOOP_JS, NETWORK_JS } from './page-kit';
import type { CheckSetup, DesignPaths } from './types';

/** The hash that shows the checks (the link's href, and a bookmarkable address). */
export const LIST_CHECK_HASH = '#systemcheck';

/** Design b's wording: English, "established" for a connection that works. */
export const LIST_TEXTS = {
  heading: 'System check',
  lede: 'Testing this browser and its connection to autocrm.',
  browserPending: 'Checking browser…',
  websocketPending: 'Checking WebSocket connection…',
  httpPending: 'Checking HTTP connection…',
  browserOk: 'Browser supported',
  browserFail: 'Browser check failed',
  websocketOk: 'WebSocket connection established',
  websocketFail: 'WebSocket connection failed',
  httpOk: 'HTTP connection established',
  httpFail: 'HTTP connection failed',
  unknownBrowser: 'unknown browser',
  back: 'Back to sign in',
} as const;

/** Failure texts under `negated-wording`: the pass word with a "not". */
export const LIST_NEGATED_TEXTS = {
  browserFail: 'Browser not supported',
  websocketFail: 'WebSocket connection not established',
  httpFail: 'HTTP connection not established',
} as const;

const RUN = `
  function row(list, text) {
    var item = document.createElement('li');
    item.className = 'check-row running';
    item.setAttribute('data-result', 'running');
    item.textContent = text;
    list.appendChild(item);
    return item;
  }
  function settle(item, readyAt, ok, text, detail) {
    atOrAfter(readyAt, function () {
      item.className = 'check-row ' + (ok ? 'good' : 'bad');
      item.setAttribute('data-result', ok ? 'pass' : 'fail');
      item.textContent = text;
      if (detail) {
        var small = document.createElement('small');
        small.textContent = ' (' + detail + ')';
        item.appendChild(small);
      }
    });
  }
  function buildPanel() {
    var panel = document.querySelector('section.panel');
    panel.innerHTML = '';
    var heading = document.createElement('h2');
    heading.textContent = WORDS.heading;
    var lede = document.createElement('p');
    lede.className = 'lede';
    lede.textContent = WORDS.lede;
    var list = document.createElement('ul');
    list.className = 'checklist';
    var back = document.createElement('a');
    back.href = SETUP.loginPath;
    back.className = 'back';
    back.textContent = WORDS.back;
    panel.appendChild(heading);
    panel.appendChild(lede);
    panel.appendChild(list);
    panel.appendChild(back);
    return [row(list, WORDS.browserPending), row(list, WORDS.websocketPending), row(list, WORDS.httpPending)];
  }
  var started = false;
  function run() {
    if (started) return;
    started = true;
    var rows = buildPanel();
    FAULT_JS_ERROR
    var readyAt = Date.now() + SETUP.verdictDelayMs;
    var b = judgeBrowser(navigator, SETUP);
    settle(rows[0], readyAt, b.ok, b.ok ? WORDS.browserOk : WORDS.browserFail, b.name ? b.name + ' ' + b.major : WORDS.unknownBrowser);
    var hello = JSON.stringify({ hello: 'autocrm', nonce: Math.random().toString(36).slice(2) });
    echoOnce(socketUrl(SETUP.wsPath), hello, SETUP.timeoutMs, function (ok) {
      settle(rows[1], readyAt, ok, ok ? WORDS.websocketOk : WORDS.websocketFail);
    });
    var judge = function (status, text) {
      try { return status === 200 && JSON.parse(text).status === 'up'; } catch (e) { return false; }
    };
    requestOnce(SETUP.httpPath + '?ts=' + Date.now(), judge, SETUP.timeoutMs, function (ok) {
      settle(rows[2], readyAt, ok, ok ? WORDS.httpOk : WORDS.httpFail);
    });
    FAULT_JS_LOOP
  }
  var link = document.querySelector('a[href="' + HASH + '"]');
  if (link) link.addEventListener('click', function () { run(); });
  window.addEventListener('hashchange', function () { if (location.hash === HASH) run(); });
  if (location.hash === HASH) run();
`;

/** The script of design b's login page, its setup baked in as JSON (no user input reaches it). */
export function listCheckScript(setup: CheckSetup, paths: DesignPaths): string {
  const config = { ...setup, wsPath: paths.ws, httpPath: paths.http, loginPath: paths.login };
  const words = setup.negatedWording ? { ...LIST_TEXTS, ...LIST_NEGATED_TEXTS } : LIST_TEXTS;
  const body = RUN.replace('FAULT_JS_ERROR', setup.jsError ? `throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)});` : '').replace(
    'FAULT_JS_LOOP',
    setup.jsLoop ? JS_LOOP_JS : '',
  );
  return `
(function () {
  'use strict';
  var SETUP = ${JSON.stringify(config)};
  var WORDS = ${JSON.stringify(words)};
  var HASH = ${JSON.stringify(LIST_CHECK_HASH)};
${BROWSER_JS}${NETWORK_JS}${body}})();
`;
}
