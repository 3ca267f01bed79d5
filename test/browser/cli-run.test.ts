import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../lambdas/core/types';
import { startTarget, type RunningTarget } from '../../target/index';
import { fakeAwsEnv, startFakeSecretsManager } from '../handler/fake-aws';

const BIN = join(process.cwd(), 'bin', 'autocrm-synthetics.mjs');

interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real binary as a user would; async, so the target in this process keeps answering. */
function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 80_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('autocrm-synthetics run', () => {
  let dir: string;
  let target: RunningTarget;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'autocrm-run-'));
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('--demo starts the reference target, prints a passing round labelled demo target and writes the reports (npm start)', async () => {
    // Prepare
    const out = join(dir, 'default');
    // Act
    const { code, stdout } = await cli(['run', '--demo', '--out', out]);
    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(/Started the demo target \(the bundled reference target\) at http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toMatch(/\[reference\] {3}system_check ok/);
    expect(stdout).toMatch(/reference @ local \(demo target\): PASS/);
    expect(stdout).toMatch(/^1 target \(demo target\): 1 pass\. Reports in /m);
    expect(stdout).toContain('Ihr Browser wird unterstützt.');
    expect(stdout.split('\n').filter((line) => line.length > 120)).toEqual([]);
    const results = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as ProbeResult[];
    expect(results.map((r) => [r.target, r.status])).toEqual([['reference', 'pass']]);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('System-Check verdicts');
    expect(html).toContain('<svg');
    const metrics = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8')) as { MetricData: { MetricName: string }[] };
    expect(metrics.MetricData.map((d) => d.MetricName)).toContain('Availability');
  });

  it('--url probes any login page; a failing target exits 1, --json prints the results, evidence is written', async () => {
    // Prepare
    target.setFaults(['http-500']);
    const out = join(dir, 'failing');
    // Act
    const { code, stdout, stderr } = await cli(['run', '--url', target.loginUrl, '--out', out, '--json']);
    target.setFaults([]);
    // Assess
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as ProbeResult[];
    expect(results[0]?.failure).toMatchObject({ kind: 'http_status', step: 'login_page' });
    expect(stderr).toMatch(/FAIL \(http_status\)/);
    const screenshot = results[0]?.artifacts.find((a) => a.kind === 'screenshot');
    expect(screenshot?.path).toBeDefined();
    expect((await readFile(screenshot?.path ?? '')).length).toBe(screenshot?.bytes);
  });

  it('exits 2 with a did-you-mean and no stack trace for a mistyped flag', async () => {
    // Act
    const { code, stderr } = await cli(['run', '--jsno']);
    // Assess
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown option --jsno/);
    expect(stderr).toMatch(/--json/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a bad config file, naming the path of every problem', async () => {
    // Prepare
    const file = join(dir, 'bad.config.json');
    await writeFile(file, JSON.stringify({ targets: [{ name: 'x', loginUrl: 'crm.pl' }] }));
    // Act
    const { code, stderr } = await cli(['run', '--config', file, '--out', join(dir, 'bad')]);
    // Assess
    expect(code).toBe(2);
    expect(stderr).toMatch(/targets\[0\]\.loginUrl/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('--config with --target probes that target, logging in with credentials from the env vars the config names', async () => {
    // Prepare
    const file = join(dir, 'two-targets.config.json');
    const credentials = { usernameEnv: 'TEST_AUTOCRM_USER', passwordEnv: 'TEST_AUTOCRM_PASSWORD' };
    await writeFile(
      file,
      JSON.stringify({
        schedule: 5,
        targets: [
          { name: 'local', loginUrl: target.loginUrl, credentials },
          { name: 'elsewhere', loginUrl: 'http://127.0.0.1:1/cgi-bin/xorg/crm.pl' },
        ],
      }),
    );
    const out = join(dir, 'config');
    // Act
    const missing = await cli(['run', '--config', file, '--target', 'local', '--out', out]);
    const { code, stdout } = await cli(['run', '--config', file, '--target', 'local', '--out', out], {
      TEST_AUTOCRM_USER: 'demo',
      TEST_AUTOCRM_PASSWORD: 'demo-password',
    });
    // Assess
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\$TEST_AUTOCRM_USER, which is not set/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/login +ok/);
    const results = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as ProbeResult[];
    expect(results.map((r) => r.target)).toEqual(['local']);
    expect(results[0]?.login).toMatchObject({ ok: true, loggedOut: true });
    expect(JSON.stringify(results)).not.toContain('demo-password');
  });

  it('--config with a secretArn (and no env vars) logs in with the Secrets Manager secret; an unreadable one exits 2', async () => {
    // Prepare
    const arn = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:autocrm-login-AbCdEf';
    const secrets = await startFakeSecretsManager({ [arn]: JSON.stringify({ username: 'demo', password: 'demo-password' }) });
    const file = join(dir, 'secret.config.json');
    const missingFile = join(dir, 'secret-missing.config.json');
    const config = (secretArn: string) =>
      JSON.stringify({ schedule: 5, targets: [{ name: 'local', loginUrl: target.loginUrl, credentials: { secretArn } }] });
    await writeFile(file, config(arn));
    await writeFile(missingFile, config(arn.replace('AbCdEf', 'Gone00')));
    const env = fakeAwsEnv({ secretsManager: secrets.url });
    try {
      // Act
      const { code, stdout } = await cli(['run', '--config', file, '--out', join(dir, 'secret')], env);
      const unreadable = await cli(['run', '--config', missingFile, '--out', join(dir, 'secret-missing')], env);
      // Assess
      expect(code).toBe(0);
      expect(stdout).toMatch(/login +ok/);
      expect(secrets.requests).toContain(arn);
      const results = JSON.parse(await readFile(join(dir, 'secret', 'report.json'), 'utf8')) as ProbeResult[];
      expect(results[0]?.login).toMatchObject({ ok: true, loggedOut: true });
      expect(unreadable.code).toBe(2);
      expect(unreadable.stderr).toMatch(/target "local": could not get its login credentials/);
      expect(unreadable.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await secrets.close();
    }
  });

  it('exits 3 when Chromium cannot start (CHROMIUM_PATH=/nonexistent): a probe error, not a failed target', async () => {
    // Act
    const { code, stdout } = await cli(['run', '--url', target.loginUrl, '--out', join(dir, 'nochrome')], {
      CHROMIUM_PATH: '/nonexistent',
    });
    // Assess
    expect(code).toBe(3);
    expect(stdout).toMatch(/ERROR \(probe_error\)/);
    expect(stdout).toMatch(/CHROMIUM_PATH/);
  });
});
