/**
 * WebSocket upgrade round trips from Playwright's own network events, for browsers without DevTools:
 * Firefox over WebDriver BiDi reports the handshake as a request (type `document`, http:// URL)
 * answered 101, with the network stack's own timing (`requestStart` → `responseStart`). BiDi has no
 * WebSocket frame events, so echoes are timed in the page (unclamped in the probe's Firefox profile).
 */
import type { Page, Response } from 'playwright-core';
import { roundMs } from '../../core/stats';
import type { HandshakeObserver, ObserveOptions } from './handshake-observer';

/** Watches the 101 answers of one page from now on; the first one (matching `url`) is the upgrade reported. */
export function observeHandshakesByEvents(page: Page, options: ObserveOptions): HandshakeObserver {
  const wanted = options.url === undefined ? undefined : asHttpUrl(options.url);
  let upgradeMs: number | undefined;
  let seen = false;
  const onResponse = (response: Response): void => {
    if (seen || response.status() !== 101) return;
    if (wanted !== undefined && asHttpUrl(response.url()) !== wanted) return;
    seen = true;
    const { requestStart, responseStart } = response.request().timing();
    if (requestStart >= 0 && responseStart >= requestStart) upgradeMs = roundMs(responseStart - requestStart);
  };
  page.on('response', onResponse);
  return {
    clock: 'bidi',
    framesSeen: () => 0,
    echoes: () => new Map(),
    stop() {
      page.off('response', onResponse);
      return Promise.resolve(upgradeMs);
    },
  };
}

/** `ws://h/p` → `http://h/p` (and wss → https): how BiDi names the handshake request. */
function asHttpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//i, 'http$1://');
}
