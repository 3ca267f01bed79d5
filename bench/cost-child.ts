/**
 * One cost-bench run in a fresh process (so the first invocation is a true cold start: nothing
 * memoized, Chromium extracted into an empty TMPDIR): invocation 1 = cold, invocation 2 = warm.
 * Usage: tsx bench/cost-child.ts ORIGIN RESULT_FILE
 */
import { writeFileSync } from 'node:fs';
import { referenceTargetConfig } from '../lambdas/core/config';
import { invokeLocally } from '../cli/local-invoke';
import { startPeakSampler } from './cost-memory';

/** What one child reports. */
export interface CostRunSample {
  readonly coldMs: number;
  readonly warmMs: number;
  readonly coldPeakMb: number;
  readonly warmPeakMb: number;
  readonly statuses: readonly string[];
  /** Step durations of the warm round, to see where the billed time goes. */
  readonly warmStepsMs: Readonly<Record<string, number>>;
}

interface Measured {
  readonly ms: number;
  readonly peakMb: number;
  readonly status: string;
  readonly stepsMs: Record<string, number>;
}

async function invokeMeasured(event: unknown): Promise<Measured> {
  const sampler = startPeakSampler();
  let outcome: Awaited<ReturnType<typeof invokeLocally>>;
  let peakMb: number;
  try {
    outcome = await invokeLocally(event, { env: { METRICS_SINK: 'emf', ARTIFACTS_BUCKET: undefined, LOCATION: 'local' } });
  } finally {
    peakMb = sampler.stop();
  }
  const stepsMs: Record<string, number> = {};
  for (const step of outcome.summary.results.flatMap((r) => r.steps)) stepsMs[step.name] = Math.round(step.durationMs);
  return { ms: outcome.durationMs, peakMb, status: outcome.summary.results.map((r) => r.status).join(','), stepsMs };
}

async function main(): Promise<void> {
  const [origin, resultFile] = process.argv.slice(2);
  if (!origin || !resultFile) throw new Error('usage: cost-child.ts ORIGIN RESULT_FILE');
  const event = { targets: [referenceTargetConfig(origin)] };
  const cold = await invokeMeasured(event);
  const warm = await invokeMeasured(event);
  const sample: CostRunSample = {
    coldMs: cold.ms,
    warmMs: warm.ms,
    coldPeakMb: cold.peakMb,
    warmPeakMb: warm.peakMb,
    statuses: [cold.status, warm.status],
    warmStepsMs: warm.stepsMs,
  };
  writeFileSync(resultFile, JSON.stringify(sample));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`cost-child: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
