/**
 * Secrets: a recognizable password is planted where the monitor reads credentials (environment for
 * the CLI `run` and `smoke`, a local Secrets Manager for the Lambda handler), full rounds with the
 * login step run — one that logs in and out, one stuck with the password typed into the field — and
 * every output is searched for it: stdout/stderr, log lines, report.json/html, metrics.json, JUnit,
 * the smoke JSON, EMF lines, S3 artifact bodies and screenshots. Reports never carry cookies or
 * authorization headers either.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeLocally } from '../../cli/commands/invoke';
import { referenceTargetConfig } from '../../lambdas/core/config';
import { captureArtifacts } from '../../lambdas/probe/artifacts';
import { launchBrowser } from '../../lambdas/probe/browser';
import { ENV_KEYS } from '../../lambdas/runtime/env';
import { startTarget, SESSION_COOKIE, type RunningTarget } from '../../target/index';
import { fakeAwsEnv, startFakeS3, startFakeSecretsManager, type FakeS3, type FakeSecretsManager } from '../handler/fake-aws';
import { captureOutput, STACK_LINE } from './output';

/** Nobody types this by accident: finding it anywhere means it leaked. */
const PLANTED = 'S3cr3t-PLANTED-xyz';
const USERNAME = 'monitor-user';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:autocrm-login-AbCdEf';
/** What may never appear in a report: request/response headers and the target's session cookie. */
const FORBIDDEN = [/\bcookie\b/i, /set-cookie/i, /authorization/i, new RegExp(SESSION_COOKIE)];

const run = promisify(execFile);
const REPO_ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(REPO_ROOT, 'bin', 'autocrm-synthetics.mjs');

let target: RunningTarget;
let s3: FakeS3;
let secrets: FakeSecretsManager;
let scratch: string;

beforeAll(async () => {
  [target, s3, secrets] = await Promise.all([
    startTarget({ credentials: { username: USERNAME, password: PLANTED } }),
    startFakeS3(),
    startFakeSecretsManager({ [SECRET_ARN]: JSON.stringify({ username: USERNAME, password: PLANTED }) }),
  ]);
  scratch = mkdtempSync(join(tmpdir(), 'robustness-secrets-'));
});

