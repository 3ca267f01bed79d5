/**
 * The handler when things are our fault (Chromium will not start, a bad event, no config) and when a
 * secret is involved: always a summary, always published, never a crash, never the secret in an output.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_KEYS } from '../../lambdas/runtime/env';
import { startTarget, type RunningTarget } from '../../target/index';
import { invokeLocally } from '../../cli/commands/invoke';
import { startFakeCloudWatch, type FakeCloudWatch } from '../publish/fake-cloudwatch';
import { fakeAwsEnv, startFakeS3, startFakeSecretsManager, type FakeS3, type FakeSecretsManager } from './fake-aws';
import { captureOutput, chromiumDescendants, deadOrigin, logItems, quickTarget } from './helpers';

/** A password nobody would type by accident, so finding it anywhere means it leaked. */
const PLANTED_PASSWORD = 'Planted-Secret-7f3a9c-Zebra!';
const RIGHT_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:autocrm-login-AbCdEf';
const WRONG_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:autocrm-login-wrong-GhIjKl';

let target: RunningTarget;
let cloudwatch: FakeCloudWatch;
let s3: FakeS3;
let secrets: FakeSecretsManager;
let scratch: string;
let env: Record<string, string>;

beforeAll(async () => {
  [target, cloudwatch, s3, secrets] = await Promise.all([
    startTarget({ credentials: { username: 'demo', password: PLANTED_PASSWORD } }),
    startFakeCloudWatch(),
    startFakeS3(),
    startFakeSecretsManager({
      [RIGHT_ARN]: JSON.stringify({ username: 'demo', password: PLANTED_PASSWORD }),
      // Wrong for the target, so the login fails after typing it and failure evidence is taken.
      [WRONG_ARN]: JSON.stringify({ username: 'demo', password: `${PLANTED_PASSWORD}-wrong` }),
    }),
  ]);
  scratch = mkdtempSync(join(tmpdir(), 'handler-errors-'));
  // A failed scheduled round is confirmed 30 s later in production; 1 s here (test/handler/confirmation.test.ts covers it).
  env = fakeAwsEnv({ cloudwatch: cloudwatch.url, s3: s3.url, secretsManager: secrets.url }, { [ENV_KEYS.confirmationDelayMs]: '1000' });
});

