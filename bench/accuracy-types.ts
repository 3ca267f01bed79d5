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
  /** Bandwidth only: error against the raw tbf rate (includes the unavoidable header overhead). */
  readonly errorVsShapedPct?: number;
  readonly peer?: { readonly name: string; readonly value: number; readonly samples: readonly number[]; readonly errorPct: number };
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
  readonly peer: { readonly name: string; readonly value: number; readonly samples: readonly number[] };
  /** Bandwidth only: the raw tbf rate, for `errorVsShapedPct`. */
  readonly shapedRate?: number;
  readonly goal: string;
  /** Whether the goal is met, given our error in percent (the benches state goals differently). */
  readonly meetsGoal: (ourErrorPct: number) => boolean;
}

/** One AccuracyRow: our error and the peer's against the truth, samples rounded for the JSON file. */
export function accuracyRow(figures: RowFigures): AccuracyRow {
  const ourError = errorPct(figures.measured, figures.truth);
  const peerError = errorPct(figures.peer.value, figures.truth);
  return {
    section: figures.section,
    metric: figures.metric,
    unit: figures.unit,
    truth: figures.truth,
    truthNote: figures.truthNote,
    measured: figures.measured,
    measuredSamples: figures.samples.map((v) => round(v)),
    errorPct: ourError,
    ...(figures.shapedRate !== undefined ? { errorVsShapedPct: errorPct(figures.measured, figures.shapedRate) } : {}),
    peer: { name: figures.peer.name, value: figures.peer.value, samples: figures.peer.samples.map((v) => round(v)), errorPct: peerError },
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
