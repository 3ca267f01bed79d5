/**
 * `npm run bench`: figures, not tests. The accuracy of the monitor's network measurements against a
 * link whose truth we set (and against curl on the same link; Chromium and Firefox), the cost section
 * from bench/cost.ts and the browsers section from bench/browser-cost.ts. Writes
 * bench/results/accuracy.json, cost.json and browsers.json.
 * Run as root on Linux for the accuracy section; without, it says so and skips it.
 * `npm run bench -- versus` (or `accuracy`, `cost`, `fanout`, `discovery`, `browsers`) runs one section only; the versus section
 * (bench/versus.ts) runs the same journey side by side with @elastic/synthetics and writes versus.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAccuracyBench } from './accuracy';
import { runBrowserCostBench } from './browser-cost';
import { REPO_ROOT } from './children';
import { runCostBench } from './cost';
import { runDiscoveryBench } from './discovery';
import { runFanOutBench } from './fan-out';
import { teardownAllLinks } from './netns';
import { runVersusBench } from './versus';
import { PEER_NAME, PEER_VERSION } from './versus-peer';
import { formatAccuracyTable, formatBreakdownTable } from './report-table';

/**
 * Hard bound on the whole bench (accuracy ≈ 5 min with Firefox, cost ≈ 30 s, fanout ≈ 1 min, versus ≈ 2 min, discovery
 * ≈ 3 min, browsers ≈ 6 min on a busy 2-core machine): a hung child must not keep it (and its namespaces) alive.
 */
const TOTAL_TIMEOUT_MS = 25 * 60_000;

/** cost.ts prints its table and writes bench/results/cost.json (every sample) itself. */
async function runCostSection(): Promise<void> {
  console.log('\ncost:');
  await runCostBench();
}

const SECTIONS = ['accuracy', 'cost', 'fanout', 'versus', 'discovery', 'browsers'] as const;

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`bench: unknown section ${unknown.join(', ')}; known sections: ${SECTIONS.join(', ')} (default: all)`);
    process.exitCode = 2;
    return;
  }
  const runs = (name: (typeof SECTIONS)[number]): boolean => asked.length === 0 || asked.includes(name);
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  if (runs('accuracy')) await runAccuracySection(resultsDir);
  if (runs('cost')) await runCostSection();
  if (runs('fanout')) {
    console.log('\nfan-out (cost per round, one invocation per pair vs rounds in turn):');
    await runFanOutBench((line) => console.log(`  ${line}`));
  }
  if (runs('versus')) await runVersusSection();
  if (runs('discovery')) {
    console.log('\ndiscovery:');
    await runDiscoveryBench(resultsDir, (line) => console.log(`  ${line}`));
  }
  if (runs('browsers')) {
    console.log('\nbrowsers:');
    await runBrowserCostBench();
  }
}

async function runVersusSection(): Promise<void> {
  console.log(`\nversus (the same journey, side by side with ${PEER_NAME} ${PEER_VERSION}):`);
  await runVersusBench((line) => console.log(`  ${line}`));
}

async function runAccuracySection(resultsDir: string): Promise<void> {
  console.log('accuracy:');
  const startedAt = new Date().toISOString();
  const accuracy = await runAccuracyBench((line) => console.log(`  ${line}`));
  for (const line of accuracy.skipped) console.log(`  SKIPPED ${line}`);
  if (accuracy.rows.length > 0) {
    console.log(`\n${formatAccuracyTable(accuracy.rows)}\n`);
    if (accuracy.breakdown && accuracy.breakdown.length > 0) {
      console.log(`where the latency goes (p50s):\n${formatBreakdownTable(accuracy.breakdown)}\n`);
    }
    for (const note of accuracy.notes) console.log(`  - ${note}`);
  }
  const file = join(resultsDir, 'accuracy.json');
  writeFileSync(file, `${JSON.stringify({ startedAt, ...accuracy }, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${TOTAL_TIMEOUT_MS / 1000} s; stopping`);
  teardownAllLinks();
  process.exit(1);
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
