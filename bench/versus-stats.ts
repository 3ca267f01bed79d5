/**
 * The versus section's figures from its measured runs: ratios within each round (ours / peer, the
 * machine's load shared by both), and what our progress lines say about the round's inside.
 */
import { median, round } from './accuracy-types';
import { lineAt, printedMs, type TreeRun } from './versus-run';

/** One alternating round: the command in the repository, the same CLI installed as a dependency, the peer. */
export interface VersusRound {
  readonly ours: TreeRun;
  readonly oursInstalled: TreeRun;
  readonly peer: TreeRun;
}

export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

const OURS = {
  systemCheck: /system_check\s+ok\s+\(([\d.]+)\s*(ms|s)\)/,
  roundStart: /round started/,
  systemCheckEnd: /system_check\s+(ok|FAIL)\s+\(/,
  roundEnd: /round finished/,
};
const PEER_SYSTEM_CHECK = /Step: 'system_check' succeeded \(([\d.]+)\s*(ms|s)\)/;

export const spread = (values: readonly number[]): Spread => ({
  min: round(Math.min(...values), 3),
  median: round(median(values), 3),
  max: round(Math.max(...values), 3),
});
const defined = (values: ReadonlyArray<number | undefined>): number[] => values.filter((v): v is number => v !== undefined);
const optionalSpread = (values: ReadonlyArray<number | undefined>): Spread | undefined => {
  const known = defined(values);
  return known.length > 0 ? spread(known) : undefined;
};

/** Close time from our progress lines: the System-Check step's end to the round's end (the browser is closed between). */
function closeMs(run: TreeRun): number | undefined {
  const end = lineAt(run, OURS.roundEnd);
  const lastStep = lineAt(run, OURS.systemCheckEnd);
  return end !== undefined && lastStep !== undefined ? round(end - lastStep, 1) : undefined;
}

export function summarize(rounds: readonly VersusRound[]) {
  const ours = rounds.map((r) => r.ours);
  const installed = rounds.map((r) => r.oursInstalled);
  const peers = rounds.map((r) => r.peer);
  const ratio = (side: 'ours' | 'oursInstalled', of: 'wallMs' | 'cpuMs') => spread(rounds.map((r) => r[side][of] / r.peer[of]));
  return {
    wallRatio: ratio('ours', 'wallMs'),
    cpuRatio: ratio('ours', 'cpuMs'),
    installedWallRatio: ratio('oursInstalled', 'wallMs'),
    installedCpuRatio: ratio('oursInstalled', 'cpuMs'),
    wallMs: {
      ours: spread(ours.map((r) => r.wallMs)),
      oursInstalled: spread(installed.map((r) => r.wallMs)),
      peer: spread(peers.map((r) => r.wallMs)),
    },
    cpuMs: {
      ours: spread(ours.map((r) => r.cpuMs)),
      oursInstalled: spread(installed.map((r) => r.cpuMs)),
      peer: spread(peers.map((r) => r.cpuMs)),
    },
    systemCheckMs: {
      ours: optionalSpread([...ours, ...installed].map((r) => printedMs(r, OURS.systemCheck))),
      peer: optionalSpread(peers.map((r) => printedMs(r, PEER_SYSTEM_CHECK))),
    },
    toFirstStepMs: {
      ours: optionalSpread(ours.map((r) => lineAt(r, OURS.roundStart))),
      oursInstalled: optionalSpread(installed.map((r) => lineAt(r, OURS.roundStart))),
    },
    closeMs: optionalSpread([...ours, ...installed].map(closeMs)),
    leftoverProcesses: {
      ours: [...ours, ...installed].reduce((n, r) => n + r.leftover, 0),
      peer: peers.reduce((n, r) => n + r.leftover, 0),
    },
  };
}

export type VersusSummary = ReturnType<typeof summarize>;
