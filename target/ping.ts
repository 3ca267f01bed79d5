import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TargetContext } from './context';
import { CORS_HEADERS, preflight, sendJson, sleep } from './http-util';

/**
 * `GET /api/ping`: a tiny uncacheable JSON answer for the System-Check's HTTP verdict and for HTTP
 * round-trip samples. `http-delay` waits first; `http-check-fail` answers 503.
 */
export async function handlePing(req: IncomingMessage, res: ServerResponse, ctx: TargetContext): Promise<void> {
  if (preflight(req, res)) return;
  const delayMs = ctx.faults().valueOf('http-delay');
  if (delayMs !== undefined && !(await sleep(delayMs, ctx.signal))) return;
  if (ctx.faults().has('http-check-fail')) return sendJson(res, 503, { ok: false }, CORS_HEADERS);
  sendJson(res, 200, { ok: true }, CORS_HEADERS);
}
