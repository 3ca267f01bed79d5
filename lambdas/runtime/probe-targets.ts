import type { S3Client } from '@aws-sdk/client-s3';
import type { Deadline } from '../core/deadline';
import type { TargetConfig } from '../core/config/types';
import type { ProbeResult } from '../core/types';
import type { ProbeOptions, ProbeRound } from '../probe/probe-target';
import { storeArtifacts, type ArtifactBlobLike } from './artifacts';
import { resolveCredentials, type LoginCredentials, type SecretReader } from './credentials';
import { probeErrorResult } from './probe-error-result';
import { redactSecrets } from './redact';
import { ARTIFACT_RESERVE_MS, ENGINE_GRACE_MS, MIN_TARGET_BUDGET_MS, settleWithin, targetDeadline } from './round-deadline';

/** Flap suppression: a failed round is run once more before it is reported (the result says so). */
export const PROBE_RETRIES = 1;

/** A result as the handler reports it: the engine's result plus what happened to its artifacts. */
export interface LambdaProbeResult extends ProbeResult {
  /** Artifact uploads that failed (bucket/key and reason); absent when all landed or none were due. */
  readonly artifactErrors?: readonly string[];
}

/** The engine's entry point (lambdas/probe/probe-target.ts `probeTarget`); injectable for tests. */
export type ProbeFunction = (target: TargetConfig, options: ProbeOptions) => Promise<ProbeRound>;

/** What {@link probeTargets} needs for one invocation. */
export interface ProbeTargetsOptions {
  readonly targets: readonly TargetConfig[];
  readonly location: string;
  readonly runId: string;
  readonly coldStart: boolean;
  /** The invocation's deadline (Lambda's remaining time minus the safety margin). */
  readonly deadline: Deadline;
  readonly probe: ProbeFunction;
  readonly artifacts: { readonly bucket: string; readonly client: S3Client } | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly readSecret?: SecretReader;
  readonly now?: () => number;
}

/**
 * Probes the targets one after the other (one Chromium at a time fits the memory size), each within
 * its fair share of the deadline; stores failure artifacts. Never throws: every problem is a result.
 */
export async function probeTargets(options: ProbeTargetsOptions): Promise<LambdaProbeResult[]> {
  const results: LambdaProbeResult[] = [];
  for (const [index, target] of options.targets.entries()) {
    const deadline = targetDeadline(options.deadline, options.targets.length - index, options.now);
    // Extraction of Chromium lands on the container's very first round only.
    const coldStart = options.coldStart && index === 0;
    results.push(await probeOneTarget({ target, deadline, coldStart, retries: PROBE_RETRIES }, options));
  }
  return results;
}

/** One round of one target as {@link probeOneTarget} runs it. */
export interface TargetRound {
  readonly target: TargetConfig;
  /** This round's share of the invocation deadline. */
  readonly deadline: Deadline;
  readonly coldStart: boolean;
  /** Immediate re-runs of a failed round (flap suppression); a confirmation round has none. */
  readonly retries: number;
  /** Put before each artifact's file name, so a second round of the same run keeps the first one's evidence. */
  readonly artifactPrefix?: string;
}

/**
 * One round of one target within its deadline: credentials, the engine, redaction, artifacts. Never
 * throws: every problem is a result (a probe error when the time left cannot even start Chromium).
 */
export async function probeOneTarget(round: TargetRound, options: ProbeTargetsOptions): Promise<LambdaProbeResult> {
  const { target, deadline, coldStart } = round;
  const startedAtMs = (options.now ?? Date.now)();
  const errorResult = (message: string): ProbeResult =>
    probeErrorResult({
      runId: options.runId,
      target: target.name,
      location: options.location,
      message,
      startedAtMs,
      coldStart,
      now: options.now,
    });
  if (deadline.remainingMs() < MIN_TARGET_BUDGET_MS) {
    return errorResult(
      `only ${deadline.remainingMs()} ms of the invocation were left for this target, at least ${MIN_TARGET_BUDGET_MS} ms are needed; raise the function timeout or probe fewer targets per function`,
    );
  }
  // A secret read may take SECRET_FETCH_TIMEOUT_MS, more than the target may have left.
  const credentialsBudgetMs = deadline.remainingMs();
  const credentials = await settleWithin<LoginCredentials | undefined | string>(
    resolveCredentials(target.credentials, { env: options.env, readSecret: options.readSecret }).catch((error: unknown) =>
      error instanceof Error ? error.message : String(error),
    ),
    credentialsBudgetMs,
    () => `the login credentials could not be read within the ${credentialsBudgetMs} ms left for this target; raise the function timeout`,
  );
  if (typeof credentials === 'string') return errorResult(credentials);
  const secrets = [credentials?.password];
  const probed = await settleWithin<ProbeRound | string>(
    options
      .probe(target, { location: options.location, runId: options.runId, deadline, retries: round.retries, credentials, coldStart })
      .catch((error: unknown) => `the probe engine failed: ${error instanceof Error ? error.message : String(error)}`),
    deadline.remainingMs() + ENGINE_GRACE_MS,
    () => `the probe engine did not return within the round deadline (+${ENGINE_GRACE_MS} ms); its browser is closed in the background`,
  );
  if (typeof probed === 'string') return redactSecrets(errorResult(probed), secrets);
  const result = redactSecrets(probed.result, secrets);
  if (probed.artifacts.length === 0) return result;
  const prefix = round.artifactPrefix ?? '';
  const blobs = probed.artifacts.map((blob) => ({ ...blob, fileName: `${prefix}${blob.fileName}` }));
  return redactSecrets(await attachArtifacts(result, blobs, options), secrets);
}

async function attachArtifacts(
  result: ProbeResult,
  blobs: readonly ArtifactBlobLike[],
  options: ProbeTargetsOptions,
): Promise<LambdaProbeResult> {
  if (!options.artifacts) {
    return { ...result, artifactErrors: [`${blobs.length} artifact(s) not stored: ARTIFACTS_BUCKET is not set`] };
  }
  // The invocation deadline already excludes the safety margin; uploads may use its artifact share.
  const timeoutMs = options.deadline.remainingMs() + ARTIFACT_RESERVE_MS;
  const stored = await storeArtifacts(blobs, {
    bucket: options.artifacts.bucket,
    client: options.artifacts.client,
    key: { location: options.location, target: result.target, startedAt: result.startedAt, runId: result.runId },
    timeoutMs,
  });
  return {
    ...result,
    artifacts: [...result.artifacts, ...stored.refs],
    ...(stored.errors.length > 0 ? { artifactErrors: stored.errors } : {}),
  };
}
