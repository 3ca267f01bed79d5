/**
 * `smoke` without `--remote`: the same engine as `run`, one target after the other on this machine,
 * with retries (flap suppression) and progress. Never throws for a target: an engine defect or
 * credentials that cannot be read become that target's `probe_error` result.
 */
import { randomUUID } from 'node:crypto';
import type { TargetConfig } from '../../lambdas/core/config/types';
import { probeTarget, type ProbeOptions, type ProbeRound, type ProgressEvent } from '../../lambdas/probe/probe-target';
import { resolveCredentials } from '../../lambdas/runtime/credentials';
import { probeErrorResult } from '../../lambdas/runtime/probe-error-result';
import { redactSecrets } from '../../lambdas/runtime/redact';

/** The location every local round reports (the `Location` dimension of a CLI run). */
export const LOCAL_LOCATION = 'local';

export interface LocalSmokeOptions {
  /** A failed round is run again at once this many times before it counts. */
  readonly retries: number;
  readonly runId?: string;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Where `usernameEnv` / `passwordEnv` are read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Seam for tests; production uses the engine. */
  readonly probe?: (target: TargetConfig, options: ProbeOptions) => Promise<ProbeRound>;
}

/**
 * Probes `targets` in order (one Chromium at a time: the gate runs on small CI machines) and
 * returns one round per target, its artifacts included.
 */
export async function probeLocally(targets: readonly TargetConfig[], options: LocalSmokeOptions): Promise<ProbeRound[]> {
  const runId = options.runId ?? randomUUID();
  const probe = options.probe ?? probeTarget;
  const rounds: ProbeRound[] = [];
  for (const target of targets) {
    const startedAtMs = Date.now();
    const failed = (message: string): ProbeRound => ({
      result: probeErrorResult({ runId, target: target.name, location: LOCAL_LOCATION, message, startedAtMs }),
      artifacts: [],
    });
    let credentials: Awaited<ReturnType<typeof resolveCredentials>>;
    try {
      credentials = await resolveCredentials(target.credentials, { env: options.env ?? process.env });
    } catch (error) {
      rounds.push(failed(error instanceof Error ? error.message : String(error)));
      continue;
    }
    try {
      const round = await probe(target, {
        location: LOCAL_LOCATION,
        runId,
        retries: options.retries,
        credentials,
        onProgress: options.onProgress,
      });
      // The engine redacts already; a second pass costs nothing and guards the JUnit/JSON files.
      rounds.push({ ...round, result: redactSecrets(round.result, [credentials?.password]) });
    } catch (error) {
      rounds.push(failed(`the probe engine failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
  return rounds;
}
