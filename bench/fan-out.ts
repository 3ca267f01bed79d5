/**
 * Cost per round before and after the fan-out (issue #22), measured in the same run: "before" is one
 * invocation that runs two targets one after another (what one function per region did), "after" is
 * one invocation per (target, browser) pair with the event its schedule sends (lib/probe-pairs.ts).
 * Both warm, through the real handler (invokeLocally) against the reference target, alternating so the
 * machine's load hits both alike; medians. `npm run bench -- fanout`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { referenceTargetConfig } from '../lambdas/core/config';
import { invokeLocally } from '../cli/local-invoke';
import { pairEvent } from '../lib/probe-pairs';
import { startTarget } from '../target/index';
import { median } from './accuracy-types';
import { REPO_ROOT } from './children';
import { lambdaCostUsd, PRICES } from './cost';

/** Alternating before/after iterations; each is 4 rounds (≈ 15 s on a quiet machine). */
const ITERATIONS = 4;
/** Two targets: the smallest count where one invocation ran rounds one after another. */
const TARGETS = 2;
const MEMORY_MB = 2048;
/** Generous for two rounds in one invocation on a loaded machine (the function's timeout is 50 s). */
const TIMEOUT_S = 120;
const ENV = { METRICS_SINK: 'emf', ARTIFACTS_BUCKET: undefined, LOCATION: 'local' } as const;

interface Shape {
  /** Median billed ms per round. */
  readonly msPerRound: number;
  /** Lambda duration and request charge per round. */
  readonly lambdaUsdPerRound: number;
  /** The same plus the PutMetricData requests per round (one per invocation). */
  readonly withPublishUsdPerRound: number;
}

function shape(msPerRound: readonly number[], invocationsPerRound: number): Shape {
  const ms = median(msPerRound);
  const duration = lambdaCostUsd(ms, MEMORY_MB) - PRICES.lambdaPerRequest;
  const lambda = duration + PRICES.lambdaPerRequest * invocationsPerRound;
  return {
    msPerRound: Math.round(ms),
    lambdaUsdPerRound: Number(lambda.toPrecision(3)),
    withPublishUsdPerRound: Number((lambda + PRICES.putMetricDataPerRequest * invocationsPerRound).toPrecision(3)),
  };
}

/** The handler's log and EMF lines would bury the figures: they go nowhere while `act` runs. */
async function quietly<T>(act: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await act();
  } finally {
    process.stdout.write = write;
  }
}

/** Runs the section, prints it and writes bench/results/fan-out.json. */
export async function runFanOutBench(print: (line: string) => void): Promise<object> {
  const target = await startTarget();
  const loadBefore = loadavg()[0] ?? 0;
  const before: number[] = [];
  const after: number[] = [];
  const statuses: string[] = [];
  try {
    const targets = Array.from({ length: TARGETS }, (_, i) => referenceTargetConfig(target.origin, `tenant-${i}`));
    const invoke = async (event: unknown): Promise<number> => {
      const outcome = await quietly(() => invokeLocally(event, { timeoutS: TIMEOUT_S, memoryMb: MEMORY_MB, env: ENV }));
      statuses.push(...outcome.summary.results.map((result) => result.status));
      return outcome.durationMs;
    };
    // Warm-up: the first invocation extracts Chromium (a cold start, the same for both shapes).
    await invoke(pairEvent({ target: targets[0]!, browser: 'chromium' }));
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      before.push((await invoke({ targets })) / TARGETS);
      let total = 0;
      for (const one of targets) total += await invoke(pairEvent({ target: one, browser: 'chromium' }));
      after.push(total / TARGETS);
    }
  } finally {
    await target.close();
  }
  const figures = {
    startedAt: new Date().toISOString(),
    iterations: ITERATIONS,
    targets: TARGETS,
    memoryMb: MEMORY_MB,
    loadAverage1m: [Number(loadBefore.toFixed(2)), Number((loadavg()[0] ?? 0).toFixed(2))],
    before: shape(before, 1 / TARGETS),
    after: shape(after, 1),
    statuses,
    samplesMsPerRound: { before, after },
  };
  const ratio = (key: keyof Shape): string => (figures.after[key] / figures.before[key]).toFixed(3);
  print(`warm rounds, ${TARGETS} targets, ${ITERATIONS} alternating iterations, medians (load ${figures.loadAverage1m.join(' → ')})`);
  print(`  before (one invocation, rounds in turn): ${figures.before.msPerRound} ms/round, $${figures.before.lambdaUsdPerRound}/round`);
  print(`  after  (one invocation per pair):        ${figures.after.msPerRound} ms/round, $${figures.after.lambdaUsdPerRound}/round`);
  print(
    `  after / before: duration ${ratio('msPerRound')}, Lambda cost ${ratio('lambdaUsdPerRound')}, with PutMetricData ${ratio('withPublishUsdPerRound')}`,
  );
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'fan-out.json'), `${JSON.stringify(figures, null, 2)}\n`);
  return figures;
}
