/**
 * The Lambda handler end to end, invoked as Lambda would (invokeLocally), against the reference
 * target on 127.0.0.1, with CloudWatch and S3 pointed at local recorders: healthy, down, hang with a
 * short deadline, S3 failing. One reference target and one set of recorders for the whole file.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { countEmfSamples } from '../../lambdas/core/emf';
import { countSamples, toMetricDatums } from '../../lambdas/core/metrics';
import type { ProbeResult } from '../../lambdas/core/types';
import { ENV_KEYS } from '../../lambdas/runtime/env';
import { startTarget, type RunningTarget } from '../../target/index';
import { invokeLocally } from '../../cli/commands/invoke';
import { startFakeCloudWatch, type FakeCloudWatch } from '../publish/fake-cloudwatch';
import { FAKE_ARTIFACTS_BUCKET, fakeAwsEnv, startFakeS3, type FakeS3 } from './fake-aws';
import { captureOutput, chromiumDescendants, deadOrigin, logItems, quickTarget } from './helpers';

const LOCATION = 'eu-central-1';

let target: RunningTarget;
let cloudwatch: FakeCloudWatch;
let s3: FakeS3;
let env: Record<string, string>;

beforeAll(async () => {
  [target, cloudwatch, s3] = await Promise.all([startTarget(), startFakeCloudWatch(), startFakeS3()]);
  // A failed scheduled round is confirmed 30 s later in production; 1 s here (test/handler/confirmation.test.ts covers it).
  env = fakeAwsEnv(
    { cloudwatch: cloudwatch.url, s3: s3.url },
    { AWS_REGION: LOCATION, LOCATION, NAMESPACE: 'AutoCRM/SyntheticsTest', [ENV_KEYS.confirmationDelayMs]: '1000' },
  );
});

afterAll(async () => {
  await Promise.all([target?.close(), cloudwatch?.close(), s3?.close()]);
});

// Lambda freezes the container once the handler returned: a browser closing "in the background"
// would live on into the next invocation. Every test checks its own invocations.
afterEach(() => {
  expect(chromiumDescendants()).toEqual([]);
});

/**
 * A fresh container: the handler and its modules load anew on the next invocation, as in a new
 * Lambda execution environment, so the cold-start flag does not depend on which test ran first.
 */
function freshContainer(): void {
  vi.resetModules();
}

/** A target whose login page lacks an expected element: a `content` failure on a page that loaded. */
function missingElementTarget(name: string): Record<string, unknown> {
  return { ...quickTarget(target.origin, name), expectSelectors: ['#login-form', '#element-that-autocrm-never-had'] };
}

/** Datums the results say they published, all rounds together (a failed round's confirmation included). */
function publishedDatums(results: readonly ProbeResult[]): number {
  return results.reduce((sum, result) => sum + (result.publish?.datums ?? 0), 0);
}

/** Datums CloudWatch received since request number `from`. */
function datumsSince(from: number) {
  return cloudwatch.requests.slice(from).flatMap((request) => request.body.MetricData);
}

