/**
 * Memory of one browser launch: the sum over every process carrying its launch marker (Chromium's
 * one process with `--single-process`; Firefox's parent, content, socket and helper processes). PSS
 * (proportional set size) counts a page shared by n processes 1/n in each, so the sum is what the
 * browser really occupies; RSS counts shared pages in every process that maps them.
 */
import { readFileSync } from 'node:fs';
import { findProcessesWithMarker } from '../lambdas/probe/browser';

/** Often enough to see a round's peak (page load, bandwidth buffers), rarely enough not to slow it. */
const SAMPLE_INTERVAL_MS = 200;

export interface BrowserMemory {
  readonly processes: number;
  readonly pssMb: number;
  readonly rssMb: number;
}

function kbField(text: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
}

/** PSS and RSS summed over the marker's processes now (0 when none are alive). */
export function browserMemory(marker: string): BrowserMemory {
  let pssKb = 0;
  let rssKb = 0;
  const pids = findProcessesWithMarker(marker);
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      pssKb += kbField(rollup, 'Pss');
      rssKb += kbField(rollup, 'Rss');
    } catch {
      // the process ended while we looked
    }
  }
  return { processes: pids.length, pssMb: Math.round(pssKb / 1024), rssMb: Math.round(rssKb / 1024) };
}

/** Samples the browsers whose markers `markers()` names until stopped; the peak of each figure. */
export function startBrowserMemorySampler(markers: () => readonly string[]): { stop(): BrowserMemory } {
  let peak: BrowserMemory = { processes: 0, pssMb: 0, rssMb: 0 };
  const sample = (): void => {
    const now = markers().map(browserMemory);
    const sum = (key: keyof BrowserMemory): number => now.reduce((total, m) => total + m[key], 0);
    peak = {
      processes: Math.max(peak.processes, sum('processes')),
      pssMb: Math.max(peak.pssMb, sum('pssMb')),
      rssMb: Math.max(peak.rssMb, sum('rssMb')),
    };
  };
  const timer = setInterval(sample, SAMPLE_INTERVAL_MS);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