afterAll(async () => {
  await Promise.all([target?.close(), s3?.close(), secrets?.close()]);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/**
 * Two targets with the login step: `login-ok` logs in and out; `login-stuck` types user and password,
 * then finds no submit button, so the round fails at `login` with the password in the field and
 * failure evidence is captured. Small measurements keep each round a few seconds.
 */
function loginTargets(credentials: Record<string, unknown>): Record<string, unknown>[] {
  const base = referenceTargetConfig(target.origin);
  const quick = {
    name: 'login-ok',
    loginUrl: base.loginUrl,
    websocket: { url: base.websocket?.url, messages: 3, intervalMs: 10 },
    http: { url: base.http?.url, samples: 2 },
    timeouts: { stepMs: 2_000, roundMs: 15_000 },
  };
  return [
    { ...quick, credentials },
    { ...quick, name: 'login-stuck', credentials: { ...credentials, submitSelector: '#no-such-submit-button' } },
  ];
}

/** Every file below `dir`, recursively. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/**
 * Asserts that no output holds the password (raw or URL-encoded), a header or cookie name, or any
 * session id the target issued during the test (the logins did happen, so there are some).
 */
function expectClean(outputs: Record<string, string>): void {
  const sessionIds = target.issuedSessionIds();
  expect(sessionIds.length).toBeGreaterThan(0);
  expect(Object.keys(outputs).length).toBeGreaterThan(0);
  for (const [name, text] of Object.entries(outputs)) {
    expect({ name, leaks: text.includes(PLANTED) || text.includes(encodeURIComponent(PLANTED)) }).toEqual({ name, leaks: false });
    expect({ name, headers: FORBIDDEN.filter((pattern) => pattern.test(text)).map(String) }).toEqual({ name, headers: [] });
    expect({ name, sessionIds: sessionIds.filter((id) => text.includes(id)) }).toEqual({ name, sessionIds: [] });
  }
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, AUTOCRM_USERNAME: USERNAME, AUTOCRM_PASSWORD: PLANTED };
  return run(process.execPath, [CLI, ...args], { cwd: scratch, env, timeout: 120_000, maxBuffer: 20_000_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

function writeConfig(name: string): string {
  const file = join(scratch, name);
  const credentials = { usernameEnv: 'AUTOCRM_USERNAME', passwordEnv: 'AUTOCRM_PASSWORD' };
  writeFileSync(file, JSON.stringify({ probeRegions: ['eu-central-1'], targets: loginTargets(credentials) }));
  return file;
}

describe('secrets never leave the monitor', () => {
  it('CLI run: a full round with the login step leaks the password nowhere', async () => {
    // Prepare
    const out = join(scratch, 'run');
    // Act
    const outcome = await cli(['run', '--config', writeConfig('run.json'), '--out', out, '--publish', 'emf']);
    // Assess: login-ok logged in, login-stuck failed at login with evidence of the typed-in form.
    expect(outcome.code).toBe(1);
    const results = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Array<{
      target: string;
      login?: { ok: boolean };
      failure: { step: string } | null;
    }>;
    expect(results.find((r) => r.target === 'login-ok')?.login?.ok).toBe(true);
    expect(results.find((r) => r.target === 'login-stuck')?.failure?.step).toBe('login');
    const files = filesBelow(out);
    expect(files.some((file) => file.endsWith('login-stuck-login.html'))).toBe(true);
    expect(files.some((file) => file.endsWith('.png'))).toBe(true);
    expect(outcome.stdout).toContain('"_aws"');
    expectClean({
      stdout: outcome.stdout,
      stderr: outcome.stderr,
      ...Object.fromEntries(files.map((file) => [file, readFileSync(file, 'latin1')])),
    });
    expect(outcome.stderr).not.toMatch(STACK_LINE);
  });

  it('CLI smoke: JUnit, JSON and the report folder leak the password nowhere', async () => {
    // Prepare
    const out = join(scratch, 'smoke');
    const junit = join(scratch, 'smoke.xml');
    const json = join(scratch, 'smoke.json');
    // Act
    const outcome = await cli([
      'smoke',
      '--config',
      writeConfig('smoke.json'),
      '--junit',
      junit,
      '--json',
      json,
      '--out',
      out,
      '--retries',
      '0',
    ]);
    // Assess
    expect(outcome.code).toBe(1);
    expect(readFileSync(junit, 'utf8')).toContain('login-stuck');
    const files = [junit, json, ...filesBelow(out)];
    expectClean({
      stdout: outcome.stdout,
      stderr: outcome.stderr,
      ...Object.fromEntries(files.map((file) => [file, readFileSync(file, 'latin1')])),
    });
  });

  it('Lambda handler: the secret from Secrets Manager reaches no log line, EMF line, summary or S3 artifact', async () => {
    // Prepare
    const before = s3.objects.length;
    // The stuck login's confirmation round (30 s later in production, 1 s here) must leak nothing either.
    const env = fakeAwsEnv(
      { s3: s3.url, secretsManager: secrets.url },
      { AWS_REGION: 'eu-central-1', METRICS_SINK: 'emf', [ENV_KEYS.confirmationDelayMs]: '1000' },
    );
    // Act
    const {
      value: outcome,
      stdout,
      stderr,
    } = await captureOutput(() => invokeLocally({ targets: loginTargets({ secretArn: SECRET_ARN }) }, { timeoutS: 80, env }));
    // Assess
    // By name: a round that fails (the stuck one, or a measurement on a busy machine) brings its confirmation round
    const first = (name: string) => outcome.summary.results.find((result) => result.target === name && !result.confirmation);
    const [ok, stuck] = [first('login-ok'), first('login-stuck')];
    expect(ok?.login).toMatchObject({ attempted: true, ok: true });
    expect(stuck?.failure?.step).toBe('login');
    expect(secrets.requests).toContain(SECRET_ARN);
    const stored = s3.objects.slice(before);
    expect(stored.map((object) => object.contentType)).toEqual(expect.arrayContaining(['image/png', expect.stringMatching(/^text\/html/)]));
    expect(stdout).toContain('"_aws"');
    expectClean({
      stdout,
      stderr,
      summary: JSON.stringify(outcome.summary),
      ...Object.fromEntries(stored.map((object) => [object.key, object.body.toString('latin1')])),
    });
  });

  it('evidence of a page with a typed-in password: the field is emptied before the screenshot and the HTML', async () => {
    // Prepare: the login form with the password typed in, as the stuck login leaves it.
    const launched = await launchBrowser();
    try {
      const page = await launched.browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(target.loginUrl);
      await page.fill('#password', PLANTED);
      const withPassword = await page.screenshot({ animations: 'disabled', caret: 'hide' });
      // Act
      const { blobs, withheld } = await captureArtifacts(page, {
        target: 'masking',
        step: 'login',
        secrets: [PLANTED],
        secretsTyped: true,
      });
      // Assess: the documented mechanism (lambdas/probe/artifacts.ts): every password field is emptied
      // and masked before anything is captured, so the PNG shows a masked empty field.
      expect(withheld).toEqual([]);
      expect(await page.inputValue('#password')).toBe('');
      const png = blobs.find((blob) => blob.kind === 'screenshot')?.body;
      const html = blobs.find((blob) => blob.kind === 'html')?.body.toString('utf8');
      expect(png).toBeDefined();
      expect(html).toContain('id="password"');
      expect(html).not.toContain(PLANTED);
      const masked = await page.screenshot({
        animations: 'disabled',
        caret: 'hide',
        mask: [page.locator('#password')],
        maskColor: '#202020',
      });
      expect(png?.equals(masked)).toBe(true);
      expect(png?.equals(withPassword)).toBe(false);
    } finally {
      await launched.close();
    }
  });
});
