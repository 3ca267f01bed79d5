import { readdirSync, readFileSync } from 'node:fs';
import { MARKER_ENV } from '../../lambdas/probe/browser';

function parentOf(pid: number): number | undefined {
  try {
    // "pid (comm) state ppid …": comm may hold spaces, so split after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Whether `pid` descends from `ancestor` (at most 20 generations up). */
export function isBelow(pid: number, ancestor: number): boolean {
  let current: number | undefined = pid;
  for (let depth = 0; depth < 20 && current !== undefined && current > 1; depth++) {
    current = parentOf(current);
    if (current === ancestor) return true;
  }
  return false;
}

/**
 * Live processes of any browser this test process launched (Chromium or Firefox, at any depth):
 * every launch puts its marker id into the environment of all its processes.
 */
export function browserDescendants(ancestor: number = process.pid): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = `\0${readFileSync(`/proc/${entry}/environ`, 'utf8')}`;
      if (environ.includes(`\0${MARKER_ENV}=`) && isBelow(Number(entry), ancestor)) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
