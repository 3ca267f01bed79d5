/**
 * The WebSocket peer: the `ws` library (the usual Node.js WebSocket client) in the client namespace,
 * sending the same kind of small, spaced echo messages as the monitor. curl speaks no WebSocket, so
 * this is the like-for-like figure for the WebSocket rows. Prints one JSON line: `{ samples: [...] }`.
 * Usage: tsx bench/ws-peer.ts WS_URL MESSAGES INTERVAL_MS
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/** An echo that has not come back after this long is not a latency sample any more. */
const ECHO_TIMEOUT_MS = 2_000;

async function main(): Promise<void> {
  const [url = '', messagesRaw = '20', intervalRaw = '50'] = process.argv.slice(2);
  const messages = Math.min(200, Math.max(1, Number(messagesRaw)));
  const intervalMs = Math.min(1_000, Math.max(0, Number(intervalRaw)));
  const socket = new WebSocket(url, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const samples: number[] = [];
  for (let index = 0; index < messages; index += 1) {
    const payload = `ws-peer:${index}`;
    const sentAt = performance.now();
    const echoed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ECHO_TIMEOUT_MS);
      socket.once('message', (data) => {
        clearTimeout(timer);
        resolve(String(data) === payload);
      });
      socket.send(payload);
    });
    if (echoed) samples.push(performance.now() - sentAt);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  socket.close(1000);
  console.log(JSON.stringify({ samples }));
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ samples: [], error: error instanceof Error ? error.message : String(error) }));
});
