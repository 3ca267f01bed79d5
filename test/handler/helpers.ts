/** Shared helpers of the handler tests: process scans, stdout capture, small event builders. */
import { readdirSync, readFileSync } from 'node:fs';
import { referenceTargetConfig } from '../../lambdas/core/config';

/** Marker `launchBrowser` puts on every Chromium it starts (lambdas/probe/browser.ts). */
const CHROMIUM_MARKER = '--autocrm-synthetics-run=';

function parentOf(pid: number): number | undefined {
  try {
    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Live Chromium processes started by this process (any depth below `ancestor`). */
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
    if (!cmdline.includes(CHROMIUM_MARKER)) continue;
    let pid: number | undefined = Number(entry);
    for (let depth = 0; depth < 20 && pid !== undefined && pid > 1; depth++) {
      pid = parentOf(pid);
      if (pid === ancestor) {
        found.push(Number(entry));
        break;
      }
    }
  }
  return found;
}

/** Collects everything written to stdout/stderr while `act` runs (Powertools Logger and EMF write there). */
export async function captureOutput<T>(act: () => Promise<T>): Promise<{ value: T; output: string }> {
  const chunks: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write };
  const collect = (chunk: unknown): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  process.stdout.write = collect as typeof process.stdout.write;
  process.stderr.write = collect as typeof process.stderr.write;
  try {
    const value = await act();
    return { value, output: chunks.join('') };
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
  }
}

/** JSON log lines of `output` that are Powertools log items (not EMF). */
export function logItems(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{') && !line.includes('"_aws"'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/**
 * The reference target's config, made economical for tests: few samples and a short bandwidth
 * budget, so a round lasts a few seconds on a shared two-core machine.
 */
export function quickTarget(origin: string, name = 'reference'): Record<string, unknown> {
  const full = referenceTargetConfig(origin, name);
  return {
    ...full,
    websocket: full.websocket && { ...full.websocket, messages: 5, intervalMs: 20 },
    http: full.http && { ...full.http, samples: 3 },
    bandwidth: full.bandwidth && { ...full.bandwidth, maxBytes: 2_000_000, budgetMs: 1_500 },
  };
}

/** An origin on 127.0.0.1 that nobody listens on (a port just freed). */
export async function deadOrigin(): Promise<string> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}
