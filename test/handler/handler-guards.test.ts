/**
 * The handler's last-resort guards, with the engine and the publisher replaced by ones that never
 * answer: the handler still returns before Lambda's timeout, reports, and loses no datapoint.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { createHandler } from '../../lambdas/handler';
import type { MetricDatum } from '../../lambdas/core/metrics';
import type { ProbeResult, PublishOutcome } from '../../lambdas/core/types';
import type { ProbeRound } from '../../lambdas/probe/probe-target';
import { clearCredentialsCache } from '../../lambdas/round/credentials';
import { createLocalContext } from '../../cli/local-invoke';
import { ENGINE_GRACE_MS } from '../../lambdas/round/run-round';
import { captureOutput, logItems } from './helpers';

const ENV = { AWS_REGION: 'eu-west-3', HOME_REGION: 'eu-central-1', METRICS_SINK: 'cloudwatch' };
const EVENT = { targets: [{ name: 'crm', loginUrl: 'https://crm.example.com/cgi-bin/xorg/crm.pl' }] };

function passedRound(target: string): ProbeRound {
  const result: ProbeResult = {
    runId: 'r1',
    target,
    location: 'eu-west-3',
    startedAt: new Date().toISOString(),
    durationMs: 1200,
    status: 'pass',
    failure: null,
    degraded: [],
    retried: false,
    steps: [{ name: 'launch', ok: true, durationMs: 100 }],
    loginPage: null,
    systemCheck: null,
    browser: null,
    artifacts: [],
  };
  return { result, artifacts: [] };
}

function recordingPublisher(answer: 'ok' | 'never') {
  const published: MetricDatum[][] = [];
  return {
    published,
    factory: () => ({
      publish: (datums: readonly MetricDatum[]): Promise<PublishOutcome> => {
        published.push([...datums]);
        return answer === 'ok' ? Promise.resolve({ sink: 'cloudwatch', ok: true, datums: datums.length }) : new Promise(() => undefined);
      },
    }),
  };
}

describe('handler guards', () => {
  it('reports an engine that never returns as probe_error within the Lambda timeout, and publishes it', async () => {
    // Prepare
    const publisher = recordingPublisher('ok');
    const handler = createHandler({
      env: ENV,
      probe: () => new Promise(() => undefined),
      publisherFactory: publisher.factory,
      logger: new Logger(),
    });
    const context = createLocalContext({ functionName: 'f', memoryMb: 2048, timeoutS: 6, region: 'eu-west-3' });
    // Act
    const { value: summary } = await captureOutput(() => handler(EVENT, context));
    // Assess
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    const [result] = summary.results;
    expect(result?.status).toBe('error');
    expect(result?.failure?.message).toContain(`did not return within the round deadline (+${ENGINE_GRACE_MS} ms)`);
    expect(publisher.published.flat().find((d) => d.MetricName === 'ProbeError')?.Value).toBe(1);
  });

  it('writes the datums as EMF itself when the publisher never settles, and still returns', async () => {
    // Prepare
    const publisher = recordingPublisher('never');
    const handler = createHandler({
      env: ENV,
      probe: async (target) => passedRound(target.name),
      publisherFactory: publisher.factory,
      logger: new Logger(),
    });
    const context = createLocalContext({ functionName: 'f', memoryMb: 2048, timeoutS: 8, region: 'eu-west-3' });
    // Act
    const { value: summary, output } = await captureOutput(() => handler(EVENT, context));
    // Assess
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(summary.results[0]?.publish).toMatchObject({ ok: false, fallback: 'emf' });
    const emf = output.split('\n').filter((line) => line.includes('"_aws"'));
    const availability = emf.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.Target === 'crm');
    expect(availability?.Availability).toBe(1);
    expect(logItems(output).find((item) => item.message === 'probe round')?.publish).toMatchObject({ fallback: 'emf' });
  });

  it('reports a Secrets Manager read that never answers as probe_error within the Lambda timeout', async () => {
    // Prepare: the target's share (6 s minus the margin) is shorter than the secret read's own 5 s bound.
    const publisher = recordingPublisher('ok');
    const secretArn = 'arn:aws:secretsmanager:eu-west-3:111111111111:secret:hung-login-AbCdEf';
    const event = { targets: [{ ...EVENT.targets[0], credentials: { secretArn } }] };
    const handler = createHandler({
      env: ENV,
      probe: async (target) => passedRound(target.name),
      readSecret: () => new Promise(() => undefined),
      publisherFactory: publisher.factory,
      logger: new Logger(),
    });
    const context = createLocalContext({ functionName: 'f', memoryMb: 2048, timeoutS: 6, region: 'eu-west-3' });
    try {
      // Act
      const { value: summary } = await captureOutput(() => handler(event, context));
      // Assess
      expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
      const [result] = summary.results;
      expect(result?.status).toBe('error');
      expect(result?.failure?.message).toMatch(/login credentials could not be read within the \d+ ms left for this target/);
      expect(publisher.published.flat().find((d) => d.MetricName === 'ProbeError')?.Value).toBe(1);
    } finally {
      clearCredentialsCache();
    }
  });
});
