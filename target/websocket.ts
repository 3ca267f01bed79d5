import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { TargetContext } from './context';
import { sleep } from './http-util';
import { randomPool } from './random-pool';

/** `ws-huge-frame`: the size of the one frame sent per message. */
export const HUGE_FRAME_BYTES = 50 * 1024 * 1024;
/** Echo messages are small; anything above this is refused with close code 1009 (message too big). */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** `ws-close-immediately`: 1011 = the server hit an unexpected condition (RFC 6455 §7.4.1). */
export const CLOSE_IMMEDIATELY_CODE = 1011;

let hugeFrame: Buffer | undefined;

function hugeFramePayload(): Buffer {
  const pool = randomPool();
  hugeFrame ??= Buffer.concat(
    Array.from({ length: Math.ceil(HUGE_FRAME_BYTES / pool.length) }, () => pool),
    HUGE_FRAME_BYTES,
  );
  return hugeFrame;
}

function reject(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The `/ws` echo endpoint of one running target, with its WebSocket faults. */
export interface WebSocketEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Terminates every open WebSocket at once. */
  close(): void;
}

async function respond(ws: WebSocket, data: RawData, isBinary: boolean, ctx: TargetContext): Promise<void> {
  const faults = ctx.faults();
  if (faults.has('ws-silent')) return;
  if (faults.has('ws-garbage')) {
    ws.send(randomBytes(64), { binary: true });
    // A text frame that is not UTF-8: browsers must fail the connection on it (RFC 6455 §8.1).
    ws.send(Buffer.from([0xff, 0xfe, 0xc3, 0x28]), { binary: false });
    return;
  }
  if (faults.has('ws-huge-frame')) return void ws.send(hugeFramePayload(), { binary: true });
  const delayMs = faults.valueOf('ws-delay');
  if (delayMs !== undefined && !(await sleep(delayMs, ctx.signal))) return;
  if (ws.readyState === ws.OPEN) ws.send(data, { binary: isBinary });
}

/** The design's WebSocket echo (`/ws` in design a): refuses other paths (404) and `ws-refuse` (403), else echoes under the active faults. */
export function createWebSocketEndpoint(ctx: TargetContext): WebSocketEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const onConnection = (ws: WebSocket): void => {
    ws.on('error', () => undefined); // a broken client is its own problem, never a target crash
    if (ctx.faults().has('ws-close-immediately')) return ws.close(CLOSE_IMMEDIATELY_CODE, 'simulated server error');
    ws.on('message', (data, isBinary) => {
      ctx.traffic.onWebSocketMessage();
      void respond(ws, data, isBinary, ctx);
    });
  };
  return {
    handleUpgrade(req, socket, head) {
      // Once upgraded the socket is ours; a client that resets it must not crash the target.
      socket.on('error', () => socket.destroy());
      const path = new URL(req.url ?? '/', 'http://target.invalid').pathname;
      if (path !== ctx.design.paths.ws) return reject(socket, 404, 'Not Found');
      if (ctx.faults().has('ws-refuse')) return reject(socket, 403, 'Forbidden');
      wss.handleUpgrade(req, socket, head, onConnection);
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
