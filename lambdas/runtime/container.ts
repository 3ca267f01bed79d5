/**
 * The Lambda container's life across invocations: whether this is its first round (cold start), and
 * the leftovers earlier invocations may have left in /tmp.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Lambda keeps /tmp (512 MB by default) across invocations of one container. Playwright leaves a
 * `playwright_*` profile folder behind when a browser is killed, and a crashing Chromium can leave
 * `core.<pid>` dumps; a few of those fill /tmp and the next extraction of Chromium fails.
 */
const SWEEP_PATTERN = /^(playwright_.+|core\.\d+)$/;
/** Bound on entries removed per sweep, so a flooded /tmp never eats the round's time. */
export const MAX_SWEEP_ENTRIES = 200;
/** Bound on the time one sweep may take. */
export const SWEEP_BUDGET_MS = 1_500;
/**
 * Entries younger than this are left alone: Playwright creates the profile folder a moment before it
 * starts Chromium, so a brand-new folder may belong to a browser that is starting right now (locally,
 * where other processes share /tmp; in Lambda nothing else runs).
 */
export const SWEEP_MIN_AGE_MS = 15_000;

export interface SweepOptions {
  /** @default os.tmpdir() (Lambda: /tmp) */
  readonly dir?: string;
  readonly now?: () => number;
}

export interface SweepReport {
  readonly removed: readonly string[];
  /** Entries kept because a live process uses them or they are too young. */
  readonly kept: number;
  /** The sweep stopped at MAX_SWEEP_ENTRIES or SWEEP_BUDGET_MS. */
  readonly truncated: boolean;
}

/**
 * Removes leftover Playwright profiles and core dumps from `dir`. Never removes an entry that a live
 * process names on its command line (the profile of a running browser) and never throws.
 */
export function sweepTmp(options: SweepOptions = {}): SweepReport {
  const dir = options.dir ?? tmpdir();
  const now = options.now ?? Date.now;
  const startedAt = now();
  let candidates: string[];
  try {
    candidates = readdirSync(dir).filter((name) => SWEEP_PATTERN.test(name));
  } catch {
    return { removed: [], kept: 0, truncated: false };
  }
  const inUse = candidates.length > 0 ? liveCommandLines() : '';
  const removed: string[] = [];
  let kept = 0;
  for (const name of candidates) {
    if (removed.length >= MAX_SWEEP_ENTRIES || now() - startedAt > SWEEP_BUDGET_MS) {
      return { removed, kept, truncated: true };
    }
    const path = join(dir, name);
    if (inUse.includes(path) || isYoungerThan(path, SWEEP_MIN_AGE_MS, now())) {
      kept += 1;
      continue;
    }
    try {
      rmSync(path, { recursive: true, force: true, maxRetries: 0 });
      removed.push(path);
    } catch {
      kept += 1;
    }
  }
  return { removed, kept, truncated: false };
}

function isYoungerThan(path: string, ageMs: number, nowMs: number): boolean {
  try {
    return nowMs - statSync(path).mtimeMs < ageMs;
  } catch {
    return true;
  }
}

/** Every live process's command line joined, to test whether a path is in use (Linux /proc). */
function liveCommandLines(): string {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return '';
  }
  const lines: string[] = [];
  for (const pid of pids) {
    try {
      lines.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
    } catch {
      // the process ended while we looked
    }
  }
  return lines.join('\n');
}

/**
 * Cold start detection. Module state lives as long as the Lambda container (the execution
 * environment), so the first call in a fresh container sees `true` and every later call `false`.
 * The first round pays for extracting Chromium to /tmp (~1.5 s); flagging it keeps that cost out of
 * the latency figures (the `ColdStart` metric).
 */
let fresh = true;

/** True exactly once per container: on the first call. */
export function takeColdStart(): boolean {
  const wasFresh = fresh;
  fresh = false;
  return wasFresh;
}
