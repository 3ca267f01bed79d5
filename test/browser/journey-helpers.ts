import { readdirSync, readFileSync } from 'node:fs';
import { MARKER_PREFIX } from '../../lambdas/probe/browser';

/**
 * PIDs of Chromium processes started by THIS test process that are still alive (zombies excluded).
 * Only direct children count: other test files run their own browsers in parallel.
 */
export function chromiumChildren(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const zombie = /^State:\s+Z/m.test(status);
      if (ppid !== process.pid || zombie) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(MARKER_PREFIX)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
