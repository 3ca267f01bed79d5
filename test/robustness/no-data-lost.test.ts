/**
 * No data lost: the Lambda handler (invoked as Lambda would, real SDK clients against local
 * endpoints) with CloudWatch throttling, failing, hanging or recovering after retries, and S3
 * refusing the artifacts. Datapoints are counted in (toMetricDatums of the round's results) and
 * out (accepted by the CloudWatch endpoint + EMF lines on stdout): equal, every time, and no
 * datapoint is counted twice when a retry succeeds. The handler always returns before its timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeLocally } from '../../cli/commands/invoke';
import { countEmfSamples } from '../../lambdas/core/emf';
import { countSamples, toMetricDatums, type MetricDatum } from '../../lambdas/core/metrics';
import { ENV_KEYS } from '../../lambdas/runtime/env';
import { startTarget, type RunningTarget } from '../../target/index';
import { startFakeCloudWatch, type Behaviour, type FakeCloudWatch } from '../publish/fake-cloudwatch';
import { fakeAwsEnv, startFakeS3, type FakeS3 } from '../handler/fake-aws';
import { roundTarget } from './hostile-round';
import { captureOutput } from './output';

let healthy: RunningTarget;
let broken: RunningTarget;
let cloudwatch: FakeCloudWatch;
let s3: FakeS3;

beforeAll(async () => {
  [healthy, broken, cloudwatch, s3] = await Promise.all([
    startTarget(),
    startTarget({ faults: ['http-500'] }),
    startFakeCloudWatch(),
    startFakeS3(),
  ]);
});

afterAll(async () => {
  await Promise.all([healthy?.close(), broken?.close(), cloudwatch?.close(), s3?.close()]);
});

/** Attempts seen so far per request body (the SDK resends the same body on a retry). */
function failFirstAttempts(failures: number, action: 'throttle' | 'server-error'): Behaviour {
  const attempts = new Map<string, number>();
  return (_index, body) => {
    const key = JSON.stringify(body);
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    return attempt <= failures ? action : 'ok';
  };
}

interface Scenario {
  readonly name: string;
  readonly cloudwatch: () => Behaviour;
  readonly s3: 'ok' | 'server-error';
  /** Where the datapoints must end up. */
  readonly via: 'cloudwatch' | 'emf';
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'throttled twice, accepted on the third attempt',
    cloudwatch: () => failFirstAttempts(2, 'throttle'),
    s3: 'ok',
    via: 'cloudwatch',
  },
  { name: 'a 5xx once, then accepted', cloudwatch: () => failFirstAttempts(1, 'server-error'), s3: 'server-error', via: 'cloudwatch' },
  { name: 'throttling every attempt, S3 failing', cloudwatch: () => () => 'throttle', s3: 'server-error', via: 'emf' },
  { name: 'a 5xx on every attempt', cloudwatch: () => () => 'server-error', s3: 'ok', via: 'emf' },
  { name: 'no answer at all (timeouts)', cloudwatch: () => () => 'hang', s3: 'server-error', via: 'emf' },
];

const TIMEOUT_S = 40;

describe('no datapoint lost between the round and CloudWatch', () => {
  it.each(SCENARIOS)('$name: datapoints in = accepted + EMF, via $via', async (scenario) => {
    // Prepare: a healthy target (many samples) and a failing one (artifacts to store), one invocation.
    cloudwatch.setBehaviour(scenario.cloudwatch());
    s3.setBehaviour(scenario.s3);
    const before = cloudwatch.requests.length;
    const acceptedBefore = cloudwatch.acceptedDatums().length;
    // The failing target's confirmation round (30 s later in production, 1 s here) must arrive too.
    const env = fakeAwsEnv({ cloudwatch: cloudwatch.url, s3: s3.url }, { [ENV_KEYS.confirmationDelayMs]: '1000' });
    const targets = [
      roundTarget(healthy.origin, { name: 'healthy', measurements: ['websocket', 'http'] }),
      roundTarget(broken.origin, { name: 'broken' }),
    ];
    try {
      // Act
      const { value: outcome, stdout } = await captureOutput(() => invokeLocally({ targets }, { timeoutS: TIMEOUT_S, env }));
      // Assess: the handler returned in time, with both rounds and the failed one's confirmation.
      expect(outcome.exceededTimeout).toBe(false);
      expect(outcome.summary.results.map((result) => [result.target, result.confirmation ?? false])).toEqual([
        ['healthy', false],
        ['broken', false],
        ['broken', true],
      ]);
      const datumsIn = outcome.summary.results.flatMap((result) => toMetricDatums(result));
      const samplesIn = countSamples(datumsIn);
      expect(samplesIn).toBeGreaterThan(20);
      const accepted = cloudwatch.acceptedDatums().slice(acceptedBefore) as unknown as MetricDatum[];
      const emfLines = stdout.split('\n').filter((line) => line.startsWith('{"_aws"'));
      // Assess: in = out, each datapoint exactly once.
      expect(countSamples(accepted) + countEmfSamples(emfLines)).toBe(samplesIn);
      expect(outcome.summary.results.reduce((sum, result) => sum + (result.publish?.datums ?? 0), 0)).toBe(datumsIn.length);
      if (scenario.via === 'cloudwatch') {
        expect(emfLines).toEqual([]);
        expect(outcome.summary.results[0]?.publish).toMatchObject({ sink: 'cloudwatch', ok: true });
      } else {
        expect(accepted).toEqual([]);
        expect(cloudwatch.requests.length).toBeGreaterThan(before);
        expect(outcome.summary.results[0]?.publish).toMatchObject({ ok: false, fallback: 'emf' });
      }
      // Assess: an artifact failure is reported on the failed round, not swallowed.
      const failed = outcome.summary.results[1];
      expect(failed?.status).toBe('fail');
      if (scenario.s3 === 'server-error') {
        expect(failed?.artifacts).toEqual([]);
        expect(failed?.artifactErrors?.[0]).toMatch(/InternalError/);
      } else {
        expect(failed?.artifacts.length).toBeGreaterThan(0);
      }
    } finally {
      cloudwatch.setBehaviour(() => 'ok');
      s3.setBehaviour('ok');
    }
  });
});
