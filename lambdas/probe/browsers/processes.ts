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

/** PIDs of live processes that carry `marker` on their command line or in their environment (Linux /proc; empty elsewhere). */
export function findProcessesWithMarker(marker: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const envEntry = `\0${MARKER_ENV}=${marker.slice(MARKER_PREFIX.length)}\0`;
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
      else if (`\0${readFileSync(`/proc/${entry}/environ`, 'utf8')}`.includes(envEntry)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked, or belongs to another user
    }
  }
  return pids;
}

/** Last resort after a close that did not finish: no browser process may outlive its round. */
export function killProcessesWithMarker(marker: string): void {
  for (const pid of findProcessesWithMarker(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

const KILL_POLL_MS = 50;

/** Resolves once no live process carries `marker`, or after `timeoutMs`: close() returns with the browser really gone. */
export async function waitUntilGone(marker: string, timeoutMs: number): Promise<void> {
  const endsAt = Date.now() + timeoutMs;
  while (findProcessesWithMarker(marker).length > 0 && Date.now() < endsAt) {
    await new Promise((resolve) => setTimeout(resolve, KILL_POLL_MS));
  }
}
