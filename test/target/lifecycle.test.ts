import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTarget, TargetStartError } from '../../target/index';

/** Listening servers, TCP sockets and timers this process holds (libuv resources). */
function resources(): { servers: number; sockets: number; timers: number } {
  const kinds = process.getActiveResourcesInfo();
  const count = (kind: string): number => kinds.filter((k) => k === kind).length;
  return { servers: count('TCPServerWrap'), sockets: count('TCPSocketWrap'), timers: count('Timeout') };
}

/** Resolves with 'refused' when nothing listens on the port, 'open' when something does. */
function probePort(port: number): Promise<'open' | 'refused'> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve('open');
    });
    socket.on('error', () => resolve('refused'));
  });
}

/** Starts a request that will never get an answer; resolves with how it ended (after close()). */
function pendingRequest(url: string): { ended: Promise<string> } {
  return {
    ended: new Promise((resolve) => {
      const req = request(url, { agent: false }, (res) => {
        res.on('data', () => undefined);
        res.on('close', () => resolve('response closed'));
      });
      req.on('error', (error: Error & { code?: string }) => resolve(error.code ?? error.message));
      req.end();
    }),
  };
}

describe('reference target lifecycle', () => {
  it('close() promptly ends hanging requests, endless responses, delayed answers and WebSockets, and frees the port', async () => {
    // Prepare
    const before = resources();
    const target = await startTarget({ faults: ['hang', 'ws-delay=60000', 'http-delay=60000'] });
    const port = Number(new URL(target.origin).port);
    const hanging = pendingRequest(target.loginUrl);
    const delayedPing = pendingRequest(target.pingUrl);
    await new Promise((resolve) => setTimeout(resolve, 300)); // both requests reach the server under `hang`
    target.setFaults(['stream-forever', 'ws-delay=60000', 'http-delay=60000']);
    const streaming = pendingRequest(target.loginUrl);
    const ws = new WebSocket(target.wsUrl);
    const wsClosed = new Promise<number>((resolve) => ws.on('close', resolve));
    ws.on('error', () => undefined);
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send('echo in a minute');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = resources();

    // Act
    const startedMs = performance.now();
    await target.close();
    const closeMs = performance.now() - startedMs;
    const endings = await Promise.all([hanging.ended, delayedPing.ended, streaming.ended, wsClosed]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = resources();

    // Assess
    expect(closeMs).toBeLessThan(2000);
    expect(endings.slice(0, 3)).toEqual(['ECONNRESET', 'ECONNRESET', 'response closed']);
    expect(endings[3]).toBe(1006);
    expect(during.servers).toBe(before.servers + 1);
    expect(during.sockets).toBeGreaterThanOrEqual(before.sockets + 8); // 4 connections, both ends
    expect(during.timers).toBeGreaterThan(before.timers); // the delayed ping, echo and trickle
    expect(after.servers).toBe(before.servers);
    expect(after.sockets).toBe(before.sockets);
    expect(after.timers).toBeLessThanOrEqual(before.timers);
    expect(await probePort(port)).toBe('refused');
  });

  it('survives clients that vanish mid-transfer, mid-upload and mid-handshake', async () => {
    // Prepare
    const target = await startTarget({ faults: ['throttle=1', 'ws-refuse'] });
    try {
      const download = request(target.downloadUrl.replace('{bytes}', '1000000'), { agent: false }, (res) =>
        res.on('data', () => download.destroy()),
      );
      download.on('error', () => undefined);
      download.end();
      const upload = request(target.uploadUrl, { method: 'POST', agent: false, headers: { 'Content-Length': '1000000' } });
      upload.on('error', () => undefined);
      upload.write(Buffer.alloc(100_000));
      const upgrade = connect({ host: '127.0.0.1', port: Number(new URL(target.origin).port) }, () => {
        upgrade.write(
          'GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        );
        upgrade.resetAndDestroy();
      });
      upgrade.on('error', () => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));

      // Act
      upload.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      target.setFaults([]);
      const ping = await fetch(target.pingUrl);

      // Assess
      expect(ping.status).toBe(200);
    } finally {
      await target.close();
    }
  });

  it('close() is idempotent', async () => {
    const target = await startTarget();

    await Promise.all([target.close(), target.close()]);
    await target.close();

    expect(await probePort(Number(new URL(target.origin).port))).toBe('refused');
  });

  it('rejects a port in use with a TargetStartError that says what to do', async () => {
    const first = await startTarget();
    try {
      const port = Number(new URL(first.origin).port);
      await expect(startTarget({ port })).rejects.toThrow(TargetStartError);
      await expect(startTarget({ port })).rejects.toThrow(
        /cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\); choose another port, or 0 for a free one/,
      );
    } finally {
      await first.close();
    }
  });

  it('rejects bad faults before listening', async () => {
    await expect(startTarget({ faults: ['ws-delay=abc'] })).rejects.toThrow(/fault "ws-delay" needs whole milliseconds/);
  });
});
