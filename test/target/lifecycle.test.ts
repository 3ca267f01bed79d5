import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PATHS, startTarget, TargetStartError, type RunningTarget } from '../../target/index';
import { waitFor, waitUntil } from '../setup/wait-until';

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

/** Requests the target has seen for `path` so far. */
function served(target: RunningTarget, path: string): number {
  return target.stats().requestsByPath[path] ?? 0;
}

/** Resolves once `socket` (or a request's socket) has closed on this side. */
function closed(emitter: { once(event: 'close', listener: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => emitter.once('close', resolve));
}

describe('reference target lifecycle', () => {
  it('close() promptly ends hanging requests, endless responses, delayed answers and WebSockets, and frees the port', async () => {
    // Prepare: delays at their 10-minute maximum, so a close() that waited for any of them would
    // outlast the test's own timeout instead of passing a wall-clock window
    const before = resources();
    const target = await startTarget({ faults: ['hang', 'ws-delay=600000', 'http-delay=600000'] });
    const port = Number(new URL(target.origin).port);
    const hanging = pendingRequest(target.loginUrl);
    const delayedPing = pendingRequest(target.pingUrl);
    await waitFor(
      () => served(target, PATHS.login) >= 1 && served(target, PATHS.ping) >= 1,
      'both requests to reach the server under `hang`',
    );
    target.setFaults(['stream-forever', 'ws-delay=600000', 'http-delay=600000']);
    const streaming = pendingRequest(target.loginUrl);
    const ws = new WebSocket(target.wsUrl);
    const wsClosed = new Promise<number>((resolve) => ws.on('close', resolve));
    ws.on('error', () => undefined);
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send('echo in ten minutes');
    await waitFor(() => served(target, PATHS.login) >= 2 && target.stats().wsMessages >= 1, 'the endless response and the delayed echo');
    const during = resources();

    // Act
    await target.close();
    const endings = await Promise.all([hanging.ended, delayedPing.ended, streaming.ended, wsClosed]);
    // Sockets and timers are released a few event-loop turns after the close events.
    const released = await waitUntil(() => {
      const now = resources();
      return now.servers === before.servers && now.sockets === before.sockets && now.timers <= before.timers;
    });
    const after = resources();

    // Assess
    expect(endings.slice(0, 3)).toEqual(['ECONNRESET', 'ECONNRESET', 'response closed']);
    expect(endings[3]).toBe(1006);
    expect(during.servers).toBe(before.servers + 1);
    expect(during.sockets).toBeGreaterThanOrEqual(before.sockets + 8); // 4 connections, both ends
    expect(during.timers).toBeGreaterThan(before.timers); // the delayed ping, echo and trickle
    expect(released).toBe(true);
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
      const downloadGone = closed(download);
      download.end();
      const upload = request(target.uploadUrl, { method: 'POST', agent: false, headers: { 'Content-Length': '1000000' } });
      upload.on('error', () => undefined);
      const uploadGone = closed(upload);
      upload.write(Buffer.alloc(100_000));
      const upgrade = connect({ host: '127.0.0.1', port: Number(new URL(target.origin).port) }, () => {
        upgrade.write(
          'GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        );
        upgrade.resetAndDestroy();
      });
      upgrade.on('error', () => undefined);
      const upgradeGone = closed(upgrade);
      await waitFor(() => served(target, PATHS.download) >= 1 && served(target, PATHS.upload) >= 1, 'the download and the upload');
      await Promise.all([downloadGone, upgradeGone]);

      // Act
      upload.destroy();
      await uploadGone;
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
