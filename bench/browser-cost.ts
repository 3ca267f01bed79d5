/**
 * The browsers section of `npm run bench`: what one round costs in each browser (launch, the whole
 * round, peak memory of the browser's processes) against the reference target on this machine, and
 * what two browsers in one invocation cost as a browser per round (what the engine does) against one
 * browser with a context per round. Writes bench/results/browsers.json.
 * `npx tsx bench/browser-cost.ts` alone, or `npm run bench -- browsers`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium as playwright } from 'playwright-core';
import { BROWSER_ENGINES, type BrowserName } from '../lambdas/core/browsers';
import { referenceTargetConfig } from '../lambdas/core/config';
import type { TargetConfig } from '../lambdas/core/config/types';
import { chromiumArgs, launchBrowser, resolveExecutablePath, type LaunchedBrowser, type LaunchOptions } from '../lambdas/probe/browser';
import { killProcessesWithMarker, markerEnvironment, newMarker } from '../lambdas/probe/browsers/processes';
import { probeTarget } from '../lambdas/probe/probe-target';
import { startTarget } from '../target/index';
import { median } from './accuracy-types';
import { startBrowserMemorySampler, type BrowserMemory } from './browser-memory';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
/** Rounds per browser and per variant: medians of three. */
const REPEATS = 3;
/** The section stops starting new measurements after this long (each is one to a few rounds). */
const SECTION_BUDGET_MS = 9 * 60_000;
/** Budgets a busy 2-core machine cannot turn into timeouts: the bench measures time, it does not judge it. */
const GENEROUS_TIMEOUTS = { navigationMs: 30_000, systemCheckMs: 30_000, stepMs: 30_000, roundMs: 90_000 };

interface RoundFigures {
  readonly status: string;
  /** The round's `launch` step: browser start, context and first page. */
  readonly launchStepMs: number;
  /** The whole round, the browser's close included. */
  readonly roundMs: number;
  readonly peak: BrowserMemory;
}

/** One round in `browser` through the engine, its browser's memory sampled. */
async function measuredRound(config: TargetConfig, browser: BrowserName, launcher?: LaunchOptions['launcher']): Promise<RoundFigures> {
  const markers: string[] = [];
  const capture = async (options: LaunchOptions): Promise<LaunchedBrowser> => {
    const launched = await (launcher ?? launchBrowser)(options);
    markers.push(launched.marker);
    return launched;
  };
  const sampler = startBrowserMemorySampler(() => markers);
  const { result } = await probeTarget(config, { location: 'local', browser, launch: { launcher: capture } });
  const peak = sampler.stop();
  return {
    status: result.status,
    launchStepMs: Math.round(result.steps.find((step) => step.name === 'launch')?.durationMs ?? 0),
    roundMs: Math.round(result.durationMs),
    peak,
  };
}

/** Launch and close of a bare browser, no round: the fixed cost a round pays for its own browser. */
async function launchAndClose(browser: BrowserName): Promise<{ launchMs: number; closeMs: number }> {
  const startedAt = Date.now();
  const launched = await launchBrowser({ browser });
  const launchMs = Date.now() - startedAt;
  const closingAt = Date.now();
  await launched.close();
  return { launchMs, closeMs: Date.now() - closingAt };
}

/** A started browser that several rounds share, each in a context of its own. */
interface SharedBrowser {
  readonly launched: LaunchedBrowser;
  /** What the journey gets instead of a fresh browser: the shared one; close() ends only the round's contexts (or nothing). */
  launcher(closeContexts: boolean): NonNullable<LaunchOptions['launcher']>;
}

/** `@sparticuz/chromium`'s flags with or without `--single-process`, as one browser for several rounds. */
async function sharedChromium(singleProcess: boolean): Promise<SharedBrowser> {
  const marker = newMarker();
  const args = chromiumArgs().filter((arg) => singleProcess || arg !== '--single-process');
  const browser = await playwright.launch({
    executablePath: await resolveExecutablePath(),
    args: [...args, marker],
    env: { ...process.env, ...markerEnvironment(marker) },
    headless: true,
  });
  const close = async (): Promise<void> => {
    await browser.close().catch(() => undefined);
    killProcessesWithMarker(marker);
  };
  return shared({ name: 'chromium', engine: 'chromium', browser, marker, close });
}

