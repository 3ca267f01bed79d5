/**
 * Side by side with @elastic/synthetics: the same login → System-Check journey, the same Chromium
 * binary, the same reference target on 127.0.0.1, whole processes as a user starts them through npx,
 * in alternating rounds (the order rotates each round, so no side always runs on a warmer machine).
 * Ours runs twice per round: the issue's command in the repository, and the same CLI installed as a
 * dependency of a project (npx then finds it as it finds the peer). Ratios are ours / peer within a
 * round: on a shared machine they hold where absolute times do not. Also the CLI's start-up (module
 * loading) and the full default demo round. Writes bench/results/versus.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveExecutablePath } from '../lambdas/probe/browser';
import { startTarget } from '../target/index';
import { median, round } from './accuracy-types';
import { REPO_ROOT } from './children';
import { ensurePeer, installOursAsDependency, PEER_DIR, PEER_JOURNEYS, PEER_NAME, PEER_VERSION } from './versus-peer';
import { measureRun, printedMs, tail, type CommandSpec, type TreeRun } from './versus-run';
import { summarize, type Spread, type VersusRound, type VersusSummary } from './versus-stats';

/** Alternating rounds measured (plus one warm-up round, discarded: first reads of files into the page cache). */
const ROUNDS = 8;
/** Start-up runs and demo rounds: medians of these. */
const START_RUNS = 5;
const DEMO_RUNS = 3;
const SIDES = ['ours', 'oursInstalled', 'peer'] as const;
type Side = (typeof SIDES)[number];
const DEMO_ROUND = /PASS in ([\d.]+)\s*(ms|s)\b/;

/**
 * The journey's config: a URL and nothing else (every piece discovered), with the measurements of
 * the page's own WebSocket and HTTP endpoints off, so that the round is the peer's journey (login
 * page → click → three verdicts). `withEndpoints` keeps discovery's default, which measures them too
 * (about a second more: 20 WebSocket echoes and the HTTP samples the peer does not take).
 */
function urlOnlyConfig(scratch: string, loginUrl: string, withEndpoints: boolean): string {
  const config = join(scratch, withEndpoints ? 'url-only.config.json' : 'url-only-journey.config.json');
  const target = withEndpoints ? { name: 'reference', loginUrl } : { name: 'reference', loginUrl, measurePageEndpoints: false };
  writeFileSync(config, JSON.stringify({ targets: [target] }));
  return config;
}

