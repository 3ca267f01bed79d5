/**
 * Metric sinks. `createPublisher({ kind, namespace, region })` → `{ publish(datums) }`:
 * `none` (count only), `emf` (EMF lines on stdout), `cloudwatch` (PutMetricData to the home region,
 * EMF fallback for whatever fails). See docs/metrics.md.
 */
import { toEmfLines } from '../core/emf';
import { sanitizeDatums } from '../core/metrics';
import type { LineWriter, Publisher, PublisherOptions, PublishReport } from './types';

export { PublishConfigError, NO_CREDENTIALS_MESSAGE, NO_REGION_MESSAGE } from './errors';
export { writeLocalMetrics, LOCAL_METRICS_FILE } from './local';
export { PUBLISHER_KINDS } from './types';
export type { LineWriter, Publisher, PublisherKind, PublisherOptions, PublishReport } from './types';

/** Writes one line to stdout directly, not through console.log, so the line is exactly one JSON document (no runtime prefix). */
export const stdoutWriter: LineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

/** The sink of `options.kind`; EMF lines (the `emf` sink and the CloudWatch fallback) go to `options.write`, stdout by default. */
export function createPublisher(options: PublisherOptions): Publisher {
  const write = options.write ?? stdoutWriter;
  switch (options.kind) {
    case 'cloudwatch':
      return lazyCloudWatchPublisher({ ...options, write });
    case 'emf':
      return {
        kind: 'emf',
        publish: async (datums) => {
          const safe = sanitizeDatums(datums);
          for (const line of toEmfLines(safe, { namespace: options.namespace })) write(line);
          return report('emf', safe.length);
        },
        preflight: async () => undefined,
        close: () => undefined,
      };
    case 'none':
      return {
        kind: 'none',
        publish: async (datums) => report('none', sanitizeDatums(datums).length),
        preflight: async () => undefined,
        close: () => undefined,
      };
  }
}

/**
 * The CloudWatch sink with its SDK client loaded on first use: a run that publishes nowhere (the
 * CLI's default) never loads the AWS SDK, which costs a few hundred ms of CPU at start.
 */
function lazyCloudWatchPublisher(options: PublisherOptions & { write: LineWriter }): Publisher {
  let sink: Promise<Publisher> | undefined;
  const load = (): Promise<Publisher> => (sink ??= import('./cloudwatch').then((module) => module.createCloudWatchPublisher(options)));
  return {
    kind: 'cloudwatch',
    publish: async (datums) => (await load()).publish(datums),
    preflight: async () => (await load()).preflight(),
    close: () => void sink?.then((loaded) => loaded.close()),
  };
}

function report(sink: 'none' | 'emf', datums: number): PublishReport {
  return { sink, ok: true, datums, requests: 0, failedRequests: 0, sentDatums: sink === 'none' ? 0 : datums, fallbackDatums: 0 };
}
