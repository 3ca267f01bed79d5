/**
 * The Lambda adapter: event → rounds → metrics → summary. Thin on purpose: the round runner
 * (lambdas/round) runs each round through the ports built here (S3 for evidence, Secrets Manager for
 * credentials, a sink that publishes once at the end), the core maps results to datums, the publisher
 * delivers them. Whatever goes wrong, the handler returns a summary and publishes every round's
 * datapoints before Lambda's timeout (DESIGN.md, "Chromium and Lambda facts").
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Deadline } from './core/deadline';
import { INVALID_EVENT_TARGET, probeErrorResult } from './core/probe-error-result';
import { credentialsFromConfig } from './round/credentials';
import type { ProbeFunction, RoundPorts, SecretReader } from './round/ports';
import { bufferedSink, type BufferedSink } from './round/sinks';
import { artifactsClient, lambdaArtifactStore } from './runtime/artifacts';
import { readSecretFromAws } from './runtime/credentials';
import { ENV_KEYS, readRuntimeEnv, type RuntimeEnv } from './runtime/env';
import { resolveEvent, type InvocationMode, type ResolvedEvent } from './runtime/event';
import { createLogger, roundLogFields } from './runtime/logger';
import { confirmFailures, probeTargets, type LambdaProbeResult, type ProbeTargetsOptions } from './runtime/rounds';
import { defaultPublisherFactory, type PublisherFactory } from './runtime/publish-results';
import { invocationBudget, MIN_PUBLISH_BUDGET_MS, RETURN_SLACK_MS } from './runtime/round-deadline';
import { sweepTmp, takeColdStart } from './runtime/container';

export type { ProbeEvent, InvocationMode } from './runtime/event';
export type { LambdaProbeResult } from './runtime/rounds';

/** What the handler returns (also synchronously to a smoke-gate invocation). No artifact bytes. */
export interface HandlerSummary {
  /** Every round passed or was degraded (functionally fine); false on any fail or probe error. */
  readonly ok: boolean;
  readonly location: string;
  readonly mode: InvocationMode;
  readonly results: readonly LambdaProbeResult[];
}

/** The part of the Lambda context the handler uses (a local invocation builds the same). */
export type HandlerContext = Pick<Context, 'getRemainingTimeInMillis' | 'awsRequestId' | 'functionName' | 'memoryLimitInMB'> &
  Partial<Context>;

/** Seams for tests and local runs; production uses the defaults. */
export interface HandlerDependencies {
  readonly logger?: Logger;
  readonly env?: NodeJS.ProcessEnv;
  readonly probe?: ProbeFunction;
  readonly s3Client?: S3Client;
  readonly readSecret?: SecretReader;
  readonly publisherFactory?: PublisherFactory;
}

/** Builds a handler; `handler` below is the one Lambda calls. Never throws: every problem is a result. */
export function createHandler(deps: HandlerDependencies = {}) {
  const logger = deps.logger ?? createLogger();
  return async function probeHandler(event: unknown, context: HandlerContext): Promise<HandlerSummary> {
    const budget = invocationBudget(context);
    if (typeof context.invokedFunctionArn === 'string') logger.addContext(context as Context);
    const env = deps.env ?? process.env;
    const runtime = readRuntimeEnvSafely(env);
    const sweep = sweepTmp();
    if (sweep.removed.length > 0 || sweep.truncated)
      logger.info('swept /tmp', { removed: sweep.removed.length, truncated: sweep.truncated });
    const invocation: Invocation = {
      runId: context.awsRequestId || randomUUID(),
      coldStart: takeColdStart(),
      deadline: budget.deadline,
      runtime,
    };
    const sink = bufferedSink();
    const ports = roundPorts(deps, { env, runtime: runtime.env, deadline: budget.deadline, sink });
    const mode = await runRounds(event, invocation, { ports, sink, logger });
    const published = await sink.flush({
      publisher: (deadlineMs) => (deps.publisherFactory ?? defaultPublisherFactory)(runtime.env, deadlineMs),
      namespace: runtime.env.namespace,
      sink: runtime.env.metricsSink,
      logger,
      // What is really left (an overrunning round may have eaten into the margin), at most the plan.
      budgetMs: Math.max(MIN_PUBLISH_BUDGET_MS, Math.min(budget.publishBudgetMs, context.getRemainingTimeInMillis() - RETURN_SLACK_MS)),
    });
    logRounds(logger, published, mode);
    const ok = published.length > 0 && published.every((r) => r.status === 'pass' || r.status === 'degraded');
    return { ok, location: runtime.env.location, mode, results: published };
  };
}

