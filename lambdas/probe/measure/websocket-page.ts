/**
 * The WebSocket measurement as it runs inside the page (serialized by Playwright: self-contained,
 * no imports, no closures over Node values). Timed with `performance.now()`, what the app's own
 * JavaScript would experience; the caller may replace a sample by the browser's own frame timestamps
 * of the same message (`payloads`), which are not clamped to 0.1 ms.
 */

export interface WsPageArgs {
  readonly url: string;
  readonly messages: number;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly budgetMs: number;
  /** Every message is `<prefix><nonce>:<index>`, so echoes of earlier sockets or rounds never match. */
  readonly prefix: string;
  /**
   * A socket we only found on the page (not configured as an echo endpoint): when the first message
   * gets no echo, stop there and report `noEcho` instead of losing every message.
   */
  readonly stopWhenNoEcho?: boolean;
}

export interface WsPageResult {
  connected: boolean;
  connectMs?: number;
  /** Echo round trips in ms, in sending order (lost messages have no sample). */
  samples: number[];
  /** The message of each sample (same order). */
  payloads: string[];
  sent: number;
  lost: number;
  closeCode?: number;
  /** The socket closed (by the server or the network) before the measurement ended. */
  closedEarly: boolean;
  /** With `stopWhenNoEcho`: the first message got no echo, so no RTT was measured. */
  noEcho?: boolean;
  error?: string;
}

/**
 * Opens one socket, then sends `messages` small text messages one at a time, each after the previous
 * echo (or its timeout) plus `intervalMs`, so samples measure the path and not our own queueing.
 * A message whose echo has not arrived `timeoutMs` after sending is lost; a late echo is ignored
 * because each payload carries a nonce and its sequence number. Never runs past `budgetMs`.
 */
export async function runWebSocketInPage(args: WsPageArgs): Promise<WsPageResult> {
  const deadline = performance.now() + args.budgetMs;
  const left = (): number => Math.max(0, deadline - performance.now());
  const result: WsPageResult = { connected: false, samples: [], payloads: [], sent: 0, lost: 0, closedEarly: false };
  const nonce = Math.random().toString(36).slice(2, 10);
  let settle: ((echoed: boolean) => void) | undefined;
  let expected = '';
  let echoedAt = 0;
  let socket: WebSocket;
  const startedAt = performance.now();
  try {
    socket = new WebSocket(args.url);
  } catch (error) {
    result.error = String(error);
    return result;
  }
  const ownPrefix = `${args.prefix}${nonce}:`;
  socket.addEventListener('message', (event) => {
    // Stamped first thing, before any work of ours.
    const at = performance.now();
    if (settle && event.data === expected) {
      echoedAt = at;
      return settle(true);
    }
    if (typeof event.data === 'string' && event.data.startsWith(ownPrefix)) return; // a late echo
    // Anything else is not an echo server answering: stop at once instead of waiting out every message.
    const what = typeof event.data === 'string' ? `${event.data.length} characters of text` : 'binary data';
    if (args.stopWhenNoEcho && result.samples.length === 0) result.noEcho = true;
    else result.error ??= `the server answered with ${what} instead of the echo`;
    socket.close(4000, 'not an echo');
    if (settle) settle(false);
  });
  socket.addEventListener('close', (event) => {
    result.closeCode = event.code;
    if (settle) settle(false);
  });
  result.connected = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), left());
    socket.addEventListener(
      'open',
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      { once: true },
    );
    socket.addEventListener(
      'close',
      () => {
        clearTimeout(timer);
        resolve(false);
      },
      { once: true },
    );
  });
  if (!result.connected) {
    socket.close();
    return result;
  }
  result.connectMs = performance.now() - startedAt;
  for (let index = 0; index < args.messages && left() > 0; index += 1) {
    if (socket.readyState !== WebSocket.OPEN) {
      result.closedEarly = true;
      break;
    }
    expected = `${ownPrefix}${index}`;
    const waitMs = Math.min(args.timeoutMs, left());
    let sentAt = 0;
    const echoed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), waitMs);
      settle = (ok) => {
        clearTimeout(timer);
        resolve(ok);
      };
      // Stamped right before the send and in the message listener: the RTT holds no timer or promise work.
      sentAt = performance.now();
      socket.send(expected);
    });
    const rttMs = echoedAt - sentAt;
    settle = undefined;
    result.sent += 1;
    if (echoed) {
      result.samples.push(rttMs);
      result.payloads.push(expected);
    } else if (args.stopWhenNoEcho && result.samples.length === 0) {
      result.noEcho = true;
      break;
    } else {
      result.lost += 1;
    }
    if (index + 1 < args.messages) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(args.intervalMs, left())));
    }
  }
  if (socket.readyState !== WebSocket.OPEN) result.closedEarly = true;
  socket.close(1000);
  return result;
}
