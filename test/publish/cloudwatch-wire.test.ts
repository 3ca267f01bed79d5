/**
 * The real @aws-sdk/client-cloudwatch against a local endpoint: what exactly goes over the wire.
 */
import { describe, expect, it } from 'vitest';
import { countSamples, toMetricDatums, type MetricDatum } from '../../lambdas/core/metrics';
import { createPublisher } from '../../lambdas/publish';
import { MAX_DATUMS_PER_REQUEST } from '../../lambdas/publish/batches';
import { useAwsEnv } from './aws-env';
import { useFakeCloudWatch, type WireDatum } from './fake-cloudwatch';
import { manyTargets, passingResult } from './probe-results';

const NAMESPACE = 'AutoCRM/Synthetics';

/** What a datum looks like in the JSON 1.0 body: timestamps as epoch seconds. */
function toWire(datum: MetricDatum): WireDatum {
  const { Timestamp, ...rest } = datum;
  return { ...rest, ...(Timestamp ? { Timestamp: Date.parse(Timestamp) / 1000 } : {}) } as WireDatum;
}

describe('CloudWatch publisher on the wire', () => {
  const cw = useFakeCloudWatch();

  const publisher = (concurrency?: number) =>
    createPublisher({ kind: 'cloudwatch', namespace: NAMESPACE, region: 'eu-central-1', write: cw.write, concurrency });

  it('sends one signed JSON 1.0 PutMetricData with namespace, names, units, dimensions, Values and round timestamps', async () => {
    // Prepare
    const datums = toMetricDatums(passingResult);
    const sink = publisher();
    // Act
    const outcome = await sink.publish(datums);
    sink.close();
    // Assess
    expect(outcome).toEqual({
      sink: 'cloudwatch',
      ok: true,
      datums: 19,
      requests: 1,
      failedRequests: 0,
      sentDatums: 19,
      fallbackDatums: 0,
    });
    expect(cw.fake.requests).toHaveLength(1);
    const [request] = cw.fake.requests;
    expect(request?.target).toBe('GraniteServiceVersion20100801.PutMetricData');
    expect(request?.contentType).toBe('application/x-amz-json-1.0');
    expect(request?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/eu-central-1\/monitoring\/aws4_request/);
    expect(request?.body.Namespace).toBe(NAMESPACE);
    expect(request?.body.MetricData).toEqual(datums.map(toWire));
    const rtt = request?.body.MetricData.find((d) => d.MetricName === 'WebSocketRTT');
    expect(rtt).toMatchObject({
      Unit: 'Milliseconds',
      Values: [1.5, 2, 3],
      Counts: [2, 1, 1],
      Timestamp: Date.parse(passingResult.startedAt) / 1000,
    });
    expect(cw.emfLines).toEqual([]);
  });

  it('sends Availability (both dimension sets) with StorageResolution 1 and every other metric without it (standard)', async () => {
    // Prepare
    const sink = publisher();
    // Act
    await sink.publish(toMetricDatums(passingResult));
    sink.close();
    // Assess
    const sent = cw.fake.requests.flatMap((r) => r.body.MetricData);
    const availability = sent.filter((d) => d.MetricName === 'Availability');
    expect(availability.map((d) => [d.Dimensions?.map((x) => x.Name), d.StorageResolution])).toEqual([
      [['Target', 'Location'], 1],
      [['Target', 'Location', 'Browser'], 1],
      [['Location'], 1],
    ]);
    const others = sent.filter((d) => d.MetricName !== 'Availability');
    expect(others).toHaveLength(16);
    expect(others.filter((d) => d.StorageResolution !== undefined)).toEqual([]);
  });

  it('splits 40 targets × 3 locations into requests of at most 1000 datums, gzip-compressed, nothing lost or doubled', async () => {
    const results = ['eu-central-1', 'eu-west-1', 'eu-west-3'].flatMap((location) => manyTargets(40).map((r) => ({ ...r, location })));
    const datums = results.flatMap((r) => toMetricDatums(r));
    const sink = publisher();

    const outcome = await sink.publish(datums);
    sink.close();

    expect(datums).toHaveLength(2280);
    expect(outcome).toMatchObject({ ok: true, datums: 2280, requests: 3, sentDatums: 2280 });
    expect(cw.fake.requests.map((r) => r.body.MetricData.length).sort((a, b) => b - a)).toEqual([
      MAX_DATUMS_PER_REQUEST,
      MAX_DATUMS_PER_REQUEST,
      280,
    ]);
    expect(cw.fake.requests.every((r) => r.contentEncoding === 'gzip' && r.body.Namespace === NAMESPACE)).toBe(true);
    const sortKey = (d: WireDatum) =>
      JSON.stringify(d, ['MetricName', 'Dimensions', 'Name', 'Value', 'Unit', 'Values', 'Counts', 'Timestamp']);
    expect(cw.fake.acceptedDatums().map(sortKey).sort()).toEqual(datums.map(toWire).map(sortKey).sort());
  });

  it('keeps every request under 1 MB when raw samples make datums large', async () => {
    // Prepare: fewer than 1000 datums, but several MB of raw samples
    const datums = manyTargets(5, 6000).flatMap((r) => toMetricDatums(r));
    expect(datums.length).toBeLessThan(MAX_DATUMS_PER_REQUEST);
    const sink = publisher();

    const outcome = await sink.publish(datums);
    sink.close();

    expect(outcome.ok).toBe(true);
    expect(cw.fake.requests.length).toBeGreaterThan(1);
    for (const request of cw.fake.requests) {
      expect(Buffer.byteLength(JSON.stringify(request.body))).toBeLessThan(1_000_000);
      expect(request.body.MetricData.every((d) => (d.Values?.length ?? 0) <= 150)).toBe(true);
    }
    const accepted = cw.fake.acceptedDatums();
    expect(accepted).toHaveLength(datums.length);
    expect(accepted.reduce((sum, d) => sum + (d.Counts ?? [1]).reduce((a, b) => a + b, 0), 0)).toBe(countSamples(datums));
  });

  it('has at most the configured number of requests in flight, and more than one', async () => {
    // Prepare: 10 locations × 40 targets = 7600 datums = 8 requests; slow answers so requests overlap
    cw.fake.setDelayMs(1000);
    const locations = Array.from({ length: 10 }, (_, i) => `location-${i}`);
    const datums = locations.flatMap((location) => manyTargets(40).flatMap((r) => toMetricDatums({ ...r, location })));
    const sink = publisher(2);
    // Act
    const outcome = await sink.publish(datums);
    sink.close();
    // Assess
    expect(outcome).toMatchObject({ ok: true, requests: 8, sentDatums: 7600 });
    expect(cw.fake.maxInFlight()).toBe(2);
  });

  it('honours the generic AWS_ENDPOINT_URL too', async () => {
    const restore = useAwsEnv({ endpoint: cw.fake.url, generic: true });
    try {
      const sink = publisher();
      const outcome = await sink.publish(toMetricDatums(passingResult));
      sink.close();
      expect(outcome.ok).toBe(true);
      expect(cw.fake.requests).toHaveLength(1);
    } finally {
      restore();
    }
  });
});
