import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Sent with every response: Resource Timing details (TTFB, transferSize) are readable from any
 * origin, and nothing in between may cache or recompress what we measure.
 */
export const COMMON_HEADERS: OutgoingHttpHeaders = {
  'Timing-Allow-Origin': '*',
  'Cache-Control': 'no-store, no-transform',
  'X-Content-Type-Options': 'nosniff',
};

/** CORS for the measurement endpoints, so a probe on another origin may call them too. */
export const CORS_HEADERS: OutgoingHttpHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Expose-Headers': 'Content-Length',
  'Access-Control-Max-Age': '600',
};

/** Ends `res` with a complete body, an honest Content-Length and the common headers. */
export function send(res: ServerResponse, status: number, body: string | Buffer, headers: OutgoingHttpHeaders = {}): void {
  if (res.headersSent || res.destroyed) return;
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Length': buffer.length, ...headers });
  res.end(buffer);
}

/** `send` with an HTML content type. */
export function sendHtml(res: ServerResponse, status: number, html: string, headers: OutgoingHttpHeaders = {}): void {
  send(res, status, html, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
}

/** `send` of one line of plain text (a newline is added). */
export function sendText(res: ServerResponse, status: number, text: string, headers: OutgoingHttpHeaders = {}): void {
  send(res, status, `${text}\n`, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
}

/** `send` of `body` as JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  send(res, status, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });
}

/** Answers a CORS preflight; returns true when `req` was one. */
export function preflight(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'OPTIONS') return false;
  send(res, 204, '', CORS_HEADERS);
  return true;
}

/** 303 See Other to `location`: after a form post the browser follows with a GET. */
export function redirect(res: ServerResponse, location: string, headers: OutgoingHttpHeaders = {}): void {
  send(res, 303, '', { Location: location, ...headers });
}

/**
 * Resolves after `ms`, or at once when `signal` aborts (target closing) — so no delayed answer
 * keeps the process alive after `close()`. Resolves to false when aborted.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A request body larger than the endpoint accepts. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** Reads a small request body (form posts) as text, refusing more than `maxBytes`. */
export async function readText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) throw new BodyTooLargeError(`request body over ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
