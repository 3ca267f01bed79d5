/**
 * Peak resident memory of a process tree (Node plus its Chromium), sampled from /proc. Lambda bills
 * by configured memory, but the peak says which memory size the round fits in.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Often enough to catch Chromium's peak during page load, rarely enough to cost nothing measurable. */
export const SAMPLE_INTERVAL_MS = 100;
const PAGE_BYTES = 4096;

interface ProcStat {
  readonly ppid: number;
  readonly rssBytes: number;
}

function readStat(pid: string): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state ppid … ; rss (pages) is field 24 overall, index 21 after the comm.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), rssBytes: Number(fields[21]) * PAGE_BYTES };
  } catch {
    return undefined;
  }
}

/** RSS of `root` and all its descendants, in bytes. */
export function treeRssBytes(root: number = process.pid): number {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat) stats.set(Number(entry), stat);
  }
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  let total = 0;
  const queue = [root];
  for (let guard = 0; queue.length > 0 && guard < 10_000; guard++) {
    const pid = queue.pop() as number;
    total += stats.get(pid)?.rssBytes ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples the tree's RSS until stopped; `stop()` returns the peak in MB. */
export function startPeakSampler(root: number = process.pid): { stop(): number } {
  let peak = treeRssBytes(root);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssBytes(root));
  }, SAMPLE_INTERVAL_MS);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, treeRssBytes(root));
      return Math.round(peak / 1024 / 1024);
    },
  };
}
