/** The handler's runtime helpers on their own: plain data in, plain data out, a scratch /tmp. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { artifactKey } from '../../lambdas/runtime/artifacts';
import { settleWithin } from '../../lambdas/core/deadline';
import { clearCredentialsCache, CredentialsError, parseSecret, resolveCredentials } from '../../lambdas/round/credentials';
import { readRuntimeEnv, RuntimeEnvError } from '../../lambdas/runtime/env';
import { InvalidEventError, resolveEvent } from '../../lambdas/runtime/event';
import { invocationBudget, MAX_SAFETY_MARGIN_MS, MIN_SAFETY_MARGIN_MS, targetDeadline } from '../../lambdas/runtime/round-deadline';
import { sweepTmp } from '../../lambdas/runtime/container';
import type { CredentialsConfig } from '../../lambdas/core/config/types';

/** A secret reader for tests whose credentials come from the environment only. */
const NO_SECRETS = async (): Promise<string> => {
  throw new Error('no secret expected');
};

const SELECTORS = { usernameSelector: '#u', passwordSelector: '#p', submitSelector: '#s', successSelector: '#ok', logoutSelector: '#out' };

describe('artifactKey', () => {
  it('is location/target/yyyy/mm/dd/runId/file with the UTC date and safe segments', () => {
    // Act
    const key = artifactKey({
      location: 'eu-west-1',
      target: 'crm/prod eu',
      startedAt: '2026-01-31T23:59:59.000Z',
      runId: 'r-1',
      fileName: 'shot.png',
    });
    // Assess
    expect(key).toBe('eu-west-1/crm-prod-eu/2026/01/31/r-1/shot.png');
  });
});

describe('invocation time plan', () => {
  it('keeps a margin that grows with the time granted, within its bounds', () => {
    // Prepare
    const now = () => 0;
    // Act
    const short = invocationBudget({ getRemainingTimeInMillis: () => 8_000 }, now);
    const typical = invocationBudget({ getRemainingTimeInMillis: () => 40_000 }, now);
    const long = invocationBudget({ getRemainingTimeInMillis: () => 300_000 }, now);
    // Assess
    expect(short.marginMs).toBe(MIN_SAFETY_MARGIN_MS);
    expect(short.deadline.remainingMs()).toBe(8_000 - MIN_SAFETY_MARGIN_MS);
    expect(typical.marginMs).toBe(8_000);
    expect(long.marginMs).toBe(MAX_SAFETY_MARGIN_MS);
    expect(short.publishBudgetMs).toBeGreaterThanOrEqual(2_000);
  });

  it('gives each target a fair share of what is left', () => {
    // Prepare
    let clock = 0;
    const { deadline } = invocationBudget({ getRemainingTimeInMillis: () => 60_000 }, () => clock);
    // Act
    const firstShareMs = targetDeadline(deadline, 3, () => clock).remainingMs();
    clock += 4_000; // the first target finished early
    const secondShareMs = targetDeadline(deadline, 2, () => clock).remainingMs();
    // Assess: 60 s minus the 8 s margin, shared by three targets, then what is left by two
    expect(firstShareMs).toBe(Math.floor(52_000 / 3));
    expect(secondShareMs).toBe(Math.floor(48_000 / 2));
  });

  it('answers with the fallback when the work does not settle in time', async () => {
    // Act
    const late = await settleWithin(new Promise<string>(() => undefined), 20, () => 'fallback');
    const early = await settleWithin(Promise.resolve('work'), 1_000, () => 'fallback');
    // Assess
    expect([late, early]).toEqual(['fallback', 'work']);
  });
});