function commands(loginUrl: string, scratch: string, executablePath: string): Record<Side, CommandSpec> {
  const config = urlOnlyConfig(scratch, loginUrl, false);
  const consumer = join(scratch, 'consumer');
  mkdirSync(consumer);
  installOursAsDependency(consumer);
  const ours = ['npx', 'autocrm-synthetics', 'run', '--config', config, '--out', join(scratch, 'reports')];
  return {
    ours: { cmd: ours, cwd: REPO_ROOT },
    oursInstalled: { cmd: ours, cwd: consumer },
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

async function measureRounds(specs: Record<Side, CommandSpec>, log: (line: string) => void): Promise<VersusRound[]> {
  const rounds: VersusRound[] = [];
  for (let index = -1; index < ROUNDS; index += 1) {
    const order = SIDES.map((_, i) => SIDES[(i + Math.max(0, index)) % SIDES.length] as Side);
    const runs: Partial<Record<Side, TreeRun>> = {};
    for (const side of order) runs[side] = checked(side, await measureRun(specs[side]));
    if (index < 0) continue; // warm-up
    const measured = runs as Record<Side, TreeRun>;
    rounds.push(measured);
    log(
      `round ${index + 1}/${ROUNDS}: wall / cpu ms ${SIDES.map((side) => `${side} ${measured[side].wallMs} / ${measured[side].cpuMs}`).join(', ')}`,
    );
  }
  return rounds;
}

/**
 * `run --help` (the CLI's modules, no browser) against bare Node: what loading the CLI costs. And
 * npm's own start on each side: `--version` through npx minus the same bin started by Node, for ours
 * installed in a project and for the peer in its folder (the part of every whole-process figure
 * that neither tool's code decides).
 */
async function measureStart(specs: Record<Side, CommandSpec>) {
  const bin = join(REPO_ROOT, 'bin', 'autocrm-synthetics.mjs');
  const medianWall = async (spec: CommandSpec): Promise<number> => {
    const walls: number[] = [];
    for (let run = 0; run < START_RUNS; run += 1) walls.push(checked(spec.cmd.join(' '), await measureRun(spec)).wallMs);
    return round(median(walls), 1);
  };
  const installedBin = join(specs.oursInstalled.cwd, 'node_modules', '.bin', 'autocrm-synthetics');
  const peerBin = join(specs.peer.cwd, 'node_modules', '.bin', 'elastic-synthetics');
  const npmExecMs = async (name: string, binPath: string, cwd: string): Promise<number> =>
    round(
      (await medianWall({ cmd: ['npx', name, '--version'], cwd })) - (await medianWall({ cmd: ['node', binPath, '--version'], cwd })),
      1,
    );
  return {
    runHelpMs: await medianWall({ cmd: ['node', bin, 'run', '--help'], cwd: REPO_ROOT }),
    bareNodeMs: await medianWall({ cmd: ['node', '-e', '0'], cwd: REPO_ROOT }),
    npxRunHelpMs: await medianWall({ cmd: ['npx', 'autocrm-synthetics', 'run', '--help'], cwd: REPO_ROOT }),
    npmExecMs: {
      oursInstalled: await npmExecMs('autocrm-synthetics', installedBin, specs.oursInstalled.cwd),
      peer: await npmExecMs('elastic-synthetics', peerBin, specs.peer.cwd),
    },
  };
}

/** The URL-only config as discovery leaves it (endpoint measurements on), through npx in the repository. */
async function measureUrlOnly(scratch: string, loginUrl: string): Promise<{ wallMs: number; roundMs: number | undefined }> {
  const config = urlOnlyConfig(scratch, loginUrl, true);
  const spec = { cmd: ['npx', 'autocrm-synthetics', 'run', '--config', config, '--out', join(scratch, 'url-only')], cwd: REPO_ROOT };
  const runs: TreeRun[] = [];
  for (let run = 0; run < DEMO_RUNS; run += 1) runs.push(checked('URL-only round', await measureRun(spec)));
  const rounds = runs.map((run) => printedMs(run, DEMO_ROUND)).filter((ms): ms is number => ms !== undefined);
  return { wallMs: round(median(runs.map((run) => run.wallMs)), 1), roundMs: rounds.length > 0 ? median(rounds) : undefined };
}

/** What `npm start` runs (its script, with the reports sent to scratch), whole process and the round it prints. */
async function measureDemo(scratch: string): Promise<{ wallMs: number; roundMs: number | undefined; command: string }> {
  const start = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const spec = { cmd: ['sh', '-c', `${start} --out "$0"`, join(scratch, 'demo')], cwd: REPO_ROOT };
  const runs: TreeRun[] = [];
  for (let run = 0; run < DEMO_RUNS; run += 1) runs.push(checked(`npm start (${start})`, await measureRun(spec)));
  const rounds = runs.map((run) => printedMs(run, DEMO_ROUND)).filter((ms): ms is number => ms !== undefined);
  return {
    command: start,
    wallMs: round(median(runs.map((run) => run.wallMs)), 1),
    roundMs: rounds.length > 0 ? median(rounds) : undefined,
  };
}

function printSummary(s: VersusSummary, log: (line: string) => void): void {
  const ratio = (r: Spread) => `${r.median.toFixed(2)}× (${r.min.toFixed(2)}–${r.max.toFixed(2)})`;
  const ms = (r: Spread | undefined) => (r ? `${Math.round(r.median)} ms` : 'n/a');
  const row = (name: string, cells: string[]) => log(`${name.padEnd(20)}${cells.map((cell) => cell.padStart(12)).join('')}`);
  row('median', ['ours (repo)', 'installed', 'peer']);
  row('wall', [ms(s.wallMs.ours), ms(s.wallMs.oursInstalled), ms(s.wallMs.peer)]);
  row('cpu', [ms(s.cpuMs.ours), ms(s.cpuMs.oursInstalled), ms(s.cpuMs.peer)]);
  row('spawn → first step', [ms(s.toFirstStepMs.ours), ms(s.toFirstStepMs.oursInstalled), '']);
  row('system_check step', [ms(s.systemCheckMs.ours), '', ms(s.systemCheckMs.peer)]);
  log(
    `wall ratio ours/peer, median (min–max): ${ratio(s.wallRatio)} (goal ≤ 0.6); installed as a dependency ${ratio(s.installedWallRatio)}`,
  );
  log(`cpu ratio ours/peer: ${ratio(s.cpuRatio)}; installed as a dependency ${ratio(s.installedCpuRatio)}`);
  log(`ours: close (system_check end → round end) ${ms(s.closeMs)}`);
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
    log(
      `ours: ${specs.ours.cmd.slice(0, 4).join(' ')} <URL-only config, page-endpoint measurements off>, in the repository and installed in a project`,
    );
    log(`peer: ${specs.peer.cmd.slice(0, 5).join(' ')} (${PEER_NAME} ${PEER_VERSION}, executablePath ${executablePath})`);
    const summary = summarize(await measureRounds(specs, log));
    const start = await measureStart(specs);
    const demo = await measureDemo(scratch);
    const urlOnly = await measureUrlOnly(scratch, target.loginUrl);
    const loadAverage1m = [round(loadBefore, 2), round(loadavg()[0] ?? 0, 2)];
    log('');
    printSummary(summary, log);
    log(
      `CLI start: node bin/autocrm-synthetics.mjs run --help ${start.runHelpMs} ms, bare node ${start.bareNodeMs} ms ` +
        `(module load ≈ ${round(start.runHelpMs - start.bareNodeMs, 1)} ms); through npx in the repository ${start.npxRunHelpMs} ms`,
    );
    const withoutNpm =
      (summary.wallMs.oursInstalled.median - start.npmExecMs.oursInstalled) / (summary.wallMs.peer.median - start.npmExecMs.peer);
    log(
      `npm's own start (npx --version minus node <bin> --version): ours installed ${start.npmExecMs.oursInstalled} ms, ` +
        `peer ${start.npmExecMs.peer} ms; median walls without it, installed/peer: ${withoutNpm.toFixed(2)}×`,
    );
    log(
      `URL-only config with discovery's page-endpoint measurements (not in the peer's journey): process ${urlOnly.wallMs} ms, ` +
        `round ${urlOnly.roundMs ?? 'n/a'} ms (medians of ${DEMO_RUNS}, npx in the repository)`,
    );
    log(`demo round (${demo.command}): process ${demo.wallMs} ms, round ${demo.roundMs ?? 'n/a'} ms (medians of ${DEMO_RUNS})`);
    log(`load average (1 min) before/after: ${loadAverage1m.join(' / ')} on ${cpus().length} cores`);
    const figures = {
      startedAt: new Date().toISOString(),
      rounds: ROUNDS,
      peer: `${PEER_NAME} ${PEER_VERSION}`,
      loadAverage1m,
      ...summary,
      start,
      installedWallRatioWithoutNpmStart: round(withoutNpm, 3),
      urlOnly,
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
