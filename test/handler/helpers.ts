/** Shared helpers of the handler tests: process scans, stdout capture, small event builders. */
import { createServer } from 'node:net';
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

/** A loopback port that was free a moment ago and has nobody listening now (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** An origin on 127.0.0.1 that nobody listens on (a port just freed). */
export async function deadOrigin(): Promise<string> {
  return `http://127.0.0.1:${await closedPort()}`;
}
