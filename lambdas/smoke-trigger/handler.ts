/**
 * Deploy-time runtime of the SmokeTrigger construct (not a construct itself; bundled on its own):
 * invokes the probe function once with `{ "mode": "smoke" }` and throws when the round did not
 * pass, because the probe handler reports a failed check as data (`ok: false`) and never throws,
 * while a CDK Trigger fails the deployment only when its handler throws.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PROBE_FUNCTION_ENV } from './env';

/** The smoke round did not pass, or its answer could not be read: the deployment must fail. */
export class SmokeGateError extends Error {
  override readonly name = 'SmokeGateError';
}

interface SmokeResultLine {
  readonly target?: unknown;
  readonly status?: unknown;
  readonly failure?: { readonly kind?: unknown; readonly step?: unknown; readonly message?: unknown } | null;
}

/**
 * Reads the probe's reply. Returns a one-line verdict when every target passed; throws
 * SmokeGateError naming each target that did not, with its status and failure.
 */
export function smokeVerdict(payloadText: string, functionError: string | undefined): string {
  let payload: { ok?: unknown; location?: unknown; results?: unknown };
  try {
    payload = JSON.parse(payloadText) as typeof payload;
  } catch {
    throw new SmokeGateError(`smoke gate: the probe answered with something that is not JSON (${payloadText.length} bytes)`);
  }
  if (functionError !== undefined) {
    const message = (payload as { errorMessage?: unknown }).errorMessage;
    throw new SmokeGateError(`smoke gate: the probe function failed (${functionError}): ${String(message ?? 'no message')}`);
  }
  const results = Array.isArray(payload.results) ? (payload.results as SmokeResultLine[]) : [];
  const where = typeof payload.location === 'string' ? payload.location : 'unknown location';
  const lines = results.map(describeResult);
  if (payload.ok !== true || results.length === 0) {
    throw new SmokeGateError(`smoke gate failed in ${where}: ${lines.length > 0 ? lines.join('; ') : 'no target was probed'}`);
  }
  return `smoke gate passed in ${where}: ${lines.join('; ')}`;
}

function describeResult(result: SmokeResultLine): string {
  const failure = result.failure
    ? ` (${String(result.failure.kind)} at ${String(result.failure.step)}: ${String(result.failure.message)})`
    : '';
  return `${String(result.target)} ${String(result.status)}${failure}`;
}

/** The Lambda entry point the Trigger calls (with an empty event). */
export async function handler(): Promise<string> {
  const functionName = process.env[PROBE_FUNCTION_ENV];
  if (!functionName) throw new SmokeGateError(`smoke gate: ${PROBE_FUNCTION_ENV} is not set; redeploy the probe stack`);
  const client = new LambdaClient({});
  const reply = await client.send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: JSON.stringify({ mode: 'smoke' }) }),
  );
  const verdict = smokeVerdict(new TextDecoder().decode(reply.Payload ?? new Uint8Array()), reply.FunctionError);
  console.log(verdict);
  return verdict;
}
