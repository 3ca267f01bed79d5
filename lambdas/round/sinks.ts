/**
 * The sinks a round publishes through. The datums, their delivery and the EMF last resort are the
 * same everywhere (lambdas/publish/results.ts); the sinks differ only in when they publish.
 */
import { publishResults, type PublishResultsOptions } from '../publish/results';
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
