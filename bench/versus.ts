/**
 * Side by side with @elastic/synthetics: the same login → System-Check journey, the same Chromium
 * binary, the same reference target on 127.0.0.1, whole processes as a user starts them through npx,
 * in alternating pairs (the order flips each pair, so neither side always runs on a warmer machine).
 * Ratios are ours / peer within a pair: on a shared machine they hold where absolute times do not.
 * Also the CLI's start-up (module loading) and the full default demo round. Writes bench/results/versus.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveExecutablePath } from '../lambdas/probe/browser';
import { startTarget } from '../target/index';
import { median, round } from './accuracy-types';
import { REPO_ROOT } from './children';
import { ensurePeer, PEER_DIR, PEER_JOURNEYS, PEER_NAME, PEER_VERSION } from './versus-peer';
import { lineAt, measureRun, printedMs, tail, type CommandSpec, type TreeRun } from './versus-run';

/** Alternating pairs measured (plus one warm-up pair, discarded: first reads of files into the page cache). */
const PAIRS = 8;
/** Start-up runs and demo rounds: medians of these. */
const START_RUNS = 5;
const DEMO_RUNS = 3;

const OURS = {
  systemCheck: /system_check\s+ok\s+\(([\d.]+)\s*(ms|s)\)/,
  roundStart: /round started/,
  systemCheckEnd: /system_check\s+(ok|FAIL)\s+\(/,
  roundEnd: /round finished/,
  demoRound: /PASS in ([\d.]+)\s*(ms|s)\b/,
};
const PEER_SYSTEM_CHECK = /Step: 'system_check' succeeded \(([\d.]+)\s*(ms|s)\)/;

interface Pair {
  readonly ours: TreeRun;
  readonly peer: TreeRun;
}

const spread = (values: readonly number[]) => ({
  min: round(Math.min(...values), 3),
  median: round(median(values), 3),
  max: round(Math.max(...values), 3),
});
const defined = (values: ReadonlyArray<number | undefined>): number[] => values.filter((v): v is number => v !== undefined);

function commands(loginUrl: string, scratch: string, executablePath: string): { ours: CommandSpec; peer: CommandSpec } {
  const config = join(scratch, 'url-only.config.json');
  writeFileSync(config, JSON.stringify({ targets: [{ name: 'reference', loginUrl }] }));
  return {
    ours: { cmd: ['npx', 'autocrm-synthetics', 'run', '--config', config, '--out', join(scratch, 'reports')], cwd: REPO_ROOT },
    peer: {
      cmd: [
        'npx',
        'elastic-synthetics',
        PEER_JOURNEYS,
        '--screenshots',
        'off',
        '--params',
        JSON.stringify({ url: loginUrl }),
        '--playwright-options',
        JSON.stringify({ executablePath }),
      ],
      cwd: PEER_DIR,
    },
  };
}

function checked(name: string, run: TreeRun): TreeRun {
  if (run.exitCode !== 0) throw new Error(`${name} exited ${run.exitCode}:\n${tail(run)}`);
  return run;
}

async function measurePairs(specs: { ours: CommandSpec; peer: CommandSpec }, log: (line: string) => void): Promise<Pair[]> {
  const pairs: Pair[] = [];
  for (let index = -1; index < PAIRS; index += 1) {
    const oursFirst = index % 2 === 0;
    const first = checked(oursFirst ? 'ours' : 'peer', await measureRun(oursFirst ? specs.ours : specs.peer));
    const second = checked(oursFirst ? 'peer' : 'ours', await measureRun(oursFirst ? specs.peer : specs.ours));
    const pair = oursFirst ? { ours: first, peer: second } : { ours: second, peer: first };
    if (index < 0) continue; // warm-up
    pairs.push(pair);
    log(`pair ${index + 1}/${PAIRS}: wall ${pair.ours.wallMs} / ${pair.peer.wallMs} ms, cpu ${pair.ours.cpuMs} / ${pair.peer.cpuMs} ms`);
  }
  return pairs;
}

/** `run --help` (the CLI's modules, no browser) against bare Node: what loading the CLI costs. */
async function measureStart(): Promise<{ runHelpMs: number; bareNodeMs: number; npxRunHelpMs: number }> {
  const bin = join(REPO_ROOT, 'bin', 'autocrm-synthetics.mjs');
  const medianWall = async (spec: CommandSpec): Promise<number> => {
    const walls: number[] = [];
    for (let run = 0; run < START_RUNS; run += 1) walls.push(checked(spec.cmd.join(' '), await measureRun(spec)).wallMs);
    return round(median(walls), 1);
  };
  return {
    runHelpMs: await medianWall({ cmd: ['node', bin, 'run', '--help'], cwd: REPO_ROOT }),
    bareNodeMs: await medianWall({ cmd: ['node', '-e', '0'], cwd: REPO_ROOT }),
    npxRunHelpMs: await medianWall({ cmd: ['npx', 'autocrm-synthetics', 'run', '--help'], cwd: REPO_ROOT }),
  };
}

/** What `npm start` runs (its script, with the reports sent to scratch), whole process and the round it prints. */
async function measureDemo(scratch: string): Promise<{ wallMs: number; roundMs: number | undefined; command: string }> {
  const start = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const spec = { cmd: ['sh', '-c', `${start} --out "$0"`, join(scratch, 'demo')], cwd: REPO_ROOT };
  const runs: TreeRun[] = [];
  for (let run = 0; run < DEMO_RUNS; run += 1) runs.push(checked(`npm start (${start})`, await measureRun(spec)));
  return {
    command: start,
    wallMs: round(median(runs.map((run) => run.wallMs)), 1),
    roundMs: median(defined(runs.map((run) => printedMs(run, OURS.demoRound)))) || undefined,
  };
}

function summarize(pairs: readonly Pair[]) {
  const ours = pairs.map((pair) => pair.ours);
  const peers = pairs.map((pair) => pair.peer);
  const closeMs = defined(
    ours.map((run) => {
      const end = lineAt(run, OURS.roundEnd);
      const lastStep = lineAt(run, OURS.systemCheckEnd);
      return end !== undefined && lastStep !== undefined ? round(end - lastStep, 1) : undefined;
    }),
  );
  return {
    wallRatio: spread(pairs.map((pair) => pair.ours.wallMs / pair.peer.wallMs)),
    cpuRatio: spread(pairs.map((pair) => pair.ours.cpuMs / pair.peer.cpuMs)),
    wallMs: { ours: spread(ours.map((run) => run.wallMs)), peer: spread(peers.map((run) => run.wallMs)) },
    cpuMs: { ours: spread(ours.map((run) => run.cpuMs)), peer: spread(peers.map((run) => run.cpuMs)) },
    systemCheckMs: {
      ours: spread(defined(ours.map((run) => printedMs(run, OURS.systemCheck)))),
      peer: spread(defined(peers.map((run) => printedMs(run, PEER_SYSTEM_CHECK)))),
    },
    oursToFirstStepMs: spread(defined(ours.map((run) => lineAt(run, OURS.roundStart)))),
    oursCloseMs: closeMs.length > 0 ? spread(closeMs) : undefined,
    leftoverProcesses: { ours: ours.reduce((n, run) => n + run.leftover, 0), peer: peers.reduce((n, run) => n + run.leftover, 0) },
  };
}

type Summary = ReturnType<typeof summarize>;

function printSummary(s: Summary, log: (line: string) => void): void {
  const ratio = (r: { min: number; median: number; max: number }) => `${r.median.toFixed(2)}× (${r.min.toFixed(2)}–${r.max.toFixed(2)})`;
  const ms = (r: { median: number }) => `${Math.round(r.median)} ms`;
  log(`${''.padEnd(20)}${'ours'.padStart(10)}${'peer'.padStart(10)}  ratio ours/peer, median (min–max)`);
  log(`${'wall'.padEnd(20)}${ms(s.wallMs.ours).padStart(10)}${ms(s.wallMs.peer).padStart(10)}  ${ratio(s.wallRatio)}  (goal ≤ 0.6)`);
  log(`${'cpu'.padEnd(20)}${ms(s.cpuMs.ours).padStart(10)}${ms(s.cpuMs.peer).padStart(10)}  ${ratio(s.cpuRatio)}`);
  log(`${'system_check step'.padEnd(20)}${ms(s.systemCheckMs.ours).padStart(10)}${ms(s.systemCheckMs.peer).padStart(10)}`);
  log(
    `ours: spawn → first step ${ms(s.oursToFirstStepMs)}; close (system_check end → round end) ${s.oursCloseMs ? ms(s.oursCloseMs) : 'n/a'}`,
  );
  log(`processes left running after exit: ours ${s.leftoverProcesses.ours}, peer ${s.leftoverProcesses.peer}`);
}

/** The versus section of `npm run bench`. */
export async function runVersusBench(log: (line: string) => void): Promise<object> {
  const loadBefore = loadavg()[0] ?? 0;
  log(ensurePeer());
  const executablePath = await resolveExecutablePath();
  const scratch = mkdtempSync(join(tmpdir(), 'autocrm-versus-'));
  const target = await startTarget();
  try {
    const specs = commands(target.loginUrl, scratch, executablePath);
    log(`ours: ${specs.ours.cmd.slice(0, 4).join(' ')} <URL-only config>`);
    log(`peer: ${specs.peer.cmd.slice(0, 5).join(' ')} (${PEER_NAME} ${PEER_VERSION}, executablePath ${executablePath})`);
    const summary = summarize(await measurePairs(specs, log));
    const start = await measureStart();
    const demo = await measureDemo(scratch);
    const loadAverage1m = [round(loadBefore, 2), round(loadavg()[0] ?? 0, 2)];
    log('');
    printSummary(summary, log);
    log(
      `CLI start: node bin/autocrm-synthetics.mjs run --help ${start.runHelpMs} ms, bare node ${start.bareNodeMs} ms ` +
        `(module load ≈ ${round(start.runHelpMs - start.bareNodeMs, 1)} ms); through npx ${start.npxRunHelpMs} ms`,
    );
    log(`demo round (${demo.command}): process ${demo.wallMs} ms, round ${demo.roundMs ?? 'n/a'} ms (medians of ${DEMO_RUNS})`);
    log(`load average (1 min) before/after: ${loadAverage1m.join(' / ')} on ${cpus().length} cores`);
    const figures = {
      startedAt: new Date().toISOString(),
      pairs: PAIRS,
      peer: `${PEER_NAME} ${PEER_VERSION}`,
      loadAverage1m,
      ...summary,
      start,
      demo,
    };
    const resultsDir = join(REPO_ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'versus.json'), `${JSON.stringify(figures, null, 2)}\n`);
    return figures;
  } finally {
    await target.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
