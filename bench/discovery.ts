/**
 * What discovery costs (issue #18): the same round against each page design of the reference target,
 * once with a URL-only config (everything discovered) and once with every selector and endpoint
 * configured (the design's own selectors, its WebSocket and HTTP endpoints), alternating in the same
 * run; the ratio of the median round times (goal ≤ 1.10). And how long a page without a
 * System-Check link takes to fail (goal ≤ 15 s). Writes bench/results/discovery.json.
 * `npm run bench -- discovery` runs this section alone.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseTargets } from '../lambdas/core/config';
import type { TargetConfig } from '../lambdas/core/config/types';
import { probeTarget } from '../lambdas/probe/probe-target';
import { DESIGN_NAMES, DESIGNS, startTarget, type DesignName, type RunningTarget } from '../target/index';
import { median } from './accuracy-types';

/** Alternating pairs per design: enough for a median on a shared two-core machine, short enough for a bench section. */
const PAIRS = 5;
const MISSING_LINK_RUNS = 3;
/** Design c's verdicts take 3 s by design; both variants wait for them alike, so the ratio shows discovery's own cost. */
const GOAL_RATIO = 1.1;
const GOAL_MISSING_LINK_MS = 15_000;

export interface DiscoveryBenchRow {
  readonly design: DesignName;
  readonly configuredMs: number[];
  readonly discoveredMs: number[];
  readonly configuredSystemCheckMs: number[];
  readonly discoveredSystemCheckMs: number[];
  readonly ratio: number;
  readonly failures: string[];
}

function target(raw: Record<string, unknown>): TargetConfig {
  const [parsed] = parseTargets({ targets: [raw] }, 'discovery bench');
  if (!parsed) throw new Error('parseTargets returned no target');
  return parsed;
}

/** Every piece pinned: the design's own selectors (what a person reading its markup would write) and endpoints. */
function configured(running: RunningTarget): TargetConfig {
  const { contract } = DESIGNS[running.design];
  const verdicts = Object.fromEntries(Object.entries(contract.verdicts).map(([check, selector]) => [check, { selector }]));
  return target({
    name: `configured-${running.design}`,
    loginUrl: running.loginUrl,
    expectSelectors: [contract.login.passwordSelector],
    systemCheck: { linkSelector: contract.linkSelector, verdicts },
    websocket: { url: running.wsUrl },
    http: { url: running.pingUrl },
  });
}

function discovered(running: RunningTarget): TargetConfig {
  return target({ name: `discovered-${running.design}`, loginUrl: running.loginUrl });
}

async function round(config: TargetConfig): Promise<{ ms: number; systemCheckMs: number; failure?: string }> {
  const { result } = await probeTarget(config, { location: 'local' });
  const systemCheckMs = result.steps.find((step) => step.name === 'system_check')?.durationMs ?? Number.NaN;
  const failure = result.failure
    ? `${config.name}: ${result.failure.kind} at ${result.failure.step}: ${result.failure.message}`
    : undefined;
  return { ms: result.durationMs, systemCheckMs, ...(failure ? { failure } : {}) };
}

async function benchDesign(design: DesignName, log: (line: string) => void): Promise<DiscoveryBenchRow> {
  const running = await startTarget({ design });
  const row: DiscoveryBenchRow = {
    design,
    configuredMs: [],
    discoveredMs: [],
    configuredSystemCheckMs: [],
    discoveredSystemCheckMs: [],
    ratio: Number.NaN,
    failures: [],
  };
  try {
    await round(discovered(running)); // warm-up: Chromium extracted, page cache of the target warm
    for (let pair = 0; pair < PAIRS; pair += 1) {
      // alternate which goes first, so neither always meets the warmer machine
      const order = pair % 2 === 0 ? (['configured', 'discovered'] as const) : (['discovered', 'configured'] as const);
      for (const variant of order) {
        const measured = await round(variant === 'configured' ? configured(running) : discovered(running));
        if (measured.failure) row.failures.push(measured.failure);
        (variant === 'configured' ? row.configuredMs : row.discoveredMs).push(measured.ms);
        (variant === 'configured' ? row.configuredSystemCheckMs : row.discoveredSystemCheckMs).push(measured.systemCheckMs);
      }
      log(`design ${design}: pair ${pair + 1}/${PAIRS}`);
    }
  } finally {
    await running.close();
  }
  return { ...row, ratio: median(row.discoveredMs) / median(row.configuredMs) };
}

async function benchMissingLink(log: (line: string) => void): Promise<number[]> {
  const running = await startTarget({ design: 'a' });
  running.setFaults(['no-system-check-link']);
  const times: number[] = [];
  try {
    for (let run = 0; run < MISSING_LINK_RUNS; run += 1) {
      const { result } = await probeTarget(discovered(running), { location: 'local' });
      if (result.failure?.kind !== 'content') log(`missing link: unexpected ${result.failure?.kind ?? 'pass'}`);
      times.push(result.durationMs);
    }
  } finally {
    await running.close();
  }
  return times;
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Runs the section, prints its table, writes bench/results/discovery.json. */
export async function runDiscoveryBench(resultsDir: string, log: (line: string) => void): Promise<void> {
  const startedAt = new Date().toISOString();
  const load = loadavg()[0] ?? 0;
  const rows: DiscoveryBenchRow[] = [];
  for (const design of DESIGN_NAMES) rows.push(await benchDesign(design, log));
  const missingLinkMs = await benchMissingLink(log);
  const all = {
    configured: median(rows.flatMap((row) => row.configuredMs)),
    discovered: median(rows.flatMap((row) => row.discoveredMs)),
  };
  const overall = all.discovered / all.configured;
  console.log('\n  design  configured round  discovered round  ratio   system_check configured / discovered');
  for (const row of rows) {
    const sc = `${fmt(median(row.configuredSystemCheckMs))} / ${fmt(median(row.discoveredSystemCheckMs))}`;
    console.log(
      `  ${row.design.padEnd(6)}  ${fmt(median(row.configuredMs)).padEnd(15)}  ${fmt(median(row.discoveredMs)).padEnd(16)}  ${row.ratio.toFixed(2)}×  ${sc}`,
    );
  }
  console.log(
    `  all     ${fmt(all.configured).padEnd(15)}  ${fmt(all.discovered).padEnd(16)}  ${overall.toFixed(2)}×  (goal ≤ ${GOAL_RATIO}×)`,
  );
  console.log(
    `  missing System-Check link fails after ${fmt(median(missingLinkMs))} (median of ${MISSING_LINK_RUNS}; goal ≤ ${fmt(GOAL_MISSING_LINK_MS)})`,
  );
  console.log(`  medians of ${PAIRS} alternating pairs per design; 1-min load average at start ${load.toFixed(1)}`);
  for (const failure of rows.flatMap((row) => row.failures)) console.log(`  ! ${failure}`);
  const file = join(resultsDir, 'discovery.json');
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt, loadAverage: load, pairs: PAIRS, rows, overallRatio: overall, missingLinkMs }, null, 2)}\n`,
  );
  console.log(`\nwrote ${file}`);
}