describe('credentials', () => {
  afterEach(() => clearCredentialsCache());

  it('never quotes the secret text in a parse error', () => {
    // Act
    const attempt = () => parseSecret('arn:aws:secretsmanager:eu-central-1:1:secret:x', 'hunter2-not-json');
    // Assess
    expect(attempt).toThrow(CredentialsError);
    expect(attempt).not.toThrow(/hunter2/);
    expect(() => parseSecret('arn:x', '{"user":"a","pass":"hunter2"}')).toThrow(/found keys: user, pass/);
  });

  it('reads a secret once per container and retries one that failed', async () => {
    // Prepare
    const config: CredentialsConfig = { ...SELECTORS, secretArn: 'arn:aws:secretsmanager:eu-central-1:1:secret:login' };
    let reads = 0;
    const flaky = async () => {
      reads += 1;
      if (reads === 1) throw new Error('throttled');
      return '{"username":"demo","password":"pw-1234"}';
    };
    // Act
    const first = resolveCredentials(config, { read: flaky, env: {} });
    await expect(first).rejects.toThrow(/could not read secret arn:aws:secretsmanager:eu-central-1:1:secret:login \(Error: throttled\)/);
    const second = await resolveCredentials(config, { read: flaky, env: {} });
    const third = await resolveCredentials(config, { read: flaky, env: {} });
    // Assess
    // Every value of the secret is a secret in use, the user name too (scrubbed and masked like the password).
    expect(second).toEqual({ username: 'demo', password: 'pw-1234', secretValues: ['demo', 'pw-1234'] });
    expect(third).toBe(second);
    expect(reads).toBe(2);
  });

  it("takes local runs' credentials from the named environment variables and names a missing one", async () => {
    // Prepare
    const config: CredentialsConfig = { ...SELECTORS, usernameEnv: 'CRM_USER', passwordEnv: 'CRM_PASSWORD' };
    // Act / Assess
    await expect(resolveCredentials(config, { env: { CRM_USER: 'demo', CRM_PASSWORD: 'pw' }, read: NO_SECRETS })).resolves.toEqual({
      username: 'demo',
      password: 'pw',
    });
    await expect(resolveCredentials(config, { env: { CRM_USER: 'demo' }, read: NO_SECRETS })).rejects.toThrow(/CRM_PASSWORD is not set/);
  });
});

describe('readRuntimeEnv', () => {
  it('defaults location and home region to the function region and rejects an unknown sink', () => {
    // Act
    const env = readRuntimeEnv({ AWS_REGION: 'ap-southeast-2' });
    // Assess
    expect(env).toMatchObject({
      location: 'ap-southeast-2',
      homeRegion: 'ap-southeast-2',
      namespace: 'AutoCRM/Synthetics',
      metricsSink: 'cloudwatch',
    });
    expect(() => readRuntimeEnv({ METRICS_SINK: 'kafka' })).toThrow(RuntimeEnvError);
    expect(() => readRuntimeEnv({ METRICS_SINK: 'kafka' })).toThrow(/METRICS_SINK must be one of cloudwatch, emf, got "kafka"/);
  });
});

describe('resolveEvent', () => {
  it('reports every problem of an event at once', () => {
    // Act
    const attempt = () => resolveEvent({ targets: [{ name: 'a', loginUrl: 'crm.pl' }], mode: 'hourly', extra: 1 }, undefined);
    // Assess
    expect(attempt).toThrow(InvalidEventError);
    expect(attempt).toThrow(/event\.extra: unknown key.*event\.mode: must be one of scheduled, smoke.*event\.targets\[0\]\.loginUrl/);
  });

  it('falls back to the baked config and reads a non-JSON one as a clear problem', () => {
    // Prepare
    const baked = JSON.stringify({ targets: [{ name: 'crm', loginUrl: 'https://crm.example.com/cgi-bin/xorg/crm.pl' }] });
    // Act
    const resolved = resolveEvent(undefined, baked);
    // Assess
    expect(resolved).toMatchObject({ mode: 'scheduled', source: 'SYNTHETICS_CONFIG' });
    expect(resolved.targets.map((t) => t.name)).toEqual(['crm']);
    expect(() => resolveEvent({}, '{not json')).toThrow(/SYNTHETICS_CONFIG: not JSON/);
  });
});

describe('sweepTmp', () => {
  it('removes old Playwright profiles and core dumps, keeps young and unrelated entries', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    try {
      const old = (Date.now() - 120_000) / 1000;
      for (const name of ['playwright_chromiumdev_profile-old', 'core.123']) {
        const path = join(dir, name);
        if (name.startsWith('playwright')) mkdirSync(path);
        else writeFileSync(path, 'dump');
        utimesSync(path, old, old);
      }
      mkdirSync(join(dir, 'playwright_chromiumdev_profile-new'));
      writeFileSync(join(dir, 'chromium'), 'binary');
      // Act
      const report = sweepTmp({ dir });
      // Assess
      expect(report.removed.map((path) => path.slice(dir.length + 1)).sort()).toEqual(['core.123', 'playwright_chromiumdev_profile-old']);
      expect(report.kept).toBe(1);
      expect(sweepTmp({ dir }).removed).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
