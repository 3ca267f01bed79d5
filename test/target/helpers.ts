import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTarget, type RunningTarget } from '../../target/index';

/**
 * One healthy reference target for the calling `describe` block: started before its tests, its
 * faults cleared after each test, closed at the end. Returns a getter because the target exists
 * only once `beforeAll` has run.
 */
export function useSharedTarget(): () => RunningTarget {
  let target: RunningTarget | undefined;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterEach(() => target?.setFaults([]));
  afterAll(async () => {
    await target?.close();
  });
  return () => {
    if (!target) throw new Error('the shared target is used before beforeAll started it');
    return target;
  };
}

/** A complete raw answer: no redirect following, no decompression (unlike fetch). */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface RawRequestOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Give up (reject with "timed out") after this long. @default DEFAULT_TIMEOUT_MS (5000) */
  readonly timeoutMs?: number;
  /** Trusted CA (PEM) for https URLs. */
  readonly ca?: string;
}

/** Long enough for any healthy answer on loopback, short enough that a hang fails the test quickly. */
const DEFAULT_TIMEOUT_MS = 5_000;

/** One HTTP(S) request over a fresh connection (no keep-alive pool that could outlive the target). */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false, ca: options.ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(options.body);
  });
}

/** Milliseconds that `bytes` take on a line of `mbps` megabits per second. */
export function lineTimeMs(bytes: number, mbps: number): number {
  return (bytes * 8) / (mbps * 1000);
}
