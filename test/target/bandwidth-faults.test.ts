import { request } from 'node:http';
import { createGunzip, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { OVERSIZE_FACTOR } from '../../target/bandwidth';
import { GZIP_BOMB_CRC32, GZIP_BOMB_INFLATED_BYTES } from '../../target/gzip-bomb';
import { mbps, rawRequest, useSharedTarget } from './helpers';

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

  it('throttle=8: paces a 1 MB download to about 8 Mbit/s (wide tolerance, shared machine)', async () => {
    target().setFaults(['throttle=8']);
    const startedMs = performance.now();

    const res = await rawRequest(target().downloadUrl.replace('{bytes}', '1000000'), { timeoutMs: 20_000 });
    const measured = mbps(res.body.length, performance.now() - startedMs);

    expect(res.body.length).toBe(1_000_000);
    expect(measured).toBeGreaterThan(4);
    expect(measured).toBeLessThan(9.5);
  });

  it('throttle=8: paces a 1 MB upload to about 8 Mbit/s (the answer comes after the last byte is read)', async () => {
    target().setFaults(['throttle=8']);
    const startedMs = performance.now();

    const res = await rawRequest(target().uploadUrl, { method: 'POST', body: Buffer.alloc(1_000_000, 1), timeoutMs: 20_000 });
    const measured = mbps(1_000_000, performance.now() - startedMs);

    expect(JSON.parse(res.body.toString())).toEqual({ bytes: 1_000_000 });
    expect(measured).toBeGreaterThan(4);
    expect(measured).toBeLessThan(9.5);
  });

  it('without throttle, the same download is far faster than 8 Mbit/s', async () => {
    const startedMs = performance.now();

    const res = await rawRequest(target().downloadUrl.replace('{bytes}', '1000000'));

    expect(res.body.length).toBe(1_000_000);
    expect(mbps(res.body.length, performance.now() - startedMs)).toBeGreaterThan(40);
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
