/**
 * In-page JavaScript the designs share: how a System-Check judges the browser from what it can see
 * (`navigator.userAgent`, `navigator.userAgentData`), and its two network checks. Plain ES2017 so
 * any browser can run it; each design's own script does the DOM work and the wording.
 */

/**
 * `detect(ua)` → `{ family, name, major, headless }` (family `other` for Opera, Samsung Internet,
 * Safari, …); `looksLikeFirefox` (Gecko's `Gecko/2010…` or `Firefox/` token: Chrome's UA says only
 * "like Gecko"); `looksLikeEdge` (`Edg/` in the UA, or the "Microsoft Edge" brand in
 * `userAgentData`, which carries the same brands as the `Sec-CH-UA` header); `judgeBrowser` applies
 * a design's BrowserPolicy and the `reject-*` faults.
 */
export const BROWSER_JS = `
  function detect(ua) {
    if (/\\b(OPR|SamsungBrowser|YaBrowser)\\//.test(ua)) return { family: 'other', name: '', major: 0 };
    var m = /\\bEdg(?:e|A|iOS)?\\/(\\d+)/.exec(ua);
    if (m) return { family: 'edge', name: 'Edge', major: Number(m[1]) };
    m = /\\bFirefox\\/(\\d+)/.exec(ua);
    if (m) return { family: 'firefox', name: 'Firefox', major: Number(m[1]) };
    m = /\\b(HeadlessChrome|Chromium|Chrome)\\/(\\d+)/.exec(ua);
    if (m) return { family: 'chrome', name: m[1], major: Number(m[2]), headless: m[1] === 'HeadlessChrome' };
    return { family: 'other', name: '', major: 0 };
  }
  function looksLikeFirefox(nav) {
    return /\\bGecko\\/\\d|\\bFirefox\\//.test(nav.userAgent || '');
  }
  function looksLikeEdge(nav) {
    if (/\\bEdg(?:e|A|iOS)?\\//.test(nav.userAgent || '')) return true;
    var brands = nav.userAgentData && nav.userAgentData.brands;
    if (!brands) return false;
    for (var i = 0; i < brands.length; i++) if (/Microsoft Edge/.test(brands[i].brand)) return true;
    return false;
  }
  function judgeBrowser(nav, setup) {
    var b = detect(nav.userAgent || '');
    var min = setup.policy.minMajor[b.family];
    var ok = typeof min === 'number' && b.major >= min && !(b.headless && !setup.policy.acceptHeadless);
    if (setup.reject.firefox && looksLikeFirefox(nav)) ok = false;
    if (setup.reject.edge && looksLikeEdge(nav)) ok = false;
    return { ok: ok, name: b.name, major: b.major };
  }
`;

/**
 * `socketUrl(path)`; `echoOnce(url, payload, timeoutMs, done)`: open a WebSocket, send `payload`,
 * `done(true)` when the same text comes back, `done(false)` on error, close, other data or timeout;
 * `requestOnce(url, judge, timeoutMs, done)`: one no-store GET, `done(judge(status, text))`;
 * `atOrAfter(readyAt, fn)`: run `fn` now, or at `readyAt` (ms since epoch) if that is later.
 */
export const NETWORK_JS = `
  function socketUrl(path) {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
  }
  function echoOnce(url, payload, timeoutMs, done) {
    var ws = null, finished = false;
    var timer = setTimeout(function () { finish(false); }, timeoutMs);
    function finish(ok) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      try { if (ws) ws.close(); } catch (e) { /* already closed */ }
      done(ok);
    }
    try { ws = new WebSocket(url); } catch (e) { finish(false); return; }
    ws.onopen = function () { ws.send(payload); };
    ws.onmessage = function (event) { finish(event.data === payload); };
    ws.onerror = function () { finish(false); };
    ws.onclose = function () { finish(false); };
  }
  function requestOnce(url, judge, timeoutMs, done) {
    var controller = new AbortController(), finished = false;
    var timer = setTimeout(function () { controller.abort(); finish(false); }, timeoutMs);
    function finish(ok) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      done(ok);
    }
    fetch(url, { cache: 'no-store', signal: controller.signal })
      .then(function (res) { return res.text().then(function (text) { return judge(res.status, text); }); })
      .then(function (ok) { finish(ok); }, function () { finish(false); });
  }
  function atOrAfter(readyAt, fn) {
    var wait = readyAt - Date.now();
    if (wait > 0) setTimeout(fn, wait); else fn();
  }
`;

/** The `js-loop` fault's statement: spin forever once the current task is done. */
export const JS_LOOP_JS = 'setTimeout(function () { for (;;) { /* fault js-loop */ } }, 0);';
