/**
 * Reads what a deployed probe function returned to a smoke invocation (the handler's summary
 * `{ ok, location, results }`) and turns anything else into `probe_error` results for that region:
 * a broken or unreachable function is "the gate could not measure", never "autocrm is down".
 */
import { STATUSES, type ProbeResult } from '../../lambdas/core/types';
import { probeErrorResult } from '../../lambdas/core/probe-error-result';

/** Target name of an error result when the names of the targets the function would probe are unknown. */
export const UNKNOWN_TARGETS = 'all-targets';

/** What one region's invocation produced, before it is read. */
export type RegionReply =
  | { readonly kind: 'payload'; readonly payloadText: string; readonly functionError?: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface ReadReplyOptions {
  readonly region: string;
  readonly functionName: string;
  /** Targets this invocation meant to probe; an error yields one result each (else one for UNKNOWN_TARGETS). */
  readonly expectedTargets: readonly string[];
  readonly runId: string;
  readonly startedAtMs: number;
  readonly now?: () => number;
}

/** A region's results and whether they are the function's own (a summary arrived). */
export interface ReadReply {
  readonly answered: boolean;
  readonly results: ProbeResult[];
}

/** The results of one region: the function's own, or probe errors that say what went wrong. */
export function resultsFromReply(reply: RegionReply, options: ReadReplyOptions): ReadReply {
  const fail = (message: string): ReadReply => ({
    answered: false,
    results: errorResults(`${options.functionName} in ${options.region}: ${message}`, options),
  });
  if (reply.kind === 'failed') return fail(reply.message);
  let payload: unknown;
  try {
    payload = JSON.parse(reply.payloadText);
  } catch {
    return fail(`the function answered with something that is not JSON (${reply.payloadText.length} bytes)`);
  }
  if (reply.functionError !== undefined) return fail(`the function failed (${reply.functionError}): ${functionErrorText(payload)}`);
  const problem = summaryProblem(payload);
  if (problem)
    return fail(`the function's answer is not a probe summary (${problem}); is ${options.functionName} the autocrm-synthetics probe?`);
  const results = (payload as { results: ProbeResult[] }).results;
  if (results.length === 0) return fail('the function probed no target');
  return { answered: true, results };
}

function errorResults(message: string, options: ReadReplyOptions): ProbeResult[] {
  const targets = options.expectedTargets.length > 0 ? options.expectedTargets : [UNKNOWN_TARGETS];
  return targets.map((target) =>
    probeErrorResult({
      runId: options.runId,
      target,
      location: options.region,
      message,
      startedAtMs: options.startedAtMs,
      now: options.now,
    }),
  );
}

/** Lambda's error payload: `{ errorType, errorMessage }` (Node runtime) or anything else. */
function functionErrorText(payload: unknown): string {
  const record = (payload ?? {}) as { errorType?: unknown; errorMessage?: unknown };
  const type = typeof record.errorType === 'string' ? record.errorType : 'Error';
  const message = typeof record.errorMessage === 'string' ? record.errorMessage : JSON.stringify(payload).slice(0, 300);
  return `${type}: ${message}`;
}

/** Why `payload` is not a handler summary, or undefined when it is one. */
function summaryProblem(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'not a JSON object';
  const { ok, location, results } = payload as Record<string, unknown>;
  if (typeof ok !== 'boolean') return '"ok" is not a boolean';
  if (typeof location !== 'string') return '"location" is not a string';
  if (!Array.isArray(results)) return '"results" is not an array';
  for (const [index, result] of results.entries()) {
    const { target, status, steps, degraded } = (result ?? {}) as Record<string, unknown>;
    if (typeof target !== 'string') return `results[${index}].target is not a string`;
    if (!(STATUSES as readonly unknown[]).includes(status)) return `results[${index}].status is not one of ${STATUSES.join(', ')}`;
    if (!Array.isArray(steps) || !Array.isArray(degraded)) return `results[${index}] has no steps or degraded list`;
  }
  return undefined;
}
