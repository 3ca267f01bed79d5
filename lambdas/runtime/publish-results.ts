import type { Logger } from '@aws-lambda-powertools/logger';
import { toEmfLines } from '../core/emf';
import { countSamples, toMetricDatums, type MetricDatum } from '../core/metrics';
import type { PublishOutcome } from '../core/types';
import { createPublisher } from '../publish';
import type { RuntimeEnv } from './env';
import type { LambdaProbeResult } from './probe-targets';
import { settleWithin } from './round-deadline';

/** Kept back from the publisher's deadline for this module's own last-resort EMF write. */
const OWN_FALLBACK_MS = 300;

/** The sink the handler needs: the publish helper's publisher (CloudWatch with EMF fallback, or EMF). */
export interface ResultPublisher {
  publish(datums: readonly MetricDatum[]): Promise<PublishOutcome>;
}

/** `deadlineMs`: what the whole publish call may take, retries and EMF fallback included. */
export type PublisherFactory = (env: RuntimeEnv, deadlineMs: number) => ResultPublisher;

/** One PutMetricData request may take this long before the publisher retries or falls back to EMF. */
const REQUEST_TIMEOUT_MS = 5_000;
/** Publisher deadlines are rounded to this step so a container reuses one publisher per timeout. */
const DEADLINE_STEP_MS = 500;
const publishers = new Map<string, ResultPublisher>();

/**
 * One publisher per container, sink and deadline (its SDK client keeps the TLS connection to the home
 * region warm across rounds; a function's timeout, and so the deadline, is the same every time).
 */
export const defaultPublisherFactory: PublisherFactory = (env, deadlineMs) => {
  const stepped = Math.max(DEADLINE_STEP_MS, Math.floor(deadlineMs / DEADLINE_STEP_MS) * DEADLINE_STEP_MS);
  const key = `${env.metricsSink}|${env.homeRegion ?? ''}|${env.namespace}|${stepped}`;
  let publisher = publishers.get(key);
  if (!publisher) {
    publisher =
      env.metricsSink === 'emf'
        ? createPublisher({ kind: 'emf', namespace: env.namespace })
        : createPublisher({
            kind: 'cloudwatch',
            region: env.homeRegion,
            namespace: env.namespace,
            deadlineMs: stepped,
            requestTimeoutMs: Math.min(REQUEST_TIMEOUT_MS, stepped),
          });
    publishers.set(key, publisher);
  }
  return publisher;
};

export interface PublishResultsOptions {
  readonly env: RuntimeEnv;
  readonly factory: PublisherFactory;
  readonly logger: Logger;
  /** Upper bound for all results together, EMF fallback included. */
  readonly budgetMs: number;
}

/**
 * Publishes each result's datums and records the outcome on the result. The publisher falls back to
 * EMF itself; should it not even settle within the publish reserve, the datums are written as EMF
 * here, so no datapoint is lost and the handler still returns before Lambda's timeout.
 */
export async function publishResults(results: readonly LambdaProbeResult[], options: PublishResultsOptions): Promise<LambdaProbeResult[]> {
  let datumsPerResult: MetricDatum[][] = [];
  let all: MetricDatum[] = [];
  let outcome: PublishOutcome;
  try {
    datumsPerResult = results.map((result) => toMetricDatums(result));
    all = datumsPerResult.flat();
    const publisher = options.factory(options.env, options.budgetMs - OWN_FALLBACK_MS);
    // A late answer from CloudWatch after this may count the datums twice: better than losing them.
    outcome = await settleWithin(publisher.publish(all), options.budgetMs, () =>
      writeEmf(all, options.env, 'the publisher did not finish within the publish reserve'),
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    outcome =
      all.length > 0 || results.length === 0
        ? writeEmf(all, options.env, reason)
        : { sink: options.env.metricsSink, ok: false, datums: 0, error: `no datums: ${reason}` };
  }
  if (!outcome.ok && outcome.fallback)
    options.logger.warn('metrics sent through the EMF fallback', { outcome, samples: countSamples(all) });
  else if (!outcome.ok) options.logger.error('metrics not delivered', { outcome, samples: countSamples(all) });
  // One request carries every result's datums; each result reports its own count.
  const { sink, ok, fallback, error } = outcome;
  return results.map((result, index) => ({
    ...result,
    publish: { sink, ok, datums: datumsPerResult[index]?.length ?? 0, ...(fallback ? { fallback } : {}), ...(error ? { error } : {}) },
  }));
}

/** Last resort: EMF lines on stdout become metrics through CloudWatch Logs without an API call. */
function writeEmf(datums: readonly MetricDatum[], env: RuntimeEnv, reason: string): PublishOutcome {
  for (const line of toEmfLines(datums, { namespace: env.namespace })) process.stdout.write(`${line}\n`);
  // ok is about the primary sink (as the publisher reports it); `fallback` says where the datums went.
  return { sink: env.metricsSink, ok: false, datums: datums.length, fallback: 'emf', error: reason };
}