afterAll(async () => {
  await Promise.all([target?.close(), cloudwatch?.close(), s3?.close(), secrets?.close()]);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function datumsSince(from: number) {
  return cloudwatch.requests.slice(from).flatMap((request) => request.body.MetricData);
}

describe('handler, our own faults', () => {
  it('reports a Chromium that will not start as probe_error and publishes ProbeError, not Availability', async () => {
    // Prepare
    const notExecutable = join(scratch, 'chromium');
    writeFileSync(notExecutable, 'not a browser\n');
    chmodSync(notExecutable, 0o644);
    const before = cloudwatch.requests.length;
    // Act
    const outcome = await invokeLocally(
      { targets: [quickTarget(target.origin)] },
      { timeoutS: 60, env: { ...env, CHROMIUM_PATH: notExecutable, LOCATION: undefined } },
    );
    // Assess
    const [result] = outcome.summary.results;
    expect(outcome.summary.ok).toBe(false);
    // LOCATION unset: the location is the function's own region, as in Lambda.
    expect(result).toMatchObject({ status: 'error', location: 'eu-west-1' });
    expect(result?.failure).toMatchObject({ kind: 'probe_error', step: 'launch' });
    expect(result?.failure?.message).toContain(notExecutable);
    const datums = datumsSince(before);
    expect(datums.filter((d) => d.MetricName === 'ProbeError').map((d) => d.Value)).toContain(1);
    expect(datums.some((d) => d.MetricName === 'Availability')).toBe(false);
    expect(chromiumDescendants()).toEqual([]);
  });

  it.each([
    ['a target with a relative login URL', { targets: [{ name: 'x', loginUrl: 'crm.pl' }] }, /event\.targets\[0\]\.loginUrl: /],
    ['an unknown event key', { targest: [] }, /event\.targest: unknown key; allowed keys are targets, mode\. Did you mean "targets"\?/],
    [
      'an unknown mode',
      { targets: [{ name: 'x', loginUrl: 'https://crm.example.com/crm.pl' }], mode: 'daily' },
      /event\.mode: must be one of scheduled, smoke, got "daily"/,
    ],
    ['a string', 'probe please', /must be a JSON object/],
    ['no targets and no baked config', {}, /event\.targets: missing, and SYNTHETICS_CONFIG is not set/],
  ])('turns %s into a published probe_error with the path and the rule', async (_name, event, message) => {
    // Prepare
    const before = cloudwatch.requests.length;
    // Act
    const outcome = await invokeLocally(event, { timeoutS: 30, env: { ...env, SYNTHETICS_CONFIG: undefined } });
    // Assess
    expect(outcome.summary.ok).toBe(false);
    expect(outcome.summary.results).toHaveLength(1);
    const [result] = outcome.summary.results;
    expect(result?.status).toBe('error');
    expect(result?.failure?.kind).toBe('probe_error');
    expect(result?.failure?.message).toMatch(message);
    expect(datumsSince(before).find((d) => d.MetricName === 'ProbeError' && d.Dimensions?.length === 2)?.Value).toBe(1);
  });

  it('probes the targets baked into SYNTHETICS_CONFIG when the event names none', async () => {
    // Prepare
    const config = { namespace: 'X', targets: [quickTarget(await deadOrigin(), 'baked-in')] };
    // Act
    const outcome = await invokeLocally({ mode: 'smoke' }, { timeoutS: 60, env: { ...env, SYNTHETICS_CONFIG: JSON.stringify(config) } });
    // Assess
    expect(outcome.summary.mode).toBe('smoke');
    expect(outcome.summary.results.map((r) => [r.target, r.status])).toEqual([['baked-in', 'fail']]);
  });
});

describe('handler, secrets', () => {
  it('logs in with the Secrets Manager credentials, reads each secret once, and never outputs the password', async () => {
    // Prepare
    const withSecret = (arn: string, name: string, origin = target.origin) => {
      const quick = quickTarget(origin, name);
      // A short step timeout: the failed login waits for the start page only this long (twice, with the retry).
      return { ...quick, credentials: { secretArn: arn }, timeouts: { ...(quick.timeouts as object), stepMs: 2_000 } };
    };
    const s3Before = s3.objects.length;
    const cwBefore = cloudwatch.requests.length;
    // Act
    const { value: outcomes, output } = await captureOutput(async () => [
      await invokeLocally({ targets: [withSecret(RIGHT_ARN, 'login-ok')] }, { timeoutS: 60, env }),
      await invokeLocally({ targets: [withSecret(WRONG_ARN, 'login-wrong')] }, { timeoutS: 60, env }),
      await invokeLocally({ targets: [withSecret(RIGHT_ARN, 'login-again', await deadOrigin())] }, { timeoutS: 60, env }),
    ]);
    // Assess
    const [ok, wrong] = outcomes.map((o) => o.summary.results[0]);
    expect(ok?.login).toMatchObject({ attempted: true, ok: true });
    expect(wrong?.status).toBe('fail');
    expect(wrong?.failure?.step).toBe('login');
    expect(secrets.requests).toEqual([RIGHT_ARN, WRONG_ARN]);
    const stored = s3.objects.slice(s3Before);
    expect(stored.length).toBeGreaterThan(0);
    // 3 rounds, plus the confirmation rounds of the two that failed (login-wrong, login-again).
    const rounds = logItems(output).filter((item) => item.message === 'probe round');
    expect(rounds.map((item) => [item.target, item.confirmation])).toEqual([
      ['login-ok', false],
      ['login-wrong', false],
      ['login-wrong', true],
      ['login-again', false],
      ['login-again', true],
    ]);
    const everything = [
      output,
      JSON.stringify(outcomes.map((o) => o.summary)),
      ...stored.map((o) => o.body.toString('latin1')),
      JSON.stringify(cloudwatch.requests.slice(cwBefore)),
    ].join('\n');
    expect(everything).not.toContain(PLANTED_PASSWORD);
    expect(everything).not.toContain(JSON.stringify(PLANTED_PASSWORD).slice(1, -1));
  });
});
