/** Shared helpers of the handler tests: process scans, stdout capture, small event builders. */
import { connect } from 'node:net';
import { referenceTargetConfig } from '../../lambdas/core/config';

export { chromiumDescendants } from '../robustness/processes';

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

/**
 * Ports below the kernel's ephemeral range (where every test server's port 0 lands), so no server
 * of a test running beside this one can be given them; none is on Chromium's or Firefox's list of
 * ports they refuse to connect to.
 */
const CLOSED_PORT_CANDIDATES = [1021, 1018, 1015, 1012, 1009, 1006] as const;

/** Whether a TCP connection to 127.0.0.1:`port` is refused (nobody listens), within a second. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (value: boolean): void => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(false));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}

/**
 * A loopback port nobody listens on. Not a port just freed from port 0: a test server started beside
 * this test may be given that very port a moment later, and the "dead" origin then answers.
 */
export async function closedPort(): Promise<number> {
  for (const port of CLOSED_PORT_CANDIDATES) {
    if (await refused(port)) return port;
  }
  throw new Error(`every candidate port has a listener: ${CLOSED_PORT_CANDIDATES.join(', ')}`);
}

/** An origin on 127.0.0.1 that nobody listens on. */
export async function deadOrigin(): Promise<string> {
  return `http://127.0.0.1:${await closedPort()}`;
}
