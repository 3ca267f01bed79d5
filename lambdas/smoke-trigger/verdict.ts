/**
 * What the smoke gate makes of the probe's replies: one line per round, and a deployment that fails
 * when any (target, browser) round did not pass or could not be read.
 */

/** The smoke round did not pass, or its answer could not be read: the deployment must fail. */
export class SmokeGateError extends Error {
  override readonly name = 'SmokeGateError';
}

interface SmokeResultLine {
  readonly target?: unknown;
  readonly status?: unknown;
  readonly browser?: { readonly name?: unknown } | null;
  readonly failure?: { readonly kind?: unknown; readonly step?: unknown; readonly message?: unknown } | null;
}

/** One invocation's reply as the gate reads it: passed or not, and a line per result. */
export interface InvocationReading {
  readonly ok: boolean;
  readonly location: string | undefined;
  readonly lines: readonly string[];
}

/**
 * Reads one reply of the probe (its summary, or Lambda's error payload). Never throws: a reply that is
 * not a passing summary is `ok: false` with a line saying why.
 */
export function readInvocation(label: string, payloadText: string, functionError: string | undefined): InvocationReading {
  let payload: { ok?: unknown; location?: unknown; results?: unknown; errorMessage?: unknown };
  try {
    payload = JSON.parse(payloadText) as typeof payload;
  } catch {
    return {
      ok: false,
      location: undefined,
      lines: [`${label}: the probe answered with something that is not JSON (${payloadText.length} bytes)`],
    };
  }
  if (functionError !== undefined) {
    return {
      ok: false,
      location: undefined,
      lines: [`${label}: the probe function failed (${functionError}): ${String(payload.errorMessage ?? 'no message')}`],
    };
  }
  const results = Array.isArray(payload.results) ? (payload.results as SmokeResultLine[]) : [];
  const location = typeof payload.location === 'string' ? payload.location : undefined;
  if (results.length === 0) return { ok: false, location, lines: [`${label}: no target was probed`] };
  return { ok: payload.ok === true, location, lines: results.map(describeResult) };
}

/** The gate's verdict over every round: a one-line summary when all passed; SmokeGateError naming each that did not. */
export function smokeVerdict(readings: readonly InvocationReading[], region: string | undefined): string {
  const where = readings.find((reading) => reading.location)?.location ?? region ?? 'unknown location';
  const lines = readings.flatMap((reading) => reading.lines);
  if (readings.length === 0) throw new SmokeGateError(`smoke gate failed in ${where}: no round was run`);
  if (readings.some((reading) => !reading.ok)) {
    const failed = readings.filter((reading) => !reading.ok).flatMap((reading) => reading.lines);
    throw new SmokeGateError(
      `smoke gate failed in ${where}: ${failed.join('; ')} (${readings.length - countFailed(readings)} of ${readings.length} rounds passed)`,
    );
  }
  return `smoke gate passed in ${where}: ${lines.join('; ')}`;
}

function countFailed(readings: readonly InvocationReading[]): number {
  return readings.filter((reading) => !reading.ok).length;
}

function describeResult(result: SmokeResultLine): string {
  const failure = result.failure
    ? ` (${String(result.failure.kind)} at ${String(result.failure.step)}: ${String(result.failure.message)})`
    : '';
  const browser = typeof result.browser?.name === 'string' ? ` ${result.browser.name}` : '';
  return `${String(result.target)}${browser} ${String(result.status)}${failure}`;
}
