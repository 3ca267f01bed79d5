/**
 * Where `smoke` gets its rounds from: this machine (the engine; by default against the bundled
 * reference target) or, with `--remote`, the deployed probe function in every region. The browser
 * engine and the AWS SDK are imported only by the mode that needs them, so a usage error or a remote
 * run starts fast on a CI runner.
 */
import { randomUUID } from 'node:crypto';
import { isAwsRegion, referenceTargetConfig } from '../../lambdas/core/config';
import type { MonitorConfig, TargetConfig } from '../../lambdas/core/config/types';
import { DEFAULT_BROWSERS } from '../../lambdas/core/config/defaults';
import { didYouMeanHint } from '../../lambdas/core/did-you-mean';
import { runtimeOf } from '../../lambdas/core/names';
import { AWS_REGIONS } from '../../lambdas/core/config/regions';
import type { ProbeResult } from '../../lambdas/core/types';
import type { ProgressEvent } from '../../lambdas/probe/probe-target';
import type { RoundOutcome } from '../../lambdas/round/ports';
import type { RegionOutcome, RemoteRound } from '../smoke/remote-invoke';
import { UsageError } from '../args';
import { DEMO_LABEL } from '../report/format';
import { targetForUrl } from '../target-source';

/** The rounds of one gate run, the targets they probed and, remotely, what each region did. */
export interface Probed {
  readonly results: ProbeResult[];
  readonly rounds: RoundOutcome[];
  readonly targets: readonly TargetConfig[];
  readonly regions?: RegionOutcome[];
}

/** What to probe on this machine: the selected config targets, else `url`, else the reference target. */
export interface LocalProbeRequest {
  readonly selected: readonly TargetConfig[] | undefined;
  readonly url: string | undefined;
  /** Faults of the bundled reference target. */
  readonly faults: readonly string[] | undefined;
  readonly retries: number;
}

/** What to invoke remotely, and where. */
export interface RemoteProbeRequest {
  readonly config: MonitorConfig | undefined;
  /** The targets `--target` picked; sent in the event (otherwise the function probes its own config). */
  readonly picked: readonly TargetConfig[] | undefined;
  readonly url: string | undefined;
  /** `--region` values; default the config's probeRegions. */
  readonly regions: readonly string[] | undefined;
  readonly functionName: string | undefined;
  readonly timeoutS: number | undefined;
}

/** The targets of `config` named by `--target` (all when none is named); an unknown name is a usage error. */
export function selectTargets(config: MonitorConfig, names: readonly string[]): readonly TargetConfig[] {
  if (names.length === 0) return config.targets;
  const known = config.targets.map((target) => target.name);
  for (const name of names) {
    if (!known.includes(name))
      throw new UsageError(`--target "${name}" is not in the config (targets: ${known.join(', ')}).${didYouMeanHint(name, known)}`);
  }
  return config.targets.filter((target) => names.includes(target.name));
}

/** Probes on this machine, one target after the other, printing progress lines. */
export async function probeHere(request: LocalProbeRequest): Promise<Probed> {
  const [{ formatProgress }, { runLocalRounds }, { NO_SINK }] = await Promise.all([
    import('../report/console'),
    import('../rounds'),
    import('../../lambdas/round/sinks'),
  ]);
  const onProgress = (event: ProgressEvent): void => {
    const line = formatProgress(event);
    if (line !== undefined) console.log(line);
  };
  const probe = async (targets: readonly TargetConfig[]): Promise<Probed> => {
    const rounds = await runLocalRounds(targets, { runId: randomUUID(), retries: request.retries, sink: NO_SINK, onProgress });
    return { rounds, results: rounds.map((round) => round.result), targets };
  };
  if (request.selected) return probe(request.selected);
  if (request.url !== undefined) return probe([targetForUrl(request.url)]);
  const { FaultError, startTarget } = await import('../../target');
  let target;
  try {
    target = await startTarget({ faults: request.faults ?? [] });
  } catch (error) {
    if (error instanceof FaultError) throw new UsageError(error.message);
    throw error;
  }
  try {
    console.log(
      `${DEMO_LABEL} (the bundled reference target) on ${target.origin}${request.faults ? ` with faults ${request.faults.join(', ')}` : ''}`,
    );
    return await probe([referenceTargetConfig(target.origin)]);
  } finally {
    await target.close();
  }
}

/**
 * Invokes the deployed probe functions in every region in parallel, one invocation per (target,
 * browser) round as the schedules do, and collects their rounds.
 */
export async function probeRemotely(request: RemoteProbeRequest): Promise<Probed> {
  const { config } = request;
  const regions = request.regions ?? config?.probeRegions ?? [];
  if (regions.length === 0) throw new UsageError('--remote needs regions: pass --config FILE (its probeRegions) or --region REGION.');
  for (const region of regions) {
    if (!isAwsRegion(region)) throw new UsageError(`--region "${region}" is not an AWS region.${didYouMeanHint(region, AWS_REGIONS)}`);
  }
  const targets = request.url !== undefined ? [targetForUrl(request.url)] : (request.picked ?? config?.targets ?? []);
  if (targets.length === 0) {
    throw new UsageError('--remote sends every (target, browser) round as its own invocation: pass --config FILE or --url URL.');
  }
  const { invokeRemoteSmoke } = await import('../smoke/remote-invoke');
  const outcomes = await invokeRemoteSmoke({
    regions: [...new Set(regions)],
    functionName: request.functionName,
    rounds: remoteRounds(targets),
    timeoutMs: request.timeoutS === undefined ? undefined : request.timeoutS * 1000,
    onProgress: (line) => console.log(line),
  });
  const results = outcomes.flatMap((outcome) => outcome.results);
  return {
    results,
    rounds: results.map((result) => ({ result, artifacts: [] })),
    targets,
    regions: outcomes,
  };
}

/** One smoke invocation per target and browser, each sending that target in that browser only. */
function remoteRounds(targets: readonly TargetConfig[]): RemoteRound[] {
  return targets.flatMap((target) =>
    (target.browsers.length > 0 ? target.browsers : DEFAULT_BROWSERS).map((browser) => ({
      runtime: runtimeOf(browser),
      event: { mode: 'smoke' as const, targets: [{ ...target, browsers: [browser] }] },
      expectedTargets: [target.name],
    })),
  );
}
