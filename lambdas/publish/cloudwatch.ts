/**
 * The CloudWatch sink: PutMetricData to the home region, split by the API limits, a bounded number of
 * requests in flight, retries by the SDK's own strategy, every attempt and the whole call bounded in
 * time. Whatever still fails is written as EMF lines, so no datapoint is lost silently.
 */
import { CloudWatchClient, PutMetricDataCommand, type MetricDatum as SdkMetricDatum } from '@aws-sdk/client-cloudwatch';
import { toEmfLines } from '../core/emf';
import { sanitizeDatums, type MetricDatum } from '../core/metrics';
import { mapBounded, splitIntoBatches } from './batches';
import { configProblem, describePublishError, PublishConfigError } from './errors';
import type { LineWriter, PublisherOptions, Publisher, PublishReport } from './types';

/** Three attempts: one retry on a blip, a second on a longer one, still inside a short publish budget. */
export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_CONNECTION_TIMEOUT_MS = 2_000;
/** PutMetricData answers in well under a second; 5 s means the endpoint is hanging. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
/** Fits 3 attempts × 5 s plus backoff; the Lambda handler passes less when its deadline is closer. */
export const DEFAULT_PUBLISH_DEADLINE_MS = 20_000;
/** Enough to finish a large account's batch quickly without tripping PutMetricData's TPS quota. */
export const DEFAULT_CONCURRENCY = 4;

export function createCloudWatchPublisher(options: PublisherOptions & { write: LineWriter }): Publisher {
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? DEFAULT_PUBLISH_DEADLINE_MS;
  const client = createClient(options, requestTimeoutMs);

  const sendBatch = async (batch: readonly MetricDatum[], signal: AbortSignal): Promise<unknown> => {
    try {
      await client.send(new PutMetricDataCommand({ Namespace: options.namespace, MetricData: batch.map(toSdkDatum) }), {
        abortSignal: signal,
      });
      return undefined;
    } catch (error) {
      return error ?? new Error('unknown PutMetricData failure');
    }
  };

  return {
    kind: 'cloudwatch',
    async publish(datums) {
      const safe = sanitizeDatums(datums);
      const batches = splitIntoBatches(safe);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), deadlineMs);
      let errors: unknown[];
      try {
        errors = await mapBounded(batches, options.concurrency ?? DEFAULT_CONCURRENCY, (batch) => sendBatch(batch, controller.signal));
      } finally {
        clearTimeout(timer);
      }
      const failed = batches.filter((_, index) => errors[index] !== undefined);
      const firstError = errors.find((error) => error !== undefined);
      return fallBack({
        sentDatums: safe.length - failed.flat().length,
        failedBatches: failed,
        requests: batches.length,
        error: firstError === undefined ? undefined : describePublishError(firstError, { deadlineMs, requestTimeoutMs }),
        options,
      });
    },
    async preflight() {
      try {
        await client.config.region();
        await client.config.credentials();
      } catch (error) {
        throw new PublishConfigError(configProblem(error) ?? describePublishError(error, { deadlineMs, requestTimeoutMs }));
      }
    },
    close: () => client.destroy(),
  };
}

/** The SDK client: home region (or the SDK's region chain), the SDK's retry strategy, bounded attempts. */
function createClient(options: PublisherOptions, requestTimeoutMs: number): CloudWatchClient {
  return new CloudWatchClient({
    ...(options.region ? { region: options.region } : {}),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: options.retryMode ?? 'standard',
    ...(options.retryStrategy ? { retryStrategy: options.retryStrategy } : {}),
    // Without throwOnRequestTimeout the SDK's HTTP handler only logs a warning: a hanging endpoint would hang us.
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      requestTimeout: requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  });
}

interface FallbackInput {
  readonly sentDatums: number;
  readonly failedBatches: readonly (readonly MetricDatum[])[];
  readonly requests: number;
  readonly error: string | undefined;
  readonly options: PublisherOptions & { write: LineWriter };
}

/** Writes the failed batches as EMF lines and reports what went where. */
function fallBack(input: FallbackInput): PublishReport {
  const failedDatums = input.failedBatches.flat();
  const base = { sink: 'cloudwatch' as const, datums: input.sentDatums + failedDatums.length, requests: input.requests };
  if (failedDatums.length === 0) {
    return { ...base, ok: true, failedRequests: 0, sentDatums: input.sentDatums, fallbackDatums: 0 };
  }
  const summary = `${input.failedBatches.length} of ${input.requests} PutMetricData request(s) failed`;
  try {
    for (const line of toEmfLines(failedDatums, { namespace: input.options.namespace })) input.options.write(line);
  } catch (writeError) {
    const reason = writeError instanceof Error ? writeError.message : String(writeError);
    return {
      ...base,
      ok: false,
      failedRequests: input.failedBatches.length,
      sentDatums: input.sentDatums,
      fallbackDatums: 0,
      error: `${summary} and the EMF fallback failed too (${reason}): ${failedDatums.length} datum(s) lost; ${input.error}`,
    };
  }
  return {
    ...base,
    ok: false,
    fallback: 'emf',
    failedRequests: input.failedBatches.length,
    sentDatums: input.sentDatums,
    fallbackDatums: failedDatums.length,
    error: `${summary}; ${failedDatums.length} datum(s) written as EMF instead: ${input.error}`,
  };
}

function toSdkDatum(datum: MetricDatum): SdkMetricDatum {
  return {
    MetricName: datum.MetricName,
    Dimensions: datum.Dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
    Unit: datum.Unit,
    ...(datum.Value === undefined ? {} : { Value: datum.Value }),
    ...(datum.Values === undefined ? {} : { Values: [...datum.Values] }),
    ...(datum.Counts === undefined ? {} : { Counts: [...datum.Counts] }),
    ...(datum.Timestamp === undefined ? {} : { Timestamp: new Date(datum.Timestamp) }),
  };
}