function shared(launched: LaunchedBrowser): SharedBrowser {
  return {
    launched,
    launcher: (closeContexts) => async (options) => {
      const name = options.browser ?? 'chromium';
      return {
        name,
        engine: BROWSER_ENGINES[name],
        browser: launched.browser,
        marker: launched.marker,
        close: async () => {
          if (closeContexts) await Promise.all(launched.browser.contexts().map((context) => context.close().catch(() => undefined)));
        },
      };
    },
  };
}

interface SharingFigures {
  readonly variant: string;
  readonly rounds: readonly BrowserName[];
  /** Wall time of all the rounds, the shared browser's launch and close included. */
  readonly totalMs: number;
  readonly statuses: readonly string[];
  readonly peak: BrowserMemory;
}

/** The rounds one after another, each with its own browser (the engine as it ships). */
async function perRound(config: TargetConfig, rounds: readonly BrowserName[]): Promise<SharingFigures> {
  const startedAt = Date.now();
  const figures: RoundFigures[] = [];
  for (const browser of rounds) figures.push(await measuredRound(config, browser));
  return {
    variant: 'a browser per round',
    rounds,
    totalMs: Date.now() - startedAt,
    statuses: figures.map((f) => f.status),
    peak: maxPeak(figures.map((f) => f.peak)),
  };
}

/** The rounds in one browser started once, a context per round. */
async function inOneBrowser(
  config: TargetConfig,
  rounds: readonly BrowserName[],
  variant: { name: string; start: () => Promise<SharedBrowser>; closeContexts: boolean },
): Promise<SharingFigures> {
  const startedAt = Date.now();
  const browser = await variant.start();
  const sampler = startBrowserMemorySampler(() => [browser.launched.marker]);
  const statuses: string[] = [];
  try {
    for (const name of rounds) {
      const { result } = await probeTarget(config, {
        location: 'local',
        browser: name,
        launch: { launcher: browser.launcher(variant.closeContexts) },
      });
      statuses.push(result.failure ? `${result.status} (${result.failure.kind}: ${result.failure.message.slice(0, 80)})` : result.status);
    }
  } finally {
    await browser.launched.close();
  }
  return { variant: variant.name, rounds, totalMs: Date.now() - startedAt, statuses, peak: sampler.stop() };
}

function maxPeak(peaks: readonly BrowserMemory[]): BrowserMemory {
  return {
    processes: Math.max(0, ...peaks.map((p) => p.processes)),
    pssMb: Math.max(0, ...peaks.map((p) => p.pssMb)),
    rssMb: Math.max(0, ...peaks.map((p) => p.rssMb)),
  };
}

