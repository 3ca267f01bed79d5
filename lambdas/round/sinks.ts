/**
 * The sinks a round publishes through, and what they all publish with: rounds' results, their datums
 * in one publish call, the outcome recorded on each result. The publisher falls back to EMF itself;
 * should it not even settle within the budget, the datums are written as EMF lines here, so no
 * datapoint is lost and the caller still finishes in time. The sinks differ only in when they publish.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { settleWithin } from '../core/deadline';
import { toEmfLines } from '../core/emf';
import { countSamples, toMetricDatums, type MetricDatum } from '../core/metrics';
import type { ProbeResult, PublishOutcome } from '../core/types';
import type { LineWriter } from '../publish/types';
import type { RoundResult, RoundSink } from './ports';

/** Publishes nothing and leaves the result as it is (the smoke gate, `run --publish none`). */
export const NO_SINK: RoundSink = { publish: async (result) => result };

/** Publishes each round's datums as soon as the round ends (the CLI's `run --publish …`). */
export function immediateSink(options: PublishResultsOptions): RoundSink {
  return { publish: async (result) => (await publishResults([result], options))[0] ?? result };
}

/**
 * Keeps every result until `flush`: one publish call at the end of a Lambda invocation, within the
 * time its plan reserves for publishing after the rounds (the way Powertools Metrics stores metrics
 * and publishes them when the handler ends). `publish` resolves with the result as it came.
 */
export interface BufferedSink extends RoundSink {
  /** Every result handed over so far, in order, each with its publish outcome; empties the buffer. */
  flush(options: PublishResultsOptions): Promise<RoundResult[]>;
}

/** A {@link BufferedSink} for one invocation. */
export function bufferedSink(): BufferedSink {
  let pending: RoundResult[] = [];
  return {
    publish: async (result) => {
      pending.push(result);
      return result;
    },
    flush: async (options) => {
      const results = pending;
      pending = [];
      return publishResults(results, options);
    },
  };
}

/** Kept back from the publisher's deadline for this module's own last-resort EMF write. */
const OWN_FALLBACK_MS = 300;

/** What publishing needs of a sink (a `Publisher` of this folder fits). */
export interface ResultPublisher {
  publish(datums: readonly MetricDatum[]): Promise<PublishOutcome>;
}

/** Where warnings about delivery go: Powertools Logger in Lambda, stderr on the command line. */
export type PublishLogger = Pick<Logger, 'warn' | 'error'>;

export interface PublishResultsOptions {
  /** The publisher for a call that may take `deadlineMs`, retries and its own EMF fallback included. */
  readonly publisher: (deadlineMs: number) => ResultPublisher;
  /** CloudWatch namespace of the last-resort EMF lines. */
  readonly namespace: string;
  /** The sink named on the outcome when publishing broke before the publisher answered. */
  readonly sink: PublishOutcome['sink'];
  readonly logger: PublishLogger;
  /** Upper bound for the whole call, EMF fallback included. */
  readonly budgetMs: number;
  /** Receives the last-resort EMF lines. @default stdout */
  readonly write?: LineWriter;
}

/** Publishes every result's datums in one call and returns the results with their `publish` outcome. */
export async function publishResults<T extends ProbeResult>(results: readonly T[], options: PublishResultsOptions): Promise<T[]> {
  let datumsPerResult: MetricDatum[][] = [];
  let all: MetricDatum[] = [];
  let outcome: PublishOutcome;
  try {
    datumsPerResult = results.map((result) => toMetricDatums(result));
    all = datumsPerResult.flat();
    const publisher = options.publisher(options.budgetMs - OWN_FALLBACK_MS);
    // A late answer from CloudWatch after this may count the datums twice: better than losing them.
    outcome = await settleWithin(publisher.publish(all), options.budgetMs, () =>
      writeEmf(all, options, 'the publisher did not finish within the publish reserve'),
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    outcome =
      all.length > 0 || results.length === 0
        ? writeEmf(all, options, reason)
        : { sink: options.sink, ok: false, datums: 0, error: `no datums: ${reason}` };
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
function writeEmf(datums: readonly MetricDatum[], options: PublishResultsOptions, reason: string): PublishOutcome {
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  for (const line of toEmfLines(datums, { namespace: options.namespace })) write(line);
  // ok is about the primary sink (as the publisher reports it); `fallback` says where the datums went.
  return { sink: options.sink, ok: false, datums: datums.length, fallback: 'emf', error: reason };
}
