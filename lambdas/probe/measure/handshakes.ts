/**
 * WebSocket upgrade round trips from the Chrome DevTools Protocol: the browser's own timestamps of
 * the handshake request and response, which page JavaScript cannot see.
 */
import type { Page } from 'playwright-core';
import { roundMs } from '../../core/stats';
import { closeNetworkSession, openNetworkSession } from './network-session';

/** Watches the WebSocket handshakes of one page from now on. */
export interface HandshakeObserver {
  /** Stops watching; the upgrade time in ms of the first WebSocket seen (matching `url`), if it completed. */
  stop(): Promise<number | undefined>;
  /**
   * WebSocket frames the browser reported to this observer's session. Watching ends once the first
   * upgrade completed, so this stays at the few frames sent before the browser heard that.
   */
  framesSeen(): number;
}

export interface ObserveOptions {
  /** Only count sockets opened to exactly this URL (default: any). */
  readonly url?: string;
  /** How long attaching to the page may take (default and maximum: 2 s). */
  readonly attachTimeoutMs?: number;
}

interface HandshakeTimes {
  readonly url: string;
  requestSec?: number;
  responseSec?: number;
}

/**
 * Starts recording `Network.webSocketCreated` / `webSocketWillSendHandshakeRequest` /
 * `webSocketHandshakeResponseReceived` through a separate CDP session (Playwright's own session is
 * untouched). upgradeMs = response timestamp - request timestamp (CDP MonotonicTime, seconds).
 * Never throws on stop(); a page that cannot be observed yields an observer that returns undefined.
 */
export async function observeWebSocketHandshakes(page: Page, options: ObserveOptions = {}): Promise<HandshakeObserver> {
  const session = await openNetworkSession(page, options.attachTimeoutMs);
  if (!session) return { stop: () => Promise.resolve(undefined), framesSeen: () => 0 };
  const sockets = new Map<string, HandshakeTimes>();
  const order: string[] = [];
  let frames = 0;
  const countFrame = (): void => { frames += 1; };
  session.on('Network.webSocketFrameSent', countFrame);
  session.on('Network.webSocketFrameReceived', countFrame);
  session.on('Network.webSocketCreated', (event) => {
    if (options.url !== undefined && event.url !== options.url) return;
    if (sockets.has(event.requestId)) return;
    sockets.set(event.requestId, { url: event.url });
    order.push(event.requestId);
  });
  session.on('Network.webSocketWillSendHandshakeRequest', (event) => {
    const times = sockets.get(event.requestId);
    if (times && times.requestSec === undefined) times.requestSec = event.timestamp;
  });
  session.on('Network.webSocketHandshakeResponseReceived', (event) => {
    const times = sockets.get(event.requestId);
    if (times && times.responseSec === undefined) times.responseSec = event.timestamp;
    // The first socket's upgrade is all stop() reports. Watching on would make the browser serialize
    // every frame the measured socket sends and receives for this session too, which added about
    // 0.1 ms to each echo round trip the page times (measured on loopback, Chromium 147).
    if (event.requestId === order[0] && times?.requestSec !== undefined) void session.send('Network.disable').catch(() => undefined);
  });
  return {
    framesSeen: () => frames,
    async stop() {
      await closeNetworkSession(session);
      const first = order.length > 0 ? sockets.get(order[0] ?? '') : undefined;
      if (first?.requestSec === undefined || first.responseSec === undefined) return undefined;
      const upgradeMs = (first.responseSec - first.requestSec) * 1_000;
      return upgradeMs >= 0 ? roundMs(upgradeMs) : undefined;
    },
  };
}
