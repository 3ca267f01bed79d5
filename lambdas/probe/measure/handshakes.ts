/**
 * WebSocket upgrade and echo round trips from the Chrome DevTools Protocol: the browser's own
 * timestamps of the handshake request and response, which page JavaScript cannot see, and of the
 * frames of an echo measurement, which page JavaScript sees only clamped to 0.1 ms.
 */
import type { Page } from 'playwright-core';
import { roundMs } from '../../core/stats';
import type { HandshakeObserver, ObserveOptions } from './handshake-observer';
import { observeHandshakesByEvents } from './handshakes-bidi';
import { closeNetworkSession, hasDevTools, openNetworkSession } from './network-session';

export type { HandshakeObserver, ObserveOptions } from './handshake-observer';

interface HandshakeTimes {
  readonly url: string;
  requestSec?: number;
  responseSec?: number;
}

/**
 * Starts recording `Network.webSocketCreated` / `webSocketWillSendHandshakeRequest` /
 * `webSocketHandshakeResponseReceived` through a separate CDP session (Playwright's own session is
 * untouched). upgradeMs = response timestamp - request timestamp (CDP MonotonicTime, seconds).
 * With `echoPrefix` also `webSocketFrameSent` / `webSocketFrameReceived` of those messages: an
 * echo's round trip = received timestamp - sent timestamp of the same text.
 * Never throws on stop(); a page that cannot be observed yields an observer that returns undefined
 * and no echoes (the caller keeps the page's own figures). A browser without DevTools (Firefox) is
 * observed through Playwright's network events instead (handshakes-bidi.ts).
 */
export async function observeWebSocketHandshakes(page: Page, options: ObserveOptions = {}): Promise<HandshakeObserver> {
  if (!hasDevTools(page)) return observeHandshakesByEvents(page, options);
  const session = await openNetworkSession(page, options.attachTimeoutMs);
  if (!session) return { stop: () => Promise.resolve(undefined), framesSeen: () => 0, echoes: () => new Map() };
  const sockets = new Map<string, HandshakeTimes>();
  const order: string[] = [];
  let frames = 0;
  const sentSec = new Map<string, number>();
  const echoes = new Map<string, number>();
  const { echoPrefix } = options;
  // Matched by payload alone (its nonce makes it unique), whichever of the page's sockets carried it.
  session.on('Network.webSocketFrameSent', ({ timestamp, response }) => {
    frames += 1;
    if (echoPrefix === undefined || response.opcode !== 1) return;
    if (response.payloadData.startsWith(echoPrefix) && !sentSec.has(response.payloadData)) sentSec.set(response.payloadData, timestamp);
  });
  session.on('Network.webSocketFrameReceived', ({ timestamp, response }) => {
    frames += 1;
    if (echoPrefix === undefined || response.opcode !== 1) return;
    const sent = sentSec.get(response.payloadData);
    const roundTripMs = sent === undefined ? Number.NaN : (timestamp - sent) * 1_000;
    if (!echoes.has(response.payloadData) && roundTripMs >= 0) echoes.set(response.payloadData, roundTripMs);
  });
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
    // Without echoes to time, the first socket's upgrade is all stop() reports. Watching on would
    // make the browser serialize every frame of the page's sockets for this session too, which adds
    // about 0.1 ms to each round trip the page times itself (measured on loopback, Chromium 147).
    if (echoPrefix === undefined && event.requestId === order[0] && times?.requestSec !== undefined) {
      void session.send('Network.disable').catch(() => undefined);
    }
  });
  return {
    clock: 'devtools',
    framesSeen: () => frames,
    echoes: () => echoes,
    async stop() {
      await closeNetworkSession(session);
      const first = order.length > 0 ? sockets.get(order[0] ?? '') : undefined;
      if (first?.requestSec === undefined || first.responseSec === undefined) return undefined;
      const upgradeMs = (first.responseSec - first.requestSec) * 1_000;
      return upgradeMs >= 0 ? roundMs(upgradeMs) : undefined;
    },
  };
}
