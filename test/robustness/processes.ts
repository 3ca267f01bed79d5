/** Process facts from /proc: Chromium processes this test started, and their memory. */
import { readdirSync, readFileSync } from 'node:fs';
import { MARKER_PREFIX } from '../../lambdas/probe/browser';
import { isBelow } from '../browser/browser-processes';

/** Marker `launchBrowser` puts on every Chromium it starts. */
const CHROMIUM_MARKER = MARKER_PREFIX;

/** Live Chromium processes (carrying the launch marker) below this process, at any depth. */
export function chromiumDescendants(ancestor: number = process.pid): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes(CHROMIUM_MARKER) && isBelow(Number(entry), ancestor)) found.push(Number(entry));
  }
  return found;
}

/** Resident memory of `pid` in bytes (0 when it is gone). */
export function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Peak memory seen while sampling: this Node process, and its Chromium processes summed. */
export interface MemoryPeaks {
  readonly nodeRssBytes: number;
  readonly chromiumRssBytes: number;
}

/**
 * Samples RSS every `intervalMs` until `stop()`: a rough peak (a spike between samples is missed),
 * enough to tell a bounded round from one that holds a gigabyte.
 */
export function sampleMemory(intervalMs = 250): { stop(): MemoryPeaks } {
  let nodeRssBytes = process.memoryUsage().rss;
  let chromiumRssBytes = 0;
  const sample = (): void => {
    nodeRssBytes = Math.max(nodeRssBytes, process.memoryUsage().rss);
    chromiumRssBytes = Math.max(
      chromiumRssBytes,
      chromiumDescendants().reduce((sum, pid) => sum + rssBytes(pid), 0),
    );
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { nodeRssBytes, chromiumRssBytes };
    },
  };
}
