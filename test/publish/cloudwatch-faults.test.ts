/**
 * CloudWatch misbehaving — throttling, 5xx, a hanging endpoint, no credentials — and the promise that
 * holds through all of it: every datapoint reaches CloudWatch or the EMF fallback, exactly once.
 */
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { describe, expect, it } from 'vitest';
import { countEmfSamples } from '../../lambdas/core/emf';
import { countSamples, toMetricDatums, type MetricDatum } from '../../lambdas/core/metrics';
import {
  createPublisher,
  NO_CREDENTIALS_MESSAGE,
  NO_REGION_MESSAGE,
  PublishConfigError,
  type PublisherOptions,
} from '../../lambdas/publish';
import { useAwsEnv } from './aws-env';
import { useFakeCloudWatch, type WireDatum } from './fake-cloudwatch';
import { failedResult, manyTargets, passingResult, probeErrorResult } from './probe-results';

const NAMESPACE = 'AutoCRM/Synthetics';
/** Every sample as `metric|dimensions|value|time`, sorted: equal lists mean the same datapoints, none lost, none doubled. */
function datumSamples(datums: readonly MetricDatum[]): string[] {
  return datums
    .flatMap((d) => {
      const key = `${d.MetricName}|${d.Dimensions.map((x) => `${x.Name}=${x.Value}`).join(',')}`;
      const time = Date.parse(d.Timestamp ?? '');
      if (d.Values === undefined) return [`${key}|${d.Value}|${time}`];
      return d.Values.flatMap((v, i) => Array.from({ length: d.Counts?.[i] ?? 1 }, () => `${key}|${v}|${time}`));
    })
    .sort();
}

function emfSamples(lines: readonly string[]): string[] {
  return lines
    .flatMap((line) => {
      const record = JSON.parse(line) as Record<string, unknown> & {
        _aws: { Timestamp: number; CloudWatchMetrics: Array<{ Dimensions: string[][]; Metrics: Array<{ Name: string }> }> };
      };
      const [directive] = record._aws.CloudWatchMetrics;
      const dims = (directive?.Dimensions[0] ?? []).map((name) => `${name}=${String(record[name])}`).join(',');
      return (directive?.Metrics ?? []).flatMap((m) =>
        [record[m.Name]].flat().map((v) => `${m.Name}|${dims}|${String(v)}|${record._aws.Timestamp}`),
      );
    })
    .sort();
}

const wireSamples = (datums: readonly WireDatum[]) => datums.reduce((sum, d) => sum + (d.Counts ?? [1]).reduce((a, b) => a + b, 0), 0);

