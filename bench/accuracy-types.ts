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

export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

export function errorPct(measured: number, truth: number): number {
  return round(((measured - truth) / truth) * 100, 2);
}

export function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** The "never worse than the peer by more than 1 percentage point" rule. */
export function notWorseThanPeer(ourErrorPct: number, peerErrorPct: number | undefined): boolean | null {
  if (peerErrorPct === undefined || !Number.isFinite(peerErrorPct)) return null;
  return Math.abs(ourErrorPct) <= Math.abs(peerErrorPct) + 1;
}
