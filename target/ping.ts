import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TargetContext } from './context';
import { CORS_HEADERS, preflight, send, sleep } from './http-util';

/**
 * The System-Check's HTTP endpoint (`GET /api/ping` in design a): a tiny uncacheable answer in the
 * design's own format, for its HTTP verdict and for HTTP round-trip samples. `http-delay` waits
 * first; `http-check-fail` answers 503.
 */
export async function handlePing(req: IncomingMessage, res: ServerResponse, ctx: TargetContext): Promise<void> {
  if (preflight(req, res)) return;
  const delayMs = ctx.faults().valueOf('http-delay');
  if (delayMs !== undefined && !(await sleep(delayMs, ctx.signal))) return;
  const answer = ctx.design.httpAnswer;
  const headers = { ...CORS_HEADERS, 'Content-Type': answer.contentType };
  if (ctx.faults().has('http-check-fail')) return send(res, 503, answer.fail, headers);
  send(res, 200, answer.ok, headers);
}
