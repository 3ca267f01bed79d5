/**
 * Runs the Lambda handler in this process the way Lambda does: Lambda's environment variables set
 * before the handler (and with it `@sparticuz/chromium`) is loaded, a context whose remaining time
 * counts down from the function timeout, and the handler's summary returned.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { HandlerSummary } from '../lambdas/handler';

/** The deployed default: one target's `roundMs` (20 s) plus the stack's launch margin (20 s). */
export const DEFAULT_LOCAL_TIMEOUT_S = 40;
/** The deployed default memory size (config `memoryMb`): above 1769 MB Lambda grants a full vCPU. */
export const DEFAULT_LOCAL_MEMORY_MB = 2048;
/** Function name a local invocation reports (context and AWS_LAMBDA_FUNCTION_NAME). */
export const LOCAL_FUNCTION_NAME = 'autocrm-synthetics-probe-local';

export interface InvokeLocallyOptions {
  /** The function timeout the context counts down from. @default DEFAULT_LOCAL_TIMEOUT_S */
  readonly timeoutS?: number;
  /** Reported as `memoryLimitInMB` and AWS_LAMBDA_FUNCTION_MEMORY_SIZE (not enforced locally). @default DEFAULT_LOCAL_MEMORY_MB */
  readonly memoryMb?: number;
  /** Extra environment for this invocation (ARTIFACTS_BUCKET, endpoints, …); undefined unsets a key. Restored afterwards. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly functionName?: string;
}

/** What one local invocation returned, and whether Lambda would have let it finish. */
export interface InvokeOutcome {
  readonly summary: HandlerSummary;
  /** Wall time of the handler call. */
  readonly durationMs: number;
  /** The handler returned after the timeout: Lambda would have killed it and no summary would exist. */
  readonly exceededTimeout: boolean;
}

/**
 * The variables Lambda sets that change behaviour here. `@sparticuz/chromium` reads
 * AWS_EXECUTION_ENV at import: on `nodejs20.x|22.x|24.x` it also extracts its Amazon Linux 2023
 * libraries to /tmp/al2023 and puts them first on LD_LIBRARY_PATH, and it sets FONTCONFIG_PATH to its
 * /tmp/fonts (verified to work on Debian 12 as well).
 */
export function lambdaEnvironment(options: { functionName: string; memoryMb: number; region: string }): Record<string, string> {
  return {
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`,
    AWS_LAMBDA_FUNCTION_NAME: options.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    // Powertools Logger counts a cold start only on on-demand containers, as Lambda declares them.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
  };
}

/** A context like Lambda's: `getRemainingTimeInMillis` counts down from the timeout. */
export function createLocalContext(options: { functionName: string; memoryMb: number; timeoutS: number; region: string }): Context {
  const endsAt = Date.now() + options.timeoutS * 1000;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:000000000000:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `local/${requestId}`,
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Invokes the handler once with `event`; see InvokeLocallyOptions. */
export async function invokeLocally(event: unknown, options: InvokeLocallyOptions = {}): Promise<InvokeOutcome> {
  const functionName = options.functionName ?? LOCAL_FUNCTION_NAME;
  const memoryMb = options.memoryMb ?? DEFAULT_LOCAL_MEMORY_MB;
  const timeoutS = options.timeoutS ?? DEFAULT_LOCAL_TIMEOUT_S;
  const region = options.env?.AWS_REGION ?? process.env.AWS_REGION ?? 'eu-central-1';
  const restore = applyEnv({
    LOCATION: process.env.LOCATION ?? 'local',
    ...lambdaEnvironment({ functionName, memoryMb, region }),
    ...options.env,
  });
  try {
    // Imported only now, so @sparticuz/chromium sees the Lambda variables when it loads (first time only).
    const { handler } = await import('../lambdas/handler');
    const context = createLocalContext({ functionName, memoryMb, timeoutS, region });
    const startedAt = Date.now();
    const summary = await handler(event, context);
    const durationMs = Date.now() - startedAt;
    return { summary, durationMs, exceededTimeout: durationMs > timeoutS * 1000 };
  } finally {
    restore();
  }
}

/** Sets `values` in process.env; returns a function that puts the previous values back. */
function applyEnv(values: Readonly<Record<string, string | undefined>>): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(values)) {
    previous.set(key, process.env[key]);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return () => {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
