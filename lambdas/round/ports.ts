/**
 * What one round is (its plan) and everything it talks to (its ports). The Lambda handler, the CLI's
 * `run` and `smoke` and the tests build these and call `runRound`; none of them runs a step of the
 * round itself. Ports are plain objects, so a test passes a fake and a new place to run passes its own.
 */
import type { BrowserName } from '../core/browsers';
import type { TargetConfig } from '../core/config/types';
import type { Deadline } from '../core/deadline';
import type { ArtifactRef, ProbeResult } from '../core/types';
import type { ArtifactBlob, ProbeOptions, ProbeRound, ProgressEvent } from '../probe/probe-target';

/**
 * One round: one target in one browser, once (plus the engine's immediate retries). A schedule, a CLI
 * run or a test probing several targets or browsers runs one plan per (target, browser) pair.
 */
export interface RoundPlan {
  readonly target: TargetConfig;
  /** @default DEFAULT_BROWSER (core/browsers.ts) */
  readonly browser?: BrowserName;
  /** AWS region of the probe, or `local`: the `Location` dimension. */
  readonly location: string;
  readonly runId: string;
  /** The round's share of an outer deadline (Lambda's remaining time); none on the command line. */
  readonly deadline?: Deadline;
  /** A failed round is run again at once up to this many times (flap suppression). @default 0 */
  readonly retries?: number;
  /** First round of a fresh Lambda container; absent when unknown (CLI). */
  readonly coldStart?: boolean;
  /** This round is the confirmation of a failed one (lambdas/runtime/rounds.ts). */
  readonly confirmation?: boolean;
  /** Put before each artifact's file name, so a second round of the same run keeps the first one's evidence. */
  readonly artifactPrefix?: string;
}

/** A round's result as every caller reports it: the engine's result plus what became of its evidence. */
export interface RoundResult extends ProbeResult {
  /** Evidence that could not be stored (where and why); absent when all landed or none was due. */
  readonly artifactErrors?: readonly string[];
}

/** What `runRound` returns: the published, redacted result and the evidence in memory (reports embed it). */
export interface RoundOutcome {
  readonly result: RoundResult;
  readonly artifacts: readonly ArtifactBlob[];
}

/** Where a round's datums go. Never throws: a delivery problem is recorded on the result it returns. */
export interface RoundSink {
  /** Publishes (or queues) the result's datums; resolves with the result as it should be reported. */
  publish(result: RoundResult): Promise<RoundResult>;
}

/** Where a failed round's evidence goes (S3 in Lambda; the CLI keeps it for its report folder). */
export interface ArtifactStore {
  /** Stores the blobs; never throws: what could not be stored is listed in `errors`. */
  store(
    blobs: readonly ArtifactBlob[],
    key: ArtifactKey,
  ): Promise<{ readonly refs: readonly ArtifactRef[]; readonly errors: readonly string[] }>;
}

/** Whose evidence it is: enough to name it uniquely. */
export interface ArtifactKey {
  readonly location: string;
  readonly target: string;
  /** ISO timestamp of the round start. */
  readonly startedAt: string;
  readonly runId: string;
}

/** Wall-clock milliseconds; injectable so tests control time. */
export interface Clock {
  now(): number;
}

/** Reads one secret string (Secrets Manager in production); bounded by `timeoutMs`. */
export type SecretReader = (secretArn: string, timeoutMs: number) => Promise<string>;

/** Login credentials for the optional login step. Never logged, never put in a result. */
export interface LoginCredentials {
  readonly username: string;
  readonly password: string;
  /** Every string value of a Secrets Manager secret: scrubbed from every output and masked like the password. */
  readonly secretValues?: readonly string[];
}

/**
 * Where a round's login credentials come from (lambdas/round/credentials.ts `credentialsFromConfig`:
 * the variables or the secret the target names). undefined = no login step. A rejection is the
 * round's probe error; its message must not contain the secret.
 */
export interface CredentialsSource {
  forTarget(target: TargetConfig): Promise<LoginCredentials | undefined>;
}

/** The engine (lambdas/probe/probe-target.ts `probeTarget`); a port so tests can fake a round. */
export type ProbeFunction = (target: TargetConfig, options: ProbeOptions) => Promise<ProbeRound>;

/** Everything a round talks to. */
export interface RoundPorts {
  readonly sink: RoundSink;
  readonly artifacts: ArtifactStore;
  readonly clock: Clock;
  readonly credentials: CredentialsSource;
  /** Progress of the round's steps (the CLI prints them). */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** @default probeTarget, the browser engine */
  readonly probe?: ProbeFunction;
}
