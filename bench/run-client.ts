import { BENCH_NICE, runCommand, TSX } from './children';
import { inNamespace } from './netns';
import type { ClientPlan } from './client';

/** Outer bound of one browser client run (launch + measurements). */
const CLIENT_TIMEOUT_MS = 120_000;

export interface ClientOutput {
  readonly ok: boolean;
  readonly version?: string;
  readonly outcomes: readonly unknown[];
  readonly error?: string;
}

/** Runs bench/client.ts (Chromium + the monitor's measurements) inside namespace `ns`. */
export function runClient(ns: string, plan: ClientPlan): ClientOutput {
  const stdout = runCommand(
    'ip',
    inNamespace(ns, BENCH_NICE[0], [...BENCH_NICE.slice(1), TSX, 'bench/client.ts', JSON.stringify(plan)]),
    CLIENT_TIMEOUT_MS,
  );
  const last = stdout.trim().split('\n').pop() ?? '{}';
  const output = JSON.parse(last) as ClientOutput;
  if (!output.ok) throw new Error(`bench client failed: ${output.error ?? 'no output'}`);
  return output;
}
