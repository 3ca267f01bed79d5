import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_POLICY, systemCheckScript, type BrowserPolicy } from '../../target/system-check-script';
import { JS_ERROR_MESSAGE, VERDICT_TEXTS, type RunningTarget } from '../../target/index';
import { useSharedTarget } from './helpers';

/** The page's 5 s timeouts run ten times faster here, so a timed-out check costs 0.5 s. */
const TIME_SCALE = 0.1;
const CHROME_147 = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/147.0.0.0 Safari/537.36';

interface Verdict {
  state: string;
  text: string;
}
type Verdicts = Record<'check-browser' | 'check-websocket' | 'check-http', Verdict>;

/**
 * Runs the System-Check page's script in a fresh VM context whose document, navigator, WebSocket
 * (the `ws` client) and fetch talk to the real target, and resolves once no verdict is pending
 * (or after 3 s). No browser, but the same script, network and timeouts (scaled).
 */
async function runChecks(
  target: RunningTarget,
  options: { userAgent?: string; policy?: BrowserPolicy; jsError?: boolean } = {},
): Promise<Verdicts> {
  return (await runPage(target, options)).verdicts;
}

async function runPage(
  target: RunningTarget,
  options: { userAgent?: string; policy?: BrowserPolicy; jsError?: boolean },
): Promise<{ verdicts: Verdicts; thrown?: Error }> {
  const verdicts: Verdicts = {
    'check-browser': { state: 'pending', text: VERDICT_TEXTS.pending },
    'check-websocket': { state: 'pending', text: VERDICT_TEXTS.pending },
    'check-http': { state: 'pending', text: VERDICT_TEXTS.pending },
  };
  const sockets: WebSocket[] = [];
  const element = (id: string) => ({
    setAttribute: (_name: string, value: string) => {
      (verdicts as Record<string, Verdict>)[id]!.state = value;
    },
    set textContent(text: string) {
      const v = (verdicts as Record<string, Verdict>)[id];
      if (v) v.text = text;
    },
  });
  const origin = new URL(target.origin);
  const sandbox = {
    document: { getElementById: element },
    navigator: { userAgent: options.userAgent ?? CHROME_147 },
    location: { protocol: origin.protocol, host: origin.host },
    window: { addEventListener: () => undefined },
    WebSocket: class extends WebSocket {
      constructor(url: string) {
        super(url);
        sockets.push(this);
      }
    },
    fetch: (path: string, init: RequestInit) => fetch(new URL(path, target.origin), init),
    AbortController,
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms * TIME_SCALE),
    clearTimeout,
  };
  const script = systemCheckScript({ policy: options.policy ?? DEFAULT_POLICY, jsError: options.jsError ?? false, jsLoop: false });
  try {
    runInNewContext(script, sandbox);
  } catch (error) {
    return { verdicts, thrown: error as Error };
  }
  const deadline = Date.now() + 3000;
  while (Object.values(verdicts).some((v) => v.state === 'pending') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  for (const socket of sockets) socket.terminate();
  return { verdicts };
}

describe('System-Check page script', () => {
  const target = useSharedTarget();

  it('reports all three checks ok against the healthy target, with the exact German texts', async () => {
    const verdicts = await runChecks(target());

    expect(verdicts).toEqual({
      'check-browser': { state: 'ok', text: 'Ihr Browser wird unterstützt.' },
      'check-websocket': { state: 'ok', text: 'WebSocket-Verbindung erfolgreich aufgebaut.' },
      'check-http': { state: 'ok', text: 'HTTP-Verbindung erfolgreich aufgebaut.' },
    });
  });

  it.each([
    ['Chrome 147', CHROME_147, 'ok'],
    ['HeadlessChrome 147 (Chrome by version)', CHROME_147.replace('Chrome/', 'HeadlessChrome/'), 'ok'],
    [
      'Chromium 130',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/130.0.0.0 Chrome/130.0.0.0 Safari/537.36',
      'ok',
    ],
    ['Edge 140', `${CHROME_147} Edg/140.0.0.0`, 'ok'],
    ['Firefox 128', 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'ok'],
    ['Chrome 119 (too old)', CHROME_147.replace('Chrome/147', 'Chrome/119'), 'fail'],
    ['Firefox 115 ESR (too old)', 'Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0', 'fail'],
    ['Edge 110 (too old)', `${CHROME_147} Edg/110.0.0.0`, 'fail'],
    ['Opera (not supported)', `${CHROME_147} OPR/110.0.0.0`, 'fail'],
    [
      'Safari (not supported)',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'fail',
    ],
  ])('decides the browser verdict for %s', async (_name, userAgent, state) => {
    const verdicts = await runChecks(target(), { userAgent });

    expect(verdicts['check-browser'].state).toBe(state);
    expect(verdicts['check-browser'].text).toBe(state === 'ok' ? VERDICT_TEXTS.browserOk : VERDICT_TEXTS.browserFail);
  });

  it('rejects HeadlessChrome but not Chrome when headless browsers are not accepted (reject-headless)', async () => {
    const policy = { ...DEFAULT_POLICY, acceptHeadless: false };

    const headless = await runChecks(target(), { policy, userAgent: CHROME_147.replace('Chrome/', 'HeadlessChrome/') });
    const chrome = await runChecks(target(), { policy });

    expect(headless['check-browser'].state).toBe('fail');
    expect(chrome['check-browser'].state).toBe('ok');
  });

  it.each([
    [['ws-refuse'], 'fail', 'ok'],
    [['ws-silent'], 'fail', 'ok'],
    [['ws-garbage'], 'fail', 'ok'],
    [['ws-close-immediately'], 'fail', 'ok'],
    [['ws-delay=100'], 'ok', 'ok'],
    [['ws-delay=2000'], 'fail', 'ok'],
    [['http-check-fail'], 'ok', 'fail'],
    [['http-delay=100'], 'ok', 'ok'],
    [['http-delay=2000'], 'ok', 'fail'],
  ])('with %j shows websocket %s and http %s, never pending', async (faults, websocket, http) => {
    target().setFaults(faults);

    const verdicts = await runChecks(target());

    expect(verdicts['check-websocket'].state).toBe(websocket);
    expect(verdicts['check-http'].state).toBe(http);
    expect(verdicts['check-http'].text).toBe(http === 'ok' ? VERDICT_TEXTS.httpOk : VERDICT_TEXTS.httpFail);
  });

  it('js-error: throws before any check, so every verdict stays pending', async () => {
    const { verdicts, thrown } = await runPage(target(), { jsError: true });

    expect(thrown?.message).toBe(JS_ERROR_MESSAGE);
    expect(Object.values(verdicts).map((v) => v.state)).toEqual(['pending', 'pending', 'pending']);
  });
});
