/**
 * Finding and killing the processes of one browser launch. Every launch gets a unique marker: a
 * switch on the browser's command line (Chromium passes it to its children) and the same id in an
 * environment variable (Firefox's content, socket and crash-helper processes have command lines of
 * their own but inherit the environment), so a browser that will not close can be killed whole.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Prefix of the unique switch every launch puts on the browser's command line (Chromium and
 * Firefox ignore switches they do not know), so the processes of one launch can be found and killed.
 */
export const MARKER_PREFIX = '--autocrm-synthetics-run=';
/** The environment variable that carries the same id into every process of the launch. */
export const MARKER_ENV = 'AUTOCRM_SYNTHETICS_RUN';

/** A fresh marker: `--autocrm-synthetics-run=<uuid>`. */
export function newMarker(): string {
  return `${MARKER_PREFIX}${randomUUID()}`;
}

/** The environment entry (`AUTOCRM_SYNTHETICS_RUN=<uuid>`) that belongs to `marker`. */
export function markerEnvironment(marker: string): { readonly [MARKER_ENV]: string } {
  return { [MARKER_ENV]: marker.slice(MARKER_PREFIX.length) };
}

/** Whether process `pid` is alive and carries `marker` (a zombie has neither command line nor environment left). */
function carriesMarker(pid: string, marker: string, envEntry: string): boolean {
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) return true;
    return `\0${readFileSync(`/proc/${pid}/environ`, 'utf8')}`.includes(envEntry);
  } catch {
    return false; // the process ended while we looked, or belongs to another user
  }
}

const environmentEntry = (marker: string): string => `\0${MARKER_ENV}=${marker.slice(MARKER_PREFIX.length)}\0`;

/** PIDs of live processes that carry `marker` on their command line or in their environment (Linux /proc; empty elsewhere). */
export function findProcessesWithMarker(marker: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const envEntry = environmentEntry(marker);
  return entries.filter((entry) => /^\d+$/.test(entry) && carriesMarker(entry, marker, envEntry)).map(Number);
}

/** SIGKILL to every process that carries `marker`; returns their PIDs (they may still be exiting). */
export function killProcessesWithMarker(marker: string): number[] {
  const pids = findProcessesWithMarker(marker);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids;
}

/**
 * How often killed processes are looked at while they exit. A look reads two small /proc files per
 * process still there, not the whole process table, so it can be short: the wait ends within a few
 * ms of the exit instead of on a coarse poll.
 */
const KILL_POLL_MS = 5;

/**
 * Resolves once none of `pids` (by default: every process now carrying `marker`) is alive and still
 * carries `marker`, or after `timeoutMs`: close() returns with the browser really gone. A SIGKILLed
 * process cannot start another, so watching the killed ones is enough.
 */
export async function waitUntilGone(marker: string, timeoutMs: number, pids?: readonly number[]): Promise<void> {
  const endsAt = Date.now() + timeoutMs;
  const envEntry = environmentEntry(marker);
  let left = pids ?? findProcessesWithMarker(marker);
  for (;;) {
    left = left.filter((pid) => carriesMarker(String(pid), marker, envEntry));
    if (left.length === 0 || Date.now() >= endsAt) return;
    await new Promise((resolve) => setTimeout(resolve, KILL_POLL_MS));
  }
}
