/** The handler's logs: structured JSON lines, and the one line per round. */
import { Logger } from '@aws-lambda-powertools/logger';
import type { LambdaProbeResult } from './rounds';

/** Service name on every log line; POWERTOOLS_SERVICE_NAME overrides it. */
export const SERVICE_NAME = 'autocrm-synthetics';

/**
 * Structured JSON logs (one object per line, CloudWatch Logs Insights can query every key). Powertools
 * Logger adds the Lambda context (request id, cold start, function name) once `addContext` is called.
 */
export function createLogger(): Logger {
  return new Logger({ serviceName: SERVICE_NAME });
}

/**
 * The fields of the one log line per round: enough to answer "what happened at 03:12 in Frankfurt"
 * from CloudWatch Logs Insights without opening the artifacts. Built only from the (redacted)
 * result, never from the config or credentials, so no secret can reach it.
 */
export function roundLogFields(result: LambdaProbeResult, mode: string): Record<string, unknown> {
  const stepDurationsMs: Record<string, number> = {};
  for (const step of result.steps) stepDurationsMs[step.name] = Math.round(step.durationMs);
  return {
    mode,
    target: result.target,
    location: result.location,
    browser: result.browser?.name ?? null,
    runId: result.runId,
    status: result.status,
    failureKind: result.failure?.kind ?? null,
    failureStep: result.failure?.step ?? null,
    failureMessage: result.failure?.message ?? null,
    degraded: result.degraded,
    retried: result.retried,
    confirmation: result.confirmation ?? false,
    // Powertools' own key, carrying this round's value (the one the ColdStart metric has): one
    // spelling per field, and for a second target of a cold invocation it says false, as the metric does.
    ...(result.coldStart === undefined ? {} : { cold_start: result.coldStart }),
    durationMs: Math.round(result.durationMs),
    stepDurationsMs,
    websocketRttP95Ms: result.websocket?.rttMs?.p95 ?? null,
    httpRttP95Ms: result.http?.rttMs?.p95 ?? null,
    downloadMbps: result.bandwidth?.downloadMbps ?? null,
    uploadMbps: result.bandwidth?.uploadMbps ?? null,
    artifactKeys: result.artifacts.map((artifact) => artifact.key ?? artifact.path ?? ''),
    artifactErrors: result.artifactErrors ?? [],
    publish: result.publish ?? null,
  };
}
