import { request } from 'node:http';
import { createGunzip, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { OVERSIZE_FACTOR } from '../../target/bandwidth';
import { GZIP_BOMB_CRC32, GZIP_BOMB_INFLATED_BYTES } from '../../target/gzip-bomb';
import { BURST_MS } from '../../target/pacer';
import { lineTimeMs, rawRequest, useSharedTarget } from './helpers';

/** The pacer lets a chunk pass when less than 1 ms of its wait is left (target/pacer.ts `take`). */
const PACER_EARLY_MS = 1;

/** Inflates a gzip body as it streams in, stopping after `limitBytes` of output. */
function inflateUpTo(url: string, limitBytes: number): Promise<{ encoding?: string; compressedBytes: number; inflatedBytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let compressedBytes = 0;
      let inflatedBytes = 0;
      const gunzip = createGunzip();
      res.on('data', (chunk: Buffer) => {
        compressedBytes += chunk.length;
      });
      gunzip.on('data', (chunk: Buffer) => {
        inflatedBytes += chunk.length;
        if (inflatedBytes >= limitBytes) {
          req.destroy();
          gunzip.destroy();
          resolve({ encoding: res.headers['content-encoding'], compressedBytes, inflatedBytes });
        }
      });
      gunzip.on('error', reject);
      res.pipe(gunzip);
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

describe('reference target, bandwidth and HTTP-check faults', () => {
  const target = useSharedTarget();

  // The rate itself is pinned without a clock (bandwidth-pacing.test.ts, pacer.test.ts); end to end,
  // only the floor is asserted: the pacer never lets a byte ahead of the line, and a busy machine
  // can only make a transfer slower, never faster.
  it('throttle=8: a 1 MB download takes at least its line time at 8 Mbit/s (1 s, less the burst)', async () => {
    target().setFaults(['throttle=8']);
    const startedMs = performance.now();

    const res = await rawRequest(target().downloadUrl.replace('{bytes}', '1000000'), { timeoutMs: 20_000 });
    const elapsedMs = performance.now() - startedMs;

    expect(res.body.length).toBe(1_000_000);
    expect(elapsedMs).toBeGreaterThanOrEqual(lineTimeMs(1_000_000, 8) - BURST_MS - PACER_EARLY_MS);
  });

  it('throttle=8: a 1 MB upload is answered no sooner than its line time at 8 Mbit/s (the answer follows the last byte read)', async () => {
    target().setFaults(['throttle=8']);
    const startedMs = performance.now();

    const res = await rawRequest(target().uploadUrl, { method: 'POST', body: Buffer.alloc(1_000_000, 1), timeoutMs: 20_000 });
    const elapsedMs = performance.now() - startedMs;

    expect(JSON.parse(res.body.toString())).toEqual({ bytes: 1_000_000 });
    expect(elapsedMs).toBeGreaterThanOrEqual(lineTimeMs(1_000_000, 8) - BURST_MS - PACER_EARLY_MS);
  });

  it('download-oversize: sends ten times the bytes asked for, without Content-Length', async () => {
    target().setFaults(['download-oversize']);

    const res = await rawRequest(target().downloadUrl.replace('{bytes}', '200000'));

    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.body.length).toBe(200_000 * OVERSIZE_FACTOR);
  });

  it('gzip-bomb: a ~1 MB gzip body that inflates far beyond what was asked for', async () => {
    target().setFaults(['gzip-bomb']);

    const head = await rawRequest(target().downloadUrl.replace('{bytes}', '1000'));
    const inflated = await inflateUpTo(target().downloadUrl.replace('{bytes}', '1000'), 100 * 1024 * 1024);

    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.body.length).toBeLessThan(2 * 1024 * 1024);
    expect(head.body.readUInt32LE(head.body.length - 4)).toBe(GZIP_BOMB_INFLATED_BYTES % 2 ** 32);
    expect(inflated.inflatedBytes).toBeGreaterThanOrEqual(100 * 1024 * 1024);
    expect(inflated.inflatedBytes / inflated.compressedBytes).toBeGreaterThan(50);
  });

  it('gzip-bomb: the precomputed CRC-32 is the true one of 1 GiB of zeros', () => {
    const block = Buffer.alloc(16 * 1024 * 1024);
    let crc = 0;
    for (let i = 0; i < GZIP_BOMB_INFLATED_BYTES / block.length; i++) crc = crc32(block, crc);

    expect(crc >>> 0).toBe(GZIP_BOMB_CRC32);
  });

  it('http-check-fail: /api/ping answers 503', async () => {
    target().setFaults(['http-check-fail']);

    const res = await rawRequest(target().pingUrl);

    expect(res.status).toBe(503);
    expect(JSON.parse(res.body.toString())).toEqual({ ok: false });
  });

  it('http-delay: /api/ping answers only after the delay', async () => {
    target().setFaults(['http-delay=300']);
    const startedMs = performance.now();

    const res = await rawRequest(target().pingUrl);

    expect(res.status).toBe(200);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(290);
  });
});
