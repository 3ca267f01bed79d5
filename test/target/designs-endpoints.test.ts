import { createGunzip } from 'node:zlib';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { OVERSIZE_FACTOR } from '../../target/bandwidth';
import { DESIGN_NAMES, DESIGNS } from '../../target/index';
import { BURST_MS } from '../../target/pacer';
import { HUGE_FRAME_BYTES } from '../../target/websocket';
import { exchange, useDesignTarget } from './design-helpers';
import { lineTimeMs, rawRequest } from './helpers';

/** The pacer lets a chunk pass when less than 1 ms of its wait is left (target/pacer.ts `take`). */
const PACER_EARLY_MS = 1;

/** The Content-Encoding of a response and whether its first bytes inflate as gzip. */
function firstGzipBytes(url: string): Promise<{ encoding?: string; inflated: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      const gunzip = createGunzip();
      gunzip.once('data', (chunk: Buffer) => {
        req.destroy();
        gunzip.destroy();
        resolve({ encoding: res.headers['content-encoding'], inflated: chunk.length });
      });
      gunzip.on('error', reject);
      res.pipe(gunzip);
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

describe.each(DESIGN_NAMES)('design %s: the System-Check endpoints and their faults', (name) => {
  const target = useDesignTarget(name);
  const design = DESIGNS[name];
  const otherWsPaths = DESIGN_NAMES.filter((other) => other !== name).map((other) => DESIGNS[other].paths.ws);

  it("echoes at its own WebSocket path and refuses the other designs' paths with 404", async () => {
    const echo = await exchange(target().wsUrl, 'hello');
    const others = await Promise.all(otherWsPaths.map((path) => exchange(target().wsUrl.replace(design.paths.ws, path), 'hello')));

    expect(echo.message?.data.toString()).toBe('hello');
    expect(others.map((outcome) => outcome.refusedStatus)).toEqual(otherWsPaths.map(() => 404));
  });

  it('answers its HTTP check endpoint in its own format, with CORS', async () => {
    const res = await rawRequest(target().pingUrl);

    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(design.httpAnswer.ok);
    expect(res.headers['content-type']).toBe(design.httpAnswer.contentType);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('http-check-fail: its HTTP check endpoint answers 503', async () => {
    target().setFaults(['http-check-fail']);

    const res = await rawRequest(target().pingUrl);

    expect(res.status).toBe(503);
    expect(res.body.toString()).toBe(design.httpAnswer.fail);
  });

  it('http-delay: its HTTP check endpoint answers, not before the delay', async () => {
    target().setFaults(['http-delay=300']);
    const startedMs = performance.now();

    const res = await rawRequest(target().pingUrl);

    expect(res.status).toBe(200);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(290);
  });

  it.each([
    ['ws-refuse', { refusedStatus: 403 }],
    ['ws-close-immediately', { closeCode: 1011 }],
  ])('%s at its own WebSocket path', async (fault, expected) => {
    target().setFaults([fault]);

    expect(await exchange(target().wsUrl, 'hello')).toEqual(expected);
  });

  it('ws-delay: the echo comes, not before the delay', async () => {
    target().setFaults(['ws-delay=300']);
    const startedMs = performance.now();

    const outcome = await exchange(target().wsUrl, 'late');

    expect(outcome.message?.data.toString()).toBe('late');
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(290);
  });

  it('ws-garbage: 64 random binary bytes instead of the echo', async () => {
    target().setFaults(['ws-garbage']);

    const outcome = await exchange(target().wsUrl, 'hello');

    expect(outcome.message?.isBinary).toBe(true);
    expect(outcome.message?.data.length).toBe(64);
  });

  it('ws-huge-frame: one 50 MB frame instead of the echo', async () => {
    target().setFaults(['ws-huge-frame']);

    const outcome = await exchange(target().wsUrl, 'hello');

    expect(outcome.message?.data.length).toBe(HUGE_FRAME_BYTES);
  });

  it('ws-silent: accepts the upgrade and never echoes (the next message is refused as too big instead)', async () => {
    // Prepare: silence is shown by contrast. A message above 16 MiB is always answered (close 1009),
    // so a silent socket that answers that but nothing before it did receive and ignore the first.
    target().setFaults(['ws-silent']);
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(target().wsUrl);
    const received: string[] = [];
    ws.on('message', (data: Buffer) => received.push(data.toString()));
    await new Promise((resolve) => ws.once('open', resolve));
    // Act
    ws.send('hello');
    ws.send(Buffer.alloc(17 * 1024 * 1024));
    const code = await new Promise<number>((resolve) => ws.once('close', resolve));
    // Assess
    expect(code).toBe(1009);
    expect(received).toEqual([]);
  });

  it('serves the shared bandwidth endpoints, with their faults', async () => {
    const download = await rawRequest(target().downloadUrl.replace('{bytes}', '1000'));
    const upload = await rawRequest(target().uploadUrl, { method: 'POST', body: Buffer.alloc(2000, 1) });
    target().setFaults(['download-oversize']);
    const oversize = await rawRequest(target().downloadUrl.replace('{bytes}', '1000'), { timeoutMs: 20_000 });
    target().setFaults(['gzip-bomb']);
    const bomb = await firstGzipBytes(target().downloadUrl.replace('{bytes}', '1000'));

    expect(download.body.length).toBe(1000);
    expect(JSON.parse(upload.body.toString())).toEqual({ bytes: 2000 });
    expect(oversize.body.length).toBeGreaterThanOrEqual(1000 * OVERSIZE_FACTOR);
    expect(bomb).toMatchObject({ encoding: 'gzip' });
    expect(bomb.inflated).toBeGreaterThan(0);
  });

  it('throttle: paces its downloads (never faster than the rate allows)', async () => {
    target().setFaults(['throttle=2']);
    const startedMs = performance.now();

    const res = await rawRequest(target().downloadUrl.replace('{bytes}', '100000'), { timeoutMs: 20_000 });

    expect(res.body.length).toBe(100_000);
    // A floor only (load slows a transfer, never speeds it): the line's time less the pacer's burst.
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(lineTimeMs(100_000, 2) - BURST_MS - PACER_EARLY_MS);
  });
});
