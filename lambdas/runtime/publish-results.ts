/**
 * The handler's publisher: CloudWatch to the home region (EMF fallback) or EMF lines, one per container
 * and deadline. Publishing itself is lambdas/round/sinks.ts, through the rounds' buffered sink.
 */
import { createPublisher } from '../publish';
// With the handler, in the init phase: the CloudWatch sink loads its SDK client on first use (so the
// CLI's runs without --publish never load it), and in Lambda that use would be the first round.
import '../publish/cloudwatch';
import type { ResultPublisher } from '../round/sinks';
import type { RuntimeEnv } from './env';

export type { ResultPublisher } from '../round/sinks';

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