/** The browsers section: prints its tables and writes bench/results/browsers.json. */
export async function runBrowserCostBench(): Promise<object> {
  const startedAt = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const within = (): boolean => Date.now() - startedAt < SECTION_BUDGET_MS;
  const target = await startTarget();
  const config: TargetConfig = { ...referenceTargetConfig(target.origin), timeouts: GENEROUS_TIMEOUTS };
  const perBrowser: Record<string, { launches: { launchMs: number; closeMs: number }[]; rounds: RoundFigures[] }> = {};
  const sharing: SharingFigures[] = [];
  try {
    for (const browser of ['chromium', 'edge', 'firefox'] as const) {
      perBrowser[browser] = { launches: [], rounds: [] };
      for (let run = 0; run < REPEATS && within(); run++) {
        perBrowser[browser].launches.push(await launchAndClose(browser));
        perBrowser[browser].rounds.push(await measuredRound(config, browser));
      }
    }
    const pair = ['chromium', 'edge'] as const;
    for (let run = 0; run < REPEATS && within(); run++) {
      sharing.push(await perRound(config, pair));
      sharing.push(
        await inOneBrowser(config, pair, {
          name: 'one Chromium without --single-process, a context per round',
          start: () => sharedChromium(false),
          closeContexts: true,
        }),
      );
      sharing.push(
        await inOneBrowser(config, pair, {
          name: 'one --single-process Chromium, a context per round',
          start: () => sharedChromium(true),
          closeContexts: true,
        }),
      );
      sharing.push(
        await inOneBrowser(config, pair, {
          name: 'one --single-process Chromium, contexts closed only at the end',
          start: () => sharedChromium(true),
          closeContexts: false,
        }),
      );
      sharing.push(await perRound(config, ['firefox', 'firefox']));
      sharing.push(
        await inOneBrowser(config, ['firefox', 'firefox'], {
          name: 'one Firefox, a context per round',
          start: async () => shared(await launchBrowser({ browser: 'firefox' })),
          closeContexts: true,
        }),
      );
    }
  } finally {
    await target.close();
  }
  const summary = {
    perBrowser: Object.fromEntries(
      Object.entries(perBrowser).map(([browser, figures]) => [
        browser,
        {
          runs: figures.rounds.length,
          launchMs: median(figures.launches.map((l) => l.launchMs)),
          closeMs: median(figures.launches.map((l) => l.closeMs)),
          launchStepMs: median(figures.rounds.map((r) => r.launchStepMs)),
          roundMs: median(figures.rounds.map((r) => r.roundMs)),
          peakPssMb: median(figures.rounds.map((r) => r.peak.pssMb)),
          peakRssMb: median(figures.rounds.map((r) => r.peak.rssMb)),
          processes: Math.max(...figures.rounds.map((r) => r.peak.processes)),
          statuses: figures.rounds.map((r) => r.status),
        },
      ]),
    ),
    sharing: [...new Set(sharing.map((s) => `${s.variant}|${s.rounds.join('+')}`))].map((key) => {
      const runs = sharing.filter((s) => `${s.variant}|${s.rounds.join('+')}` === key);
      const [variant = '', rounds = ''] = key.split('|');
      return {
        variant,
        rounds,
        runs: runs.length,
        totalMs: median(runs.map((r) => r.totalMs)),
        peakPssMb: median(runs.map((r) => r.peak.pssMb)),
        statuses: runs.map((r) => r.statuses.join(', ')),
      };
    }),
  };
  const figures = {
    startedAt: new Date(startedAt).toISOString(),
    loadAverage1m: [Number(loadBefore.toFixed(2)), Number((loadavg()[0] ?? 0).toFixed(2))],
    cores: cpus().length,
    ...summary,
    samples: { perBrowser, sharing },
    notes: [
      'Rounds through the engine (probeTarget) against the reference target on 127.0.0.1 with the default measurements (WebSocket 20 echoes, HTTP 10 pings, bandwidth up to 8 MB each way), budgets raised so a busy machine cannot turn time into timeouts; medians.',
      'Memory: the peak, sampled every 200 ms, of PSS (and RSS) summed over every process carrying the launch marker: Chromium with --single-process is one process, Firefox a parent plus content, socket and helper processes.',
      "launchMs / closeMs: a bare launchBrowser() and close() without a round; launchStepMs: the round's launch step (browser, context and first page).",
    ],
  };
  printTables(summary, figures.loadAverage1m);
  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
  writeFileSync(join(BENCH_DIR, 'results', 'browsers.json'), `${JSON.stringify(figures, null, 2)}\n`);
  return figures;
}

function printTables(
  summary: { perBrowser: Record<string, Record<string, unknown>>; sharing: Record<string, unknown>[] },
  load: readonly number[],
): void {
  const cell = (value: unknown, width: number): string => String(value).padStart(width);
  console.log(`  one round per browser, medians (load average 1 min before/after: ${load.join(' / ')} on ${cpus().length} cores)`);
  console.log(
    `  ${'browser'.padEnd(9)}${cell('launch ms', 11)}${cell('close ms', 10)}${cell('launch step', 13)}${cell('round ms', 10)}${cell('peak PSS MB', 13)}${cell('RSS MB', 8)}${cell('procs', 7)}  statuses`,
  );
  for (const [browser, f] of Object.entries(summary.perBrowser)) {
    console.log(
      `  ${browser.padEnd(9)}${cell(f.launchMs, 11)}${cell(f.closeMs, 10)}${cell(f.launchStepMs, 13)}${cell(f.roundMs, 10)}${cell(f.peakPssMb, 13)}${cell(f.peakRssMb, 8)}${cell(f.processes, 7)}  ${String(f.statuses)}`,
    );
  }
  console.log('  several rounds in one invocation, medians:');
  for (const s of summary.sharing) {
    console.log(
      `  ${String(s.rounds).padEnd(16)} ${String(s.variant).padEnd(62)}${cell(s.totalMs, 8)} ms${cell(s.peakPssMb, 6)} MB PSS  ${String((s.statuses as string[])[0])}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runBrowserCostBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`browsers bench: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