interface Invocation {
  readonly runId: string;
  readonly coldStart: boolean;
  readonly deadline: Deadline;
  readonly runtime: { readonly env: RuntimeEnv; readonly error?: string };
}

/**
 * The ports of this invocation's rounds: S3 (or nothing) for evidence, the variables or the secret a
 * target names for its credentials, and a sink that publishes once, after the rounds.
 */
function roundPorts(
  deps: HandlerDependencies,
  invocation: { env: NodeJS.ProcessEnv; runtime: RuntimeEnv; deadline: Deadline; sink: BufferedSink },
): RoundPorts {
  const { env, runtime, deadline, sink } = invocation;
  return {
    sink,
    artifacts: lambdaArtifactStore({ bucket: runtime.artifactsBucket, client: () => deps.s3Client ?? artifactsClient(env), deadline }),
    clock: { now: Date.now },
    credentials: credentialsFromConfig({ env, read: deps.readSecret ?? readSecretFromAws }),
    ...(deps.probe ? { probe: deps.probe } : {}),
  };
}

/** What the rounds of one invocation run with: the round ports, their sink, and the log. */
interface RoundsContext {
  readonly ports: RoundPorts;
  readonly sink: BufferedSink;
  readonly logger: Logger;
}

/**
 * The rounds of one invocation, each result handed to the sink: a probe_error for a bad environment or
 * event, else one per target, plus (scheduled only) a confirmation round per failed target.
 */
async function runRounds(event: unknown, invocation: Invocation, { ports, sink, logger }: RoundsContext): Promise<InvocationMode> {
  const { runId, coldStart, runtime } = invocation;
  const reportError = async (target: string, message: string): Promise<LambdaProbeResult> =>
    sink.publish(probeErrorResult({ runId, target, location: runtime.env.location, message, coldStart }));
  // A smoke gate waiting for its verdict still sees its own mode when its event is broken.
  const claimedMode: InvocationMode = (event as { mode?: unknown } | null)?.mode === 'smoke' ? 'smoke' : 'scheduled';
  if (runtime.error !== undefined) {
    await reportError('environment', runtime.error);
    return claimedMode;
  }
  const resolved = resolveEventSafely(event, runtime.env);
  if (typeof resolved === 'string') {
    await reportError(INVALID_EVENT_TARGET, resolved);
    return claimedMode;
  }
  const options: ProbeTargetsOptions = {
    targets: resolved.targets,
    location: runtime.env.location,
    runId,
    coldStart,
    deadline: invocation.deadline,
    ports,
  };
  const first = await probeTargets(options).catch(async (error: unknown) => [
    await reportError('handler', `internal error of the handler: ${messageOf(error)}`),
  ]);
  // Only the schedule feeds the outage alarm; a smoke gate wants its verdict without the 30-s wait.
  if (resolved.mode !== 'scheduled') return resolved.mode;
  await confirmFailures(first, { ...options, delayMs: runtime.env.confirmationDelayMs, logger }).catch((error: unknown) => {
    // The first rounds are the evidence (already with the sink); a defect in the confirmation must not lose them.
    logger.error('confirmation rounds failed', { error: messageOf(error) });
  });
  return resolved.mode;
}

/** The Lambda entry point (CDK: `handler`). */
export const handler = createHandler();

/** One line per round: INFO when it passed, WARN otherwise (degraded, fail, error). */
function logRounds(logger: Logger, results: readonly LambdaProbeResult[], mode: InvocationMode): void {
  for (const result of results) {
    const fields = roundLogFields(result, mode);
    if (result.status === 'pass') logger.info('probe round', fields);
    else logger.warn('probe round', fields);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function readRuntimeEnvSafely(env: NodeJS.ProcessEnv): { env: RuntimeEnv; error?: string } {
  try {
    return { env: readRuntimeEnv(env) };
  } catch (error) {
    // Keep going with the defaults so the probe error itself is still published.
    return {
      env: readRuntimeEnv({ ...env, [ENV_KEYS.metricsSink]: undefined, [ENV_KEYS.confirmationDelayMs]: undefined }),
      error: messageOf(error),
    };
  }
}

function resolveEventSafely(event: unknown, env: RuntimeEnv): ResolvedEvent | string {
  try {
    return resolveEvent(event, env.configJson);
  } catch (error) {
    return messageOf(error);
  }
}
