/**
 * Rounds on this machine (`run`, local `smoke`): one per target and browser (lambdas/round/pairs.ts),
 * one after the other (one browser at a time: the gate runs on small CI machines), each by the shared
 * round runner. Never throws for a
 * target: unreadable credentials or an engine defect become that target's `probe_error` result.
 */
import type { TargetConfig } from '../lambdas/core/config/types';
import type { ProgressEvent } from '../lambdas/probe/probe-target';
import { credentialsFromConfig } from '../lambdas/round/credentials';
import type { ArtifactStore, CredentialsSource, ProbeFunction, RoundOutcome, RoundSink } from '../lambdas/round/ports';
import { targetsInBrowsers } from '../lambdas/round/pairs';

/** The location every local round reports (the `Location` dimension of a CLI run). */
export const LOCAL_LOCATION = 'local';

/**
 * The CLI keeps a round's evidence in memory: `--out` writes it into the report folder, and the HTML
 * report shows the screenshot inline (cli/report/write-report.ts).
 */
export const KEEP_IN_MEMORY: ArtifactStore = { store: async () => ({ refs: [], errors: [] }) };

/**
 * The CLI's credentials: the environment variables a target names, else its Secrets Manager secret
 * with the standard AWS credential chain (the SDK is loaded only when a target names a secret).
 */
export function cliCredentials(env: NodeJS.ProcessEnv = process.env): CredentialsSource {
  return credentialsFromConfig({
    env,
    read: async (arn, timeoutMs) => (await import('../lambdas/runtime/credentials')).readSecretFromAws(arn, timeoutMs),
  });
}

export interface LocalRoundsOptions {
  readonly runId: string;
  /** A failed round is run again at once this many times before it counts. */
  readonly retries: number;
  readonly sink: RoundSink;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** @default cliCredentials() */
  readonly credentials?: CredentialsSource;
  /** Seam for tests; production uses the engine. */
  readonly probe?: ProbeFunction;
}

/** One round per target and browser, in order, with its evidence. */
export async function runLocalRounds(targets: readonly TargetConfig[], options: LocalRoundsOptions): Promise<RoundOutcome[]> {
  // The engine (playwright-core, @sparticuz/chromium) loads here, not with this module: a command's
  // --help, usage errors and config errors start without it.
  const { runRound } = await import('../lambdas/round/run-round');
  const ports = {
    sink: options.sink,
    artifacts: KEEP_IN_MEMORY,
    clock: { now: Date.now },
    credentials: options.credentials ?? cliCredentials(),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.probe ? { probe: options.probe } : {}),
  };
  const outcomes: RoundOutcome[] = [];
  for (const { target, browser } of targetsInBrowsers(targets)) {
    outcomes.push(await runRound({ target, browser, location: LOCAL_LOCATION, runId: options.runId, retries: options.retries }, ports));
  }
  return outcomes;
}
