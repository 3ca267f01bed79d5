import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TargetContext } from './context';
import { gzipBomb } from './gzip-bomb';
import { COMMON_HEADERS, CORS_HEADERS, preflight, send, sendJson, sendText } from './http-util';
import { poolSlice } from './random-pool';

/** Largest download or upload one request may ask for: bounds the target's own cost. */
export const MAX_TRANSFER_BYTES = 64 * 1024 * 1024;
/** `download-oversize` sends this many times the bytes asked for (at least OVERSIZE_MIN_BYTES). */
export const OVERSIZE_FACTOR = 10;
const OVERSIZE_MIN_BYTES = 1024 * 1024;
/** Chunk size under `throttle`: small chunks keep the token bucket's burst small. */
const PACED_CHUNK_BYTES = 16 * 1024;
const FREE_CHUNK_BYTES = 64 * 1024;

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function streamRandom(res: ServerResponse, totalBytes: number, ctx: TargetContext): Promise<void> {
  const mbps = ctx.faults().valueOf('throttle');
  const chunkBytes = mbps === undefined ? FREE_CHUNK_BYTES : PACED_CHUNK_BYTES;
  let sent = 0;
  while (sent < totalBytes && !res.destroyed) {
    const chunk = poolSlice(sent, Math.min(chunkBytes, totalBytes - sent));
    if (!(await ctx.downloadPacer.take(chunk.length, mbps, ctx.signal))) return;
    sent += chunk.length;
    if (!res.write(chunk)) await waitForDrain(res);
  }
  if (!res.destroyed) res.end();
}

/** Parses `?bytes=N`; answers 400 and returns undefined when it is missing, malformed or too large. */
function requestedBytes(url: URL, res: ServerResponse): number | undefined {
  const raw = url.searchParams.get('bytes') ?? '';
  const bytes = /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
  if (Number.isInteger(bytes) && bytes <= MAX_TRANSFER_BYTES) return bytes;
  sendText(
    res,
    400,
    `bytes must be a whole number from 0 to ${MAX_TRANSFER_BYTES}, got "${raw}". Example: /download?bytes=1000000`,
    CORS_HEADERS,
  );
  return undefined;
}

/** `GET /download?bytes=N`: N random bytes, uncacheable, untransformed, honest Content-Length. */
export async function handleDownload(req: IncomingMessage, res: ServerResponse, url: URL, ctx: TargetContext): Promise<void> {
  if (preflight(req, res)) return;
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'use GET', { Allow: 'GET, HEAD, OPTIONS', ...CORS_HEADERS });
  const bytes = requestedBytes(url, res);
  if (bytes === undefined) return;
  const faults = ctx.faults();
  const headers = { ...COMMON_HEADERS, ...CORS_HEADERS, 'Content-Type': 'application/octet-stream' };
  if (faults.has('gzip-bomb')) {
    return send(res, 200, gzipBomb(), { ...headers, 'Content-Encoding': 'gzip' });
  }
  if (faults.has('download-oversize')) {
    res.writeHead(200, headers);
    return streamRandom(res, Math.max(bytes * OVERSIZE_FACTOR, OVERSIZE_MIN_BYTES), ctx);
  }
  res.writeHead(200, { ...headers, 'Content-Length': bytes });
  if (req.method === 'HEAD') return void res.end();
  return streamRandom(res, bytes, ctx);
}

/** `POST /upload`: reads the whole body (paced under `throttle`), answers `{"bytes":N}`. */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, ctx: TargetContext): Promise<void> {
  if (preflight(req, res)) return;
  if (req.method !== 'POST') return sendText(res, 405, 'use POST', { Allow: 'POST, OPTIONS', ...CORS_HEADERS });
  const tooLarge = `upload body must be at most ${MAX_TRANSFER_BYTES} bytes`;
  if (Number(req.headers['content-length'] ?? 0) > MAX_TRANSFER_BYTES) {
    return sendText(res, 413, tooLarge, { Connection: 'close', ...CORS_HEADERS });
  }
  let received = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > MAX_TRANSFER_BYTES) return sendText(res, 413, tooLarge, { Connection: 'close', ...CORS_HEADERS });
    if (!(await ctx.uploadPacer.take(chunk.length, ctx.faults().valueOf('throttle'), ctx.signal))) return;
  }
  sendJson(res, 200, { bytes: received }, CORS_HEADERS);
}
