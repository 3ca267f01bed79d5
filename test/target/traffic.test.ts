/**
 * The target's traffic counters: requests per path, wire bytes per direction and WebSocket messages,
 * counted at the socket so a test can bound what a monitor round costs the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PATHS, SESSION_COOKIE, startTarget, type RunningTarget } from '../../target/index';
import { rawRequest } from './helpers';

let target: RunningTarget;

beforeAll(async () => {
  target = await startTarget();
});

afterAll(async () => {
  await target?.close();
});

/** Sends `count` text messages and waits for their echoes. */
async function echo(url: string, count: number): Promise<void> {
  const ws = new WebSocket(url);
  try {
    await new Promise<void>((resolve, reject) => {
      let received = 0;
      const timer = setTimeout(() => reject(new Error('no echo within 5 s')), 5_000);
      ws.on('open', () => {
        for (let i = 0; i < count; i++) ws.send(`message ${i}`);
      });
      ws.on('message', () => {
        received += 1;
        if (received === count) {
          clearTimeout(timer);
          resolve();
        }
      });
      ws.on('error', reject);
    });
  } finally {
    ws.terminate();
  }
}

/** Bytes of headers and framing a small exchange may add on top of its body. */
const OVERHEAD_BYTES = 1_024;

describe('traffic counters', () => {
  it('count requests per path, wire bytes per direction and WebSocket messages', async () => {
    // Prepare
    target.resetStats();
    // Act
    await rawRequest(target.pingUrl);
    await rawRequest(target.downloadUrl.replace('{bytes}', '300000'));
    await rawRequest(target.uploadUrl, {
      method: 'POST',
      body: Buffer.alloc(200_000),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    await echo(target.wsUrl, 3);
    // Assess: sockets are closed or still live; both are counted.
    const stats = target.stats();
    expect(stats.requests).toBe(4);
    expect(stats.requestsByPath).toEqual({ '/api/ping': 1, '/download': 1, '/upload': 1, '/ws': 1 });
    expect(stats.connections).toBe(4);
    expect(stats.wsMessages).toBe(3);
    expect(stats.bytesSent).toBeGreaterThanOrEqual(300_000);
    expect(stats.bytesSent).toBeLessThan(300_000 + 4 * OVERHEAD_BYTES);
    expect(stats.bytesReceived).toBeGreaterThanOrEqual(200_000);
    expect(stats.bytesReceived).toBeLessThan(200_000 + 4 * OVERHEAD_BYTES);
  });

  it('start again from zero after resetStats', async () => {
    // Prepare
    await rawRequest(target.pingUrl);
    // Act
    target.resetStats();
    const afterReset = target.stats();
    await rawRequest(target.pingUrl);
    // Assess
    expect(afterReset).toEqual({ requests: 0, requestsByPath: {}, connections: 0, bytesSent: 0, bytesReceived: 0, wsMessages: 0 });
    const stats = target.stats();
    expect(stats.requestsByPath).toEqual({ '/api/ping': 1 });
    expect(stats.bytesSent).toBeGreaterThan(0);
    expect(stats.bytesSent).toBeLessThan(OVERHEAD_BYTES);
  });

  it('remember every session id issued, also after logout', async () => {
    // Prepare
    const form = 'username=demo&password=demo-password';
    // Act
    const login = await rawRequest(target.loginUrl, {
      method: 'POST',
      body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    await rawRequest(`${target.origin}${PATHS.login}?action=logout`, { headers: { Cookie: cookie } });
    // Assess
    expect(login.status).toBe(303);
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    expect(target.issuedSessionIds()).toContain(cookie.slice(SESSION_COOKIE.length + 1));
  });
});
