/**
 * The gate end to end on this machine: `smoke` (in process, as the CLI calls it) against the real
 * reference target with real Chromium. One target for the file; faults switched per test.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { smokeCommand } from '../../cli/commands/smoke';
import { EXIT_CODES } from '../../lambdas/core/exit-codes';
import type { SmokeReport } from '../../cli/smoke/gate-output';
import { startTarget, type RunningTarget } from '../../target/index';
import { passingResult } from './probe-result-fixture';

interface SmokeRun {
  readonly code: number;
  readonly out: string;
}

/** Runs `smoke` with its console output captured. */
async function smoke(args: readonly string[]): Promise<SmokeRun> {
  const lines: string[] = [];
  const capture = (...parts: unknown[]): void => void lines.push(parts.map(String).join(' '));
  const log = vi.spyOn(console, 'log').mockImplementation(capture);
  const error = vi.spyOn(console, 'error').mockImplementation(capture);
  try {
    const code = await smokeCommand.run(args);
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

interface JUnitTotals {
  tests: number;
  failures: number;
  errors: number;
}

async function junitTotals(path: string): Promise<JUnitTotals> {
  const xml = await readFile(path, 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  const root = new XMLParser({ ignoreAttributes: false }).parse(xml).testsuites as Record<string, string>;
  return { tests: Number(root['@_tests']), failures: Number(root['@_failures']), errors: Number(root['@_errors']) };
}

describe('smoke against the reference target (real Chromium)', () => {
  let target: RunningTarget;
  let dir: string;
  let config: string;

  beforeAll(async () => {
    target = await startTarget();
    dir = await mkdtemp(join(tmpdir(), 'smoke-gate-'));
    config = join(dir, 'synthetics.config.json');
    const bandwidth = {
      downloadUrl: target.downloadUrl,
      uploadUrl: target.uploadUrl,
      minDownloadMbps: 16,
      minUploadMbps: 1,
      budgetMs: 2_000,
    };
    await writeFile(
      config,
      JSON.stringify({
        targets: [
          {
            name: 'reference',
            loginUrl: target.loginUrl,
            websocket: { url: target.wsUrl, messages: 5 },
            http: { url: target.pingUrl },
            bandwidth,
          },
        ],
      }),
    );
  });
  afterEach(() => {
    target.setFaults([]);
  });
  afterAll(async () => {
    await target?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('passes a healthy target with exit 0 and writes a JUnit and a JSON report', async () => {
    // Prepare
    const junit = join(dir, 'healthy.xml');
    const json = join(dir, 'healthy.json');
    // Act
    const run = await smoke(['--config', config, '--retries', '0', '--junit', junit, '--json', json]);
    // Assess
    expect(run.code).toBe(EXIT_CODES.pass);
    expect(run.out).toMatch(/reference \/ all checks: PASS — login TTFB [\d.]+ ms, WebSocket RTT p95 [\d.]+ ms/);
    expect(run.out).toContain('Gate PASSED: 1 passed of 1 round (fail on: fail)');
    expect(await junitTotals(junit)).toEqual({ tests: 13, failures: 0, errors: 0 });
    const report = JSON.parse(await readFile(json, 'utf8')) as SmokeReport;
    expect(report.gate).toMatchObject({ passed: true, exitCode: 0, failOn: 'fail' });
    expect(report.results[0]).toMatchObject({ target: 'reference', location: 'local', status: 'pass' });
  });

  it.each([
    ['http-500', 'reference / login_page: FAIL http_status — login page answered HTTP 500'],
    ['ws-refuse', 'reference / websocket: FAIL websocket — WebSocket ws://'],
  ])('fails the gate with exit 1 on fault %s, after one retry, with the reason in one line', async (fault, reason) => {
    // Prepare
    target.setFaults([fault]);
    const junit = join(dir, `${fault}.xml`);
    const json = join(dir, `${fault}.json`);
    // Act
    const run = await smoke(['--config', config, '--junit', junit, '--json', json]);
    // Assess
    expect(run.code).toBe(EXIT_CODES.targetFailed);
    expect(run.out).toContain(reason);
    expect(run.out).toContain('Gate FAILED: 1 failed of 1 round');
    const totals = await junitTotals(junit);
    expect(totals.failures).toBeGreaterThanOrEqual(1);
    expect(totals.errors).toBe(0);
    const report = JSON.parse(await readFile(json, 'utf8')) as SmokeReport;
    expect(report.results[0]?.retried).toBe(true);
  });

  it('lets a degraded target (throttle=4) pass by default and fails it with --fail-on degraded', async () => {
    // Prepare
    target.setFaults(['throttle=4']);
    // Act
    const lenient = await smoke(['--config', config, '--retries', '0']);
    const strict = await smoke(['--config', config, '--retries', '0', '--fail-on', 'degraded']);
    // Assess
    expect(lenient.code).toBe(EXIT_CODES.pass);
    expect(lenient.out).toMatch(/reference \/ bandwidth: DEGRADED bandwidth — download [\d.]+ Mbit\/s < 16 Mbit\/s required \(not gating/);
    expect(strict.code).toBe(EXIT_CODES.targetFailed);
    expect(strict.out).toContain('Gate FAILED: 1 degraded of 1 round (fail on: degraded)');
  });

  it('fails against a baseline when bandwidth dropped below the requirement it met before, printing old vs new', async () => {
    // Prepare: a baseline from a healthy day (400 Mbit/s down, 2 ms WebSocket RTT p95)
    const baseline = join(dir, 'baseline.json');
    await writeFile(baseline, JSON.stringify({ results: [passingResult({ target: 'reference', location: 'local' })] }));
    target.setFaults(['throttle=4']);
    // Act
    const run = await smoke(['--config', config, '--retries', '0', '--baseline', baseline]);
    // Assess
    expect(run.code).toBe(EXIT_CODES.targetFailed);
    expect(run.out).toMatch(/reference \/ download bandwidth: 400 Mbit\/s → [\d.]+ Mbit\/s \(requires ≥ 16 Mbit\/s\) REGRESSED/);
    expect(run.out).toMatch(/reference \/ WebSocket RTT p95: 2\.0 ms → [\d.]+ ms \([^)]*\) (ok|REGRESSED)/);
    expect(run.out).toMatch(/reference \/ baseline download bandwidth: FAIL regression/);
  });

  it('fails on a rejected login and keeps the password out of every output', async () => {
    // Prepare: a config whose login step uses a wrong, recognizable password
    const secret = 'Sm0ke-Secret-7f3a9';
    const withLogin = join(dir, 'login.config.json');
    await writeFile(
      withLogin,
      JSON.stringify({
        targets: [
          {
            name: 'reference',
            loginUrl: target.loginUrl,
            credentials: { usernameEnv: 'SMOKE_TEST_USER', passwordEnv: 'SMOKE_TEST_PASSWORD' },
          },
        ],
      }),
    );
    vi.stubEnv('SMOKE_TEST_USER', 'demo');
    vi.stubEnv('SMOKE_TEST_PASSWORD', secret);
    const files = { junit: join(dir, 'login.xml'), json: join(dir, 'login.json'), out: join(dir, 'login-out') };
    try {
      // Act
      const run = await smoke(['--config', withLogin, '--retries', '0', '--junit', files.junit, '--json', files.json, '--out', files.out]);
      // Assess
      expect(run.code).toBe(EXIT_CODES.targetFailed);
      expect(run.out).toMatch(/reference \/ login: FAIL /);
      const written = [
        run.out,
        await readFile(files.junit, 'utf8'),
        await readFile(files.json, 'utf8'),
        await readFile(join(files.out, 'report.json'), 'utf8'),
        await readFile(join(files.out, 'report.html'), 'utf8'),
      ];
      for (const text of written) expect(text).not.toContain(secret);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