describe('handler', () => {
  it('reports a healthy target as ok and publishes its datapoints to the home region', async () => {
    // Prepare
    freshContainer();
    const before = cloudwatch.requests.length;
    // Act
    const { value: outcome, output } = await captureOutput(() =>
      invokeLocally({ targets: [quickTarget(target.origin)] }, { timeoutS: 60, env }),
    );
    // Assess
    const [result] = outcome.summary.results;
    expect(outcome.summary).toMatchObject({ ok: true, location: LOCATION, mode: 'scheduled' });
    expect(result).toMatchObject({ target: 'reference', location: LOCATION, failure: null, coldStart: true, artifacts: [] });
    // Degraded (a threshold missed on a busy machine) is functionally fine, like pass.
    expect(['pass', 'degraded']).toContain(result?.status);
    const datums = datumsSince(before);
    expect(cloudwatch.requests[before]?.body.Namespace).toBe('AutoCRM/SyntheticsTest');
    expect(datums.length).toBe(result?.publish?.datums);
    expect(result?.publish).toMatchObject({ sink: 'cloudwatch', ok: true });
    const availability = datums.find((d) => d.MetricName === 'Availability' && d.Dimensions?.length === 2);
    expect(availability?.Value).toBe(1);
    expect(availability?.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'Target', Value: 'reference' },
        { Name: 'Location', Value: LOCATION },
      ]),
    );
    expect(datums.find((d) => d.MetricName === 'ColdStart')?.Value).toBe(1);
    const round = logItems(output).find((item) => item.message === 'probe round');
    expect(round).toMatchObject({ target: 'reference', status: result?.status, cold_start: true, retried: false });
    expect(round).not.toHaveProperty('coldStart');
  });

  it('reports a port nobody listens on as a failed, retried round and publishes Availability 0', async () => {
    // Prepare
    const origin = await deadOrigin();
    const before = cloudwatch.requests.length;
    // Act
    const outcome = await invokeLocally({ targets: [quickTarget(origin, 'down')] }, { timeoutS: 60, env });
    // Assess
    const [result, confirmation] = outcome.summary.results;
    expect(outcome.summary.ok).toBe(false);
    expect(result).toMatchObject({ target: 'down', status: 'fail', retried: true });
    expect(result?.failure?.kind).toBe('connect');
    expect(outcome.summary.results).toHaveLength(2);
    expect(confirmation).toMatchObject({ target: 'down', status: 'fail', confirmation: true });
    const datums = datumsSince(before);
    expect(datums.length).toBe(publishedDatums(outcome.summary.results));
    expect(datums.find((d) => d.MetricName === 'Availability' && d.Dimensions?.length === 2)?.Value).toBe(0);
    expect(datums.find((d) => d.MetricName === 'Failure')?.Dimensions).toContainEqual({ Name: 'Reason', Value: 'connect' });
  });

  it('stores the screenshot and HTML of a failed round privately under location/target/yyyy/mm/dd/runId', async () => {
    // Prepare
    const objectsBefore = s3.objects.length;
    // Act
    const { value: outcome, output } = await captureOutput(() =>
      invokeLocally({ targets: [missingElementTarget('broken-page')] }, { timeoutS: 60, env }),
    );
    // Assess
    const [result, confirmation] = outcome.summary.results;
    expect(result).toMatchObject({ target: 'broken-page', status: 'fail', retried: true });
    expect(result?.failure?.kind).toBe('content');
    // The confirmation round's evidence sits next to the first round's, under its own file names.
    expect(confirmation).toMatchObject({ status: 'fail', confirmation: true });
    expect(confirmation?.artifacts.map((a) => a.key?.split('/').pop()).sort()).toEqual([
      'confirmation-broken-page-login_page.html',
      'confirmation-broken-page-login_page.png',
    ]);
    const stored = s3.objects.slice(objectsBefore);
    expect(stored.map((o) => o.contentType).sort()).toEqual([
      'image/png',
      'image/png',
      'text/html; charset=utf-8',
      'text/html; charset=utf-8',
    ]);
    const day = new Date(result?.startedAt ?? '').toISOString().slice(0, 10).replaceAll('-', '/');
    for (const object of stored) {
      expect(object.bucket).toBe(FAKE_ARTIFACTS_BUCKET);
      expect(object.key.startsWith(`${LOCATION}/broken-page/${day}/${result?.runId}/`)).toBe(true);
      // The bucket's default encryption applies (SSE-S3, or the region's KMS key when hardened).
      expect(object.serverSideEncryption).toBeUndefined();
      expect(object.acl).toBeUndefined();
    }
    const artifacts = [...(result?.artifacts ?? []), ...(confirmation?.artifacts ?? [])];
    expect(artifacts.map((a) => a.key).sort()).toEqual(stored.map((o) => o.key).sort());
    expect(artifacts.map((a) => a.bytes).sort()).toEqual(stored.map((o) => o.body.length).sort());
    const screenshot = stored.find((o) => o.contentType === 'image/png');
    expect(screenshot?.body.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(stored.find((o) => o.contentType?.startsWith('text/html'))?.body.toString('utf8')).toContain('login-form');
    const round = logItems(output).find((item) => item.message === 'probe round');
    expect(round).toMatchObject({ level: 'WARN', status: 'fail', failureKind: 'content' });
    expect(round?.artifactKeys).toEqual(result?.artifacts.map((a) => a.key));
  });

  it('cuts a hanging round so the handler returns within 8 s of remaining time, published', async () => {
    // Prepare
    target.setFaults(['hang']);
    const before = cloudwatch.requests.length;
    try {
      // Act
      const outcome = await invokeLocally({ targets: [quickTarget(target.origin, 'hanging')] }, { timeoutS: 8, env });
      // Assess
      const [result] = outcome.summary.results;
      // judged on the context's own countdown: the clock the handler plans its deadline by
      expect(outcome.exceededTimeout).toBe(false);
      expect(result?.status).toBe('fail');
      expect(result?.failure?.kind).toBe('timeout');
      expect(datumsSince(before).some((d) => d.MetricName === 'Availability' && d.Value === 0)).toBe(true);
    } finally {
      target.setFaults([]);
    }
  });

  it('reports an S3 failure on the result and still publishes every datapoint', async () => {
    // Prepare
    s3.setBehaviour('server-error');
    const before = cloudwatch.requests.length;
    try {
      // Act
      const { value: outcome, output } = await captureOutput(() =>
        invokeLocally({ targets: [missingElementTarget('no-s3')] }, { timeoutS: 60, env }),
      );
      // Assess
      const [result] = outcome.summary.results;
      expect(result?.status).toBe('fail');
      expect(result?.artifacts).toEqual([]);
      expect(result?.artifactErrors?.length).toBeGreaterThan(0);
      expect(result?.artifactErrors?.[0]).toMatch(new RegExp(`^s3://${FAKE_ARTIFACTS_BUCKET}/${LOCATION}/no-s3/.*InternalError`));
      expect(datumsSince(before).length).toBe(publishedDatums(outcome.summary.results));
      expect(result?.publish?.ok).toBe(true);
      const round = logItems(output).find((item) => item.message === 'probe round');
      expect(round?.artifactErrors).toEqual(result?.artifactErrors);
    } finally {
      s3.setBehaviour('ok');
    }
  });

  it.each(['throttle', 'server-error', 'hang'] as const)(
    'loses no datapoint when CloudWatch answers %s: the EMF fallback carries every sample, S3 failing too',
    async (behaviour) => {
      // Prepare
      cloudwatch.setBehaviour(() => behaviour);
      s3.setBehaviour('server-error');
      try {
        // Act
        const { value: outcome, output } = await captureOutput(() =>
          invokeLocally({ targets: [missingElementTarget(`cw-${behaviour}`)] }, { timeoutS: 20, env }),
        );
        // Assess
        const [result] = outcome.summary.results;
        expect(outcome.exceededTimeout).toBe(false);
        expect(result?.artifactErrors?.length).toBeGreaterThan(0);
        expect(result?.publish).toMatchObject({ sink: 'cloudwatch', ok: false, fallback: 'emf' });
        const expected = outcome.summary.results.flatMap((r) => toMetricDatums(r));
        const emfLines = output.split('\n').filter((line) => line.startsWith('{"_aws"'));
        expect(countEmfSamples(emfLines)).toBe(countSamples(expected));
        expect(countSamples(expected)).toBeGreaterThan(0);
      } finally {
        cloudwatch.setBehaviour(() => 'ok');
        s3.setBehaviour('ok');
      }
    },
  );

  it('flags only the first invocation of a container as a cold start', async () => {
    // Prepare
    freshContainer();
    const origin = await deadOrigin();
    const invoke = () => invokeLocally({ targets: [quickTarget(origin, 'cold')], mode: 'smoke' }, { timeoutS: 60, env });
    // Act
    const first = await invoke();
    const second = await invoke();
    // Assess
    expect(first.summary.results.map((r) => r.coldStart)).toEqual([true]);
    expect(second.summary.results.map((r) => r.coldStart)).toEqual([false]);
  });
});
