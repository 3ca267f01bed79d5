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
/** A TCP connect to a regional endpoint takes milliseconds; 2 s without one means the network is down. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 2_000;
/** PutMetricData answers in well under a second; 5 s means the endpoint is hanging. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
/** Fits 3 attempts × 5 s plus backoff; the Lambda handler passes less when its deadline is closer. */
export const DEFAULT_PUBLISH_DEADLINE_MS = 20_000;
/** Enough to finish a large account's batch quickly without tripping PutMetricData's TPS quota. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * The `cloudwatch` sink (see the module comment). `publish` never throws for a sink failure: what
 * CloudWatch did not take is written through `options.write` as EMF and the report says so.
 */
export function createCloudWatchPublisher(options: PublisherOptions & { write: LineWriter }): Publisher {
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? DEFAULT_PUBLISH_DEADLINE_MS;
  const client = createClient(options, requestTimeoutMs);
  const timeouts = { deadlineMs, requestTimeoutMs };
  return {
    kind: 'cloudwatch',
    async publish(datums) {
      const safe = sanitizeDatums(datums);
      const batches = splitIntoBatches(safe);
      const errors = await sendAll(client, batches, {
        namespace: options.namespace,
        deadlineMs,
        concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      });
      const failed = batches.filter((_, index) => errors[index] !== undefined);
      const firstError = errors.find((error) => error !== undefined);
      return fallBack({
        sentDatums: safe.length - failed.flat().length,
        failedBatches: failed,
        requests: batches.length,
        error: firstError === undefined ? undefined : describePublishError(firstError, timeouts),
        options,
      });
    },
    async preflight() {
      try {
        await client.config.region();
        await client.config.credentials();
      } catch (error) {
        throw new PublishConfigError(configProblem(error) ?? describePublishError(error, timeouts));
      }
    },
    close: () => client.destroy(),
  };
}

/**
 * One PutMetricData per batch, at most `concurrency` in flight, all aborted when `deadlineMs` has
 * passed. Returns per batch (in order) its final error, or undefined when CloudWatch took it.
 */
async function sendAll(
  client: CloudWatchClient,
  batches: readonly (readonly MetricDatum[])[],
  settings: { readonly namespace: string; readonly deadlineMs: number; readonly concurrency: number },
): Promise<unknown[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.deadlineMs);
  try {
    return await mapBounded(batches, settings.concurrency, async (batch) => {
      try {
        const command = new PutMetricDataCommand({ Namespace: settings.namespace, MetricData: batch.map(toSdkDatum) });
        await client.send(command, { abortSignal: controller.signal });
        return undefined;
      } catch (error) {
        return error ?? new Error('unknown PutMetricData failure');
      }
    });
  } finally {
    clearTimeout(timer);
  }
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
  const base = {
    sink: 'cloudwatch' as const,
    datums: input.sentDatums + failedDatums.length,
    requests: input.requests,
    failedRequests: input.failedBatches.length,
    sentDatums: input.sentDatums,
  };
  if (failedDatums.length === 0) return { ...base, ok: true, fallbackDatums: 0 };
  const summary = `${input.failedBatches.length} of ${input.requests} PutMetricData request(s) failed`;
  try {
    for (const line of toEmfLines(failedDatums, { namespace: input.options.namespace })) input.options.write(line);
  } catch (writeError) {
    const reason = writeError instanceof Error ? writeError.message : String(writeError);
    const error = `${summary} and the EMF fallback failed too (${reason}): ${failedDatums.length} datum(s) lost; ${input.error}`;
    return { ...base, ok: false, fallbackDatums: 0, error };
  }
  const error = `${summary}; ${failedDatums.length} datum(s) written as EMF instead: ${input.error}`;
  return { ...base, ok: false, fallback: 'emf', fallbackDatums: failedDatums.length, error };
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
    ...(datum.StorageResolution === undefined ? {} : { StorageResolution: datum.StorageResolution }),
  };
}
