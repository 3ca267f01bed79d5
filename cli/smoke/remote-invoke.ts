/**
 * `smoke --remote`: invokes the deployed probe functions in every region at once (Lambda `Invoke`,
 * RequestResponse, `{ mode: "smoke", targets: [one target in one browser] }`), one invocation per
 * (target, browser) round as the schedules do (Firefox rounds go to the probe's Firefox function), and
 * collects the rounds they return. Credentials, region
 * endpoints and proxies come from the standard AWS SDK chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, …,
 * AWS_ENDPOINT_URL_LAMBDA). Every region is bounded in time and never throws: a region that cannot
 * be reached or whose function fails yields `probe_error` results for that region.
 */
import { randomUUID } from 'node:crypto';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { functionNameOf, type ProbeRuntime } from '../../lambdas/core/names';
import type { ProbeResult } from '../../lambdas/core/types';
import { DEFAULT_FUNCTION_NAME, DEFAULT_INVOKE_TIMEOUT_MS, REGION_PLACEHOLDER } from './remote-defaults';
import { resultsFromReply, type RegionReply } from './remote-summary';

export { DEFAULT_FUNCTION_NAME, DEFAULT_INVOKE_TIMEOUT_MS, REGION_PLACEHOLDER } from './remote-defaults';
/** TCP connect bound: an unreachable endpoint fails fast instead of after the invoke timeout. */
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * The SDK's own socket timeout sits this far behind our abort, so a hung invocation always ends
 * through the abort (with its clear message), and the socket timeout only guards a stuck stream.
 */
const SOCKET_TIMEOUT_MARGIN_MS = 5_000;
/** One retry for throttling or a dropped connection; the SDK does not retry a function's own error. */
const MAX_ATTEMPTS = 2;

/** The event a smoke invocation sends (lambdas/runtime/event.ts). */
export interface SmokeEvent {
  readonly mode: 'smoke';
  /** Targets in config form; absent = the config baked into the function at deploy time. */
  readonly targets?: readonly unknown[];
}

/** One invocation of every region: which function runs it and what it sends. */
export interface RemoteRound {
  /** `chromium`: the probe function itself (Chromium, Edge); `firefox`: its `-firefox` sibling. */
  readonly runtime: ProbeRuntime;
  readonly event: SmokeEvent;
  /** Names of the targets the invocation probes, so an error can be attributed to them. */
  readonly expectedTargets: readonly string[];
}

export interface RemoteSmokeOptions {
  readonly regions: readonly string[];
  /** A name, ARN or pattern with `{region}` of the probe; Firefox's function is its name + `-firefox`. @default DEFAULT_FUNCTION_NAME */
  readonly functionName?: string;
  /** The invocations of each region, all at once. */
  readonly rounds: readonly RemoteRound[];
  /** @default DEFAULT_INVOKE_TIMEOUT_MS */
  readonly timeoutMs?: number;
  readonly runId?: string;
  readonly onProgress?: (line: string) => void;
  /** Seam for tests; production builds one LambdaClient per region. */
  readonly clientFor?: (region: string, timeoutMs: number) => Pick<LambdaClient, 'send' | 'destroy'>;
}

/** The per-region outcome: how long it took, and its results (the functions' or probe errors). */
export interface RegionOutcome {
  readonly region: string;
  /** The functions invoked there (comma-separated when Firefox's was one of them). */
  readonly functionName: string;
  /** The slowest invocation of the region (they run at once). */
  readonly durationMs: number;
  /** True when every function answered with a summary (whatever its verdict). */
  readonly answered: boolean;
  readonly results: readonly ProbeResult[];
}

/** Invokes every round in every region in parallel; resolves when all have answered, failed or timed out. */
export async function invokeRemoteSmoke(options: RemoteSmokeOptions): Promise<RegionOutcome[]> {
  const runId = options.runId ?? randomUUID();
  return Promise.all(
    options.regions.map(async (region) => {
      const outcomes = await Promise.all(options.rounds.map((round) => invokeRegion(region, round, runId, options)));
      return mergeOutcomes(region, outcomes);
    }),
  );
}

function mergeOutcomes(region: string, outcomes: readonly RegionOutcome[]): RegionOutcome {
  return {
    region,
    functionName: [...new Set(outcomes.map((outcome) => outcome.functionName))].join(', '),
    durationMs: Math.max(0, ...outcomes.map((outcome) => outcome.durationMs)),
    answered: outcomes.length > 0 && outcomes.every((outcome) => outcome.answered),
    results: outcomes.flatMap((outcome) => outcome.results),
  };
}

/** `autocrm-synthetics-probe`, or the pattern with `{region}` filled in. */
export function functionNameFor(pattern: string, region: string): string {
  return pattern.split(REGION_PLACEHOLDER).join(region);
}

async function invokeRegion(region: string, round: RemoteRound, runId: string, options: RemoteSmokeOptions): Promise<RegionOutcome> {
  const functionName = functionNameFor(functionNameOf(round.runtime, options.functionName ?? DEFAULT_FUNCTION_NAME), region);
  const timeoutMs = options.timeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS;
  const startedAtMs = Date.now();
  options.onProgress?.(`${region}: invoking ${functionName} …`);
  const client = (options.clientFor ?? defaultClient)(region, timeoutMs);
  const reply = await invokeOnce(client, functionName, round.event, timeoutMs).finally(() => client.destroy());
  const { answered, results } = resultsFromReply(reply, {
    region,
    functionName,
    expectedTargets: round.expectedTargets,
    runId,
    startedAtMs,
  });
  const durationMs = Date.now() - startedAtMs;
  options.onProgress?.(
    `${region}: ${answered ? 'answered' : 'no usable answer'} after ${(durationMs / 1000).toFixed(1)} s (${results.map((result) => `${result.target} ${result.status}`).join(', ')})`,
  );
  return { region, functionName, durationMs, answered, results };
}

function defaultClient(region: string, timeoutMs: number): LambdaClient {
  return new LambdaClient({
    region,
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: timeoutMs + SOCKET_TIMEOUT_MARGIN_MS },
  });
}

async function invokeOnce(
  client: Pick<LambdaClient, 'send'>,
  functionName: string,
  event: SmokeEvent,
  timeoutMs: number,
): Promise<RegionReply> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const command = new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'RequestResponse',
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    });
    const response = await client.send(command, { abortSignal: abort.signal });
    const payloadText = new TextDecoder().decode(response.Payload ?? new Uint8Array());
    return { kind: 'payload', payloadText, ...(response.FunctionError ? { functionError: response.FunctionError } : {}) };
  } catch (error) {
    if (abort.signal.aborted) return { kind: 'failed', message: `no answer within ${Math.round(timeoutMs / 1000)} s (invoke timeout)` };
    return { kind: 'failed', message: describeSdkError(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** One line naming the AWS error code, e.g. `ResourceNotFoundException: Function not found: …`. */
function describeSdkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const firstLine = error.message.split('\n')[0] ?? '';
  return `${error.name}${status ? ` (HTTP ${status})` : ''}: ${firstLine}`;
}
