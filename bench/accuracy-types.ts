/** One line of the accuracy table: a figure of ours against the truth and against the peer. */
export interface AccuracyRow {
  readonly section: 'bandwidth' | 'latency';
  /** What was measured, e.g. `download @16 Mbit/s tbf`. */
  readonly metric: string;
  readonly unit: 'Mbit/s' | 'ms';
  /** The value we compare against and how it was obtained. */
  readonly truth: number;
  readonly truthNote: string;
  /** Median of our repeats. */
  readonly measured: number;
  readonly measuredSamples: readonly number[];
  readonly errorPct: number;
  /**
   * Error against the nominal figure, shown but not judged. Bandwidth: the raw tbf rate (no goodput
   * can reach it: headers take 4.4 % of every frame). Latency: the network round trip alone (the
   * echo server's answer time, part of every application round trip, is not in it).
   */
  readonly nominal?: { readonly value: number; readonly errorPct: number };
  /** The peer's figure and error; `truth` when the peer is judged against a truth of its own (its own round trips). */
  readonly peer?: {
    readonly name: string;
    readonly value: number;
    readonly samples: readonly number[];
    readonly errorPct: number;
    readonly truth?: number;
  };
  readonly goal: string;
  readonly withinGoal: boolean;
  /** |our error| ≤ |peer error| + 1 percentage point; null without a peer. */
  readonly notWorseThanPeer: boolean | null;
}

/** What a bench measured for one row, before it is judged against the truth and the peer. */
export interface RowFigures {
  readonly section: AccuracyRow['section'];
  readonly metric: string;
  readonly unit: AccuracyRow['unit'];
  readonly truth: number;
  readonly truthNote: string;
  /** Our figure (already a statistic of `samples`) and the samples it came from. */
  readonly measured: number;
  readonly samples: readonly number[];
  /** `truth`: the peer's own truth when it differs from ours (latency: the wire time of its own round trips). */
  readonly peer: { readonly name: string; readonly value: number; readonly samples: readonly number[]; readonly truth?: number };
  /** The nominal figure for `nominal` (bandwidth: the raw tbf rate; latency: the network RTT). */
  readonly nominal?: number;
  readonly goal: string;
  /** Whether the goal is met, given our error in percent (the benches state goals differently). */
  readonly meetsGoal: (ourErrorPct: number) => boolean;
}

/** One AccuracyRow: our error and the peer's against the truth, samples rounded for the JSON file. */
export function accuracyRow(figures: RowFigures): AccuracyRow {
  const ourError = errorPct(figures.measured, figures.truth);
  const peerTruth = figures.peer.truth ?? figures.truth;
  const peerError = errorPct(figures.peer.value, peerTruth);
  return {
    section: figures.section,
    metric: figures.metric,
    unit: figures.unit,
    truth: figures.truth,
    truthNote: figures.truthNote,
    measured: figures.measured,
    measuredSamples: figures.samples.map((v) => round(v)),
    errorPct: ourError,
    ...(figures.nominal !== undefined
      ? { nominal: { value: figures.nominal, errorPct: errorPct(figures.measured, figures.nominal) } }
      : {}),
    peer: {
      name: figures.peer.name,
      value: figures.peer.value,
      samples: figures.peer.samples.map((v) => round(v)),
      errorPct: peerError,
      ...(figures.peer.truth !== undefined ? { truth: figures.peer.truth } : {}),
    },
    goal: figures.goal,
    withinGoal: figures.meetsGoal(ourError),
    notWorseThanPeer: notWorseThanPeer(ourError, peerError),
  };
}

/** Median of the finite values (NaN when there are none): a failed repeat does not skew it. */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** Signed error of `measured` against `truth` in percent, to 0.01. */
export function errorPct(measured: number, truth: number): number {
  return round(((measured - truth) / truth) * 100, 2);
}

/** `value` rounded to `decimals` places, as the JSON file and the table show it. */
export function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** The "never worse than the peer by more than 1 percentage point" rule. */
export function notWorseThanPeer(ourErrorPct: number, peerErrorPct: number | undefined): boolean | null {
  if (peerErrorPct === undefined || !Number.isFinite(peerErrorPct)) return null;
  return Math.abs(ourErrorPct) <= Math.abs(peerErrorPct) + 1;
}