describe('CloudWatch publisher under faults', () => {
  const cw = useFakeCloudWatch();

  /** Real SDK retry strategy, 3 attempts, with a 10 ms backoff instead of up to seconds. */
  const publish = async (datums: Parameters<ReturnType<typeof createPublisher>['publish']>[0], options: Partial<PublisherOptions> = {}) => {
    const sink = createPublisher({
      kind: 'cloudwatch',
      namespace: NAMESPACE,
      region: 'eu-central-1',
      write: cw.write,
      retryStrategy: new ConfiguredRetryStrategy(3, 10),
      ...options,
    });
    try {
      return await sink.publish(datums);
    } finally {
      sink.close();
    }
  };

  it('retries a throttled request exactly once and stores each datapoint once', async () => {
    // Prepare
    cw.fake.setBehaviour((index) => (index === 0 ? 'throttle' : 'ok'));
    const datums = toMetricDatums(passingResult);
    // Act
    const outcome = await publish(datums);
    // Assess
    expect(outcome).toMatchObject({ ok: true, requests: 1, failedRequests: 0, sentDatums: datums.length, fallbackDatums: 0 });
    expect(cw.fake.requests.map((r) => r.sdkRequest)).toEqual(['attempt=1; max=3', 'attempt=2; max=3']);
    expect(cw.fake.requests[1]?.invocationId).toBe(cw.fake.requests[0]?.invocationId);
    expect(cw.fake.acceptedDatums()).toHaveLength(datums.length);
    expect(cw.emfLines).toEqual([]);
  });

  it('writes every datapoint as EMF when CloudWatch always answers 500, and says publishing failed', async () => {
    cw.fake.setBehaviour(() => 'server-error');
    const datums = [passingResult, failedResult, probeErrorResult, ...manyTargets(3, 400)].flatMap((r) => toMetricDatums(r));

    const outcome = await publish(datums);

    expect(outcome).toMatchObject({ sink: 'cloudwatch', ok: false, fallback: 'emf', sentDatums: 0, fallbackDatums: datums.length });
    expect(outcome.error).toMatch(/HTTP 500/);
    expect(outcome.error).toMatch(/3 attempt\(s\)/);
    expect(cw.fake.requests).toHaveLength(3);
    expect(countEmfSamples(cw.emfLines)).toBe(countSamples(datums));
    expect(emfSamples(cw.emfLines)).toEqual(datumSamples(datums));
    expect(
      cw.emfLines.every(
        (line) =>
          (JSON.parse(line) as { _aws: { CloudWatchMetrics: Array<{ Namespace: string }> } })._aws.CloudWatchMetrics[0]?.Namespace ===
          NAMESPACE,
      ),
    ).toBe(true);
  });

  it('falls back only for the batch that failed: CloudWatch plus EMF hold every datapoint exactly once', async () => {
    // Prepare: 2280 datums → requests of 1000, 1000 and 280; the one of 280 always fails
    const locations = ['eu-central-1', 'eu-west-1', 'eu-west-3'];
    const datums = locations.flatMap((location) => manyTargets(40).flatMap((r) => toMetricDatums({ ...r, location })));
    cw.fake.setBehaviour((_, body) => (body.MetricData.length === 280 ? 'server-error' : 'ok'));
    // Act
    const outcome = await publish(datums);
    // Assess
    expect(outcome).toMatchObject({ ok: false, fallback: 'emf', requests: 3, failedRequests: 1, sentDatums: 2000, fallbackDatums: 280 });
    expect(outcome.error).toMatch(/^1 of 3 PutMetricData request\(s\) failed; 280 datum\(s\) written as EMF instead/);
    expect(wireSamples(cw.fake.acceptedDatums()) + countEmfSamples(cw.emfLines)).toBe(countSamples(datums));
  });

  it('bounds a hanging endpoint by the per-attempt timeout, then writes EMF', async () => {
    cw.fake.setBehaviour(() => 'hang');
    const datums = toMetricDatums(passingResult);

    const outcome = await publish(datums, { requestTimeoutMs: 300, retryStrategy: new ConfiguredRetryStrategy(2, 10) });

    expect(outcome).toMatchObject({ ok: false, fallback: 'emf', fallbackDatums: datums.length });
    expect(outcome.error).toMatch(/no answer within 300 ms per attempt/);
    expect(cw.fake.requests).toHaveLength(2);
    expect(countEmfSamples(cw.emfLines)).toBe(countSamples(datums));
  });

  it('bounds the whole publish call by its deadline, even when attempts would take longer', async () => {
    cw.fake.setBehaviour(() => 'hang');
    const datums = toMetricDatums(failedResult);
    // An attempt's own timeout longer than this test may run: a publish that is back at all was ended
    // by its deadline (no wall-clock window in the test).
    const requestTimeoutMs = 10 * 60_000;

    const outcome = await publish(datums, { requestTimeoutMs, deadlineMs: 500 });

    expect(outcome).toMatchObject({ ok: false, fallback: 'emf', fallbackDatums: datums.length });
    expect(outcome.error).toMatch(/publish deadline of 500 ms/);
    expect(countEmfSamples(cw.emfLines)).toBe(countSamples(datums));
  });

  it('says clearly that no credentials were found, sends nothing, and still keeps the datapoints', async () => {
    cw.fake.setBehaviour(() => 'ok');
    const restore = useAwsEnv({ endpoint: cw.fake.url, credentials: false });
    try {
      const sink = createPublisher({ kind: 'cloudwatch', namespace: NAMESPACE, region: 'eu-central-1', write: cw.write });
      await expect(sink.preflight()).rejects.toThrow(PublishConfigError);
      await expect(sink.preflight()).rejects.toThrow(NO_CREDENTIALS_MESSAGE);
      const datums = toMetricDatums(passingResult);
      const outcome = await sink.publish(datums);
      sink.close();
      expect(outcome).toMatchObject({ ok: false, fallback: 'emf', fallbackDatums: datums.length });
      expect(outcome.error).toContain(NO_CREDENTIALS_MESSAGE);
      expect(cw.fake.requests).toHaveLength(0);
      expect(countEmfSamples(cw.emfLines)).toBe(countSamples(datums));
    } finally {
      restore();
    }
  });

  it('says clearly that no home region is known', async () => {
    const sink = createPublisher({ kind: 'cloudwatch', namespace: NAMESPACE, write: cw.write });
    try {
      await expect(sink.preflight()).rejects.toThrow(NO_REGION_MESSAGE);
    } finally {
      sink.close();
    }
  });
});
