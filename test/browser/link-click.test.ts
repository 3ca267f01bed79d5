/**
 * The System-Check link clicked when it can take the click: a link an overlay covers at first, and
 * a button that is disabled at first, are clicked once the overlay has gone and the button is
 * enabled (a click at once would hit the overlay or the disabled button and go nowhere); the link
 * after a widget whose buttons sit in a shadow root is the one clicked (the finder counts elements of
 * the document itself, so must the click). A link clicked at once waits for the page it goes to: a
 * login page that itself reads like failed checks is not read while the System-Check page is slow
 * to answer, and a link answered without content ends the wait. In Chromium and in Firefox. Pages
 * of our own making, worded unlike the reference target.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTargets } from '../../lambdas/core/config/parse-targets';
import { probeTarget } from '../../lambdas/probe/probe-target';
import { browserDescendants } from './browser-processes';
import { urlOnly } from './discovery-matrix';

/** Far longer than a round takes from the login page's load to the click, even on a busy machine. */
const HOLD_MS = 1_500;
/** Firefox starts in seconds on a busy 2-core machine. */
const TEST_TIMEOUT_MS = 120_000;

const FORM = '<form method="post" action="/eintritt"><input name="u"><input name="p" type="password"><button>Los</button></form>';

/** The link, covered by a full-window layer that a script takes away after HOLD_MS. */
const COVERED = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Eintritt</title></head><body>${FORM}
<a href="/pruefstand">System-Check</a>
<div id="schleier" style="position:fixed;inset:0;background:rgba(0,0,0,.4);z-index:10"></div>
<script>setTimeout(function () { document.getElementById('schleier').remove(); }, ${HOLD_MS});</script></body></html>`;

/** A button that goes to the checks, disabled until a script enables it after HOLD_MS. */
const DISABLED = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Eintritt</title></head><body>${FORM}
<button id="pruefen" type="button" disabled onclick="location.href='/pruefstand'">Systemcheck</button>
<script>setTimeout(function () { document.getElementById('pruefen').disabled = false; }, ${HOLD_MS});</script></body></html>`;

/** A menu widget with its buttons in an open shadow root, before the link. */
const SHADOW = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Eintritt</title></head><body>
<div id="menue"></div>
<script>document.getElementById('menue').attachShadow({ mode: 'open' }).innerHTML = '<button type="button">Menü</button><button type="button">Hilfe</button>';</script>
${FORM}
<a href="/pruefstand">System-Check</a></body></html>`;

/** Longer than a round takes from the click to reading the page it is on, even on a busy machine. */
const SLOW_ANSWER_MS = 1_200;

/** A login page with last week's failed checks on it, linking to a System-Check that answers after SLOW_ANSWER_MS. */
const SLOW = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Eintritt</title></head><body>${FORM}
<h2>Letzte Prüfung</h2><ul><li>Browser: nicht geeignet</li><li>WebSocket: nicht verbunden</li><li>HTTP: fehlgeschlagen</li></ul>
<a href="/pruefstand-langsam">System-Check</a></body></html>`;

/** A link the server answers without content (204): the browser stays on the login page. */
const EMPTY = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Eintritt</title></head><body>${FORM}
<a href="/nichts">System-Check</a></body></html>`;

/** The System-Check budget of the round on EMPTY: the verdicts never come, the click must end long before. */
const EMPTY_CHECK_MS = 5_000;

const CHECKS = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Prüfstand</title></head><body>
<ul><li>Browser: geeignet</li><li>WebSocket: verbunden</li><li>HTTP: erreichbar</li></ul></body></html>`;

const PAGES: Readonly<Record<string, string>> = {
  '/verdeckt': COVERED,
  '/gesperrt': DISABLED,
  '/schatten': SHADOW,
  '/langsam': SLOW,
  '/leer': EMPTY,
  '/pruefstand': CHECKS,
  '/pruefstand-langsam': CHECKS,
};

describe.each(['chromium', 'firefox'] as const)('the System-Check link in %s', { timeout: TEST_TIMEOUT_MS }, (browser) => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      if (path === '/nichts') {
        response.writeHead(204).end();
        return;
      }
      const page = PAGES[path];
      response.statusCode = page ? 200 : 404;
      response.setHeader('content-type', 'text/html; charset=utf-8');
      setTimeout(() => response.end(page ?? ''), path === '/pruefstand-langsam' ? SLOW_ANSWER_MS : 0);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    ['covered by a layer that leaves later', '/verdeckt'],
    ['disabled until a script enables it', '/gesperrt'],
    ['after buttons in a shadow root', '/schatten'],
  ])('is clicked once it can take the click: %s', async (_case, path) => {
    // Act
    const { result } = await probeTarget(urlOnly(`${origin}${path}`), { location: 'local', browser });
    // Assess
    expect(result.steps.find((step) => step.name === 'system_check')).toMatchObject({ ok: true });
    expect(result.systemCheck?.link).toMatchObject({ source: 'discovered', opens: 'navigate' });
    expect(result.systemCheck?.url).toBe(`${origin}/pruefstand`);
    expect(result.systemCheck?.browser).toMatchObject({ outcome: 'pass', text: 'Browser: geeignet' });
    expect(result.systemCheck?.http).toMatchObject({ outcome: 'pass', text: 'HTTP: erreichbar' });
    expect(browserDescendants()).toEqual([]);
  });

  it('reads the System-Check page, not the login page, while the System-Check page is slow to answer', async () => {
    // Act
    const { result } = await probeTarget(urlOnly(`${origin}/langsam`), { location: 'local', browser });
    // Assess
    expect(result.systemCheck?.link).toMatchObject({ source: 'discovered', opens: 'navigate' });
    expect(result.systemCheck?.url).toBe(`${origin}/pruefstand-langsam`);
    expect(result.systemCheck?.websocket).toMatchObject({ outcome: 'pass', text: 'WebSocket: verbunden' });
    expect(result.steps.find((step) => step.name === 'system_check')).toMatchObject({ ok: true });
  });

  it('stops waiting for the System-Check page when the link is answered without content', async () => {
    // Prepare
    const [target] = parseTargets(
      { targets: [{ name: 'leer', loginUrl: `${origin}/leer`, timeouts: { systemCheckMs: EMPTY_CHECK_MS } }] },
      'link-click test',
    );
    // Act
    const { result } = await probeTarget(target!, { location: 'local', browser });
    // Assess: no verdicts on the page the browser stayed on, and the click itself ended
    const step = result.steps.find((candidate) => candidate.name === 'system_check');
    expect(step).toMatchObject({ ok: false });
    expect(step?.message).toMatch(/^no System-Check verdicts found/);
    expect(result.systemCheck?.url).toBe(`${origin}/leer`);
    expect(browserDescendants()).toEqual([]);
  });
});
