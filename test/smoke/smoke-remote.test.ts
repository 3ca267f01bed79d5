import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../lambdas/core/exit-codes';
import type { SmokeReport } from '../../cli/smoke/gate-output';
import { startFakeLambda, type FakeLambda, type RegionBehaviour } from './fake-lambda';
import { passingResult, websocketFailedResult } from './probe-result-fixture';
import { runCli } from './run-cli';

/** Credentials and endpoint for the real SDK client; nothing can reach AWS. */
function awsEnv(endpoint: string): Record<string, string | undefined> {
  return {
    AWS_ENDPOINT_URL_LAMBDA: endpoint,
    AWS_ENDPOINT_URL: undefined,
    AWS_ACCESS_KEY_ID: 'AKIDSMOKETEST',
    AWS_SECRET_ACCESS_KEY: 'smoke-test-secret',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

function summary(location: string, results = [passingResult({ target: 'autocrm', location })]): RegionBehaviour {
  return { kind: 'summary', body: { ok: results.every((r) => r.status === 'pass'), location, mode: 'smoke', results } };
}

/** A config with the one target `autocrm`: `--remote` sends each (target, browser) round as its own invocation. */
async function oneTargetConfig(dir: string): Promise<string> {
  const path = join(dir, 'one-target.config.json');
  await writeFile(path, JSON.stringify({ targets: [{ name: 'autocrm', loginUrl: 'https://www.autocrm.de/cgi-bin/xorg/crm.pl' }] }));
  return path;
}

describe('smoke --remote against a local Lambda Invoke endpoint', () => {
  let dir: string;
  let fake: FakeLambda | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smoke-remote-'));
  });
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('invokes every region in parallel and aggregates; an erroring or missing region is a probe error (exit 3)', async () => {
    // Prepare
    fake = await startFakeLambda({
      'eu-central-1': summary('eu-central-1'),
      'eu-west-1': summary('eu-west-1'),
      'eu-west-3': {
        kind: 'function-error',
        errorType: 'Runtime.ExitError',
        errorMessage: 'RequestId: 1 Error: Runtime exited with error: signal: killed',
      },
      // us-east-1 has no function: the fake answers ResourceNotFoundException like Lambda does.
    });
    const jsonPath = join(dir, 'remote.json');
    const junitPath = join(dir, 'remote.xml');
    // Act
    const run = await runCli(
      [
        'smoke',
        '--remote',
        '--config',
        await oneTargetConfig(dir),
        '--region',
        'eu-central-1',
        '--region',
        'eu-west-1',
        '--region',
        'eu-west-3',
        '--region',
        'us-east-1',
        '--json',
        jsonPath,
        '--junit',
        junitPath,
      ],
      awsEnv(fake.endpoint),
    );
    // Assess
    // (stderr may carry the SDK's Node version notice; never a stack trace)
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(run.code).toBe(EXIT_CODES.probeError);
    expect(fake.requests.map((r) => r.region).sort()).toEqual(['eu-central-1', 'eu-west-1', 'eu-west-3', 'us-east-1']);
    for (const request of fake.requests) {
      expect(request).toMatchObject({
        functionName: 'autocrm-synthetics-probe',
        invocationType: 'RequestResponse',
        payload: { mode: 'smoke', targets: [expect.objectContaining({ name: 'autocrm', browsers: ['chromium'] })] },
      });
    }
    expect(run.stdout).toContain('autocrm @ eu-central-1 / all checks: PASS');
    expect(run.stdout).toContain(
      'autocrm @ eu-west-3 / launch: ERROR probe_error — could not measure: autocrm-synthetics-probe in eu-west-3: the function failed (Unhandled): Runtime.ExitError: RequestId: 1 Error: Runtime exited with error: signal: killed',
    );
    expect(run.stdout).toMatch(
      /autocrm @ us-east-1 \/ launch: ERROR probe_error — could not measure: autocrm-synthetics-probe in us-east-1: ResourceNotFoundException \(HTTP 404\): Function not found/,
    );
    expect(run.stdout).toContain(
      'Gate could not measure (probe error, not a verdict on the target): 2 could not be measured, 2 passed of 4 rounds',
    );
    const report = JSON.parse(await readFile(jsonPath, 'utf8')) as SmokeReport;
    expect(report.mode).toBe('remote');
    expect(report.results.map((r) => `${r.location}:${r.status}`).sort()).toEqual([
      'eu-central-1:pass',
      'eu-west-1:pass',
      'eu-west-3:error',
      'us-east-1:error',
    ]);
    expect(report.regions?.map((r) => `${r.region}:${r.answered}`).sort()).toEqual([
      'eu-central-1:true',
      'eu-west-1:true',
      'eu-west-3:false',
      'us-east-1:false',
    ]);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(await readFile(junitPath, 'utf8'));
    expect(xml.testsuites['@_errors']).toBe('2');
    expect(xml.testsuites.testsuite).toHaveLength(4);
  });

  it('fails the gate (exit 1) when a region measured a failure, even if another region errored', async () => {
    // Prepare
    fake = await startFakeLambda({
      'eu-central-1': summary('eu-central-1', [websocketFailedResult({ target: 'autocrm', location: 'eu-central-1' })]),
      'eu-west-1': { kind: 'function-error', errorType: 'Error', errorMessage: 'boom' },
    });
    // Act
    const run = await runCli(
      ['smoke', '--remote', '--config', await oneTargetConfig(dir), '--region', 'eu-central-1', '--region', 'eu-west-1'],
      awsEnv(fake.endpoint),
    );
    // Assess
    expect(run.code).toBe(EXIT_CODES.targetFailed);
    expect(run.stdout).toContain('autocrm @ eu-central-1 / websocket: FAIL websocket — 20/20 messages lost; no echo within 2000 ms');
    expect(run.stdout).toContain('Gate FAILED: 1 failed, 1 could not be measured of 2 rounds');
  });

  it('takes the regions from the config, sends the selected targets and fills {region} in the function name', async () => {
    // Prepare
    const configPath = join(dir, 'remote.config.json');
    await writeFile(
      configPath,
      JSON.stringify({
        probeRegions: ['eu-central-1', 'eu-west-1'],
        schedule: 5,
        targets: [
          { name: 'autocrm', loginUrl: 'https://www.autocrm.de/cgi-bin/xorg/crm.pl' },
          { name: 'staging', loginUrl: 'https://staging.autocrm.de/cgi-bin/xorg/crm.pl' },
        ],
      }),
    );
    fake = await startFakeLambda({
      'eu-central-1': summary('eu-central-1', [passingResult({ target: 'staging', location: 'eu-central-1' })]),
      'eu-west-1': summary('eu-west-1', [passingResult({ target: 'staging', location: 'eu-west-1' })]),
    });
    // Act
    const run = await runCli(
      ['smoke', '--remote', '--config', configPath, '--target', 'staging', '--function-name', 'probe-{region}'],
      awsEnv(fake.endpoint),
    );
    // Assess
    expect(run.code).toBe(EXIT_CODES.pass);
    expect(fake.requests.map((r) => `${r.region}:${r.functionName}`).sort()).toEqual([
      'eu-central-1:probe-eu-central-1',
      'eu-west-1:probe-eu-west-1',
    ]);
    const payload = fake.requests[0]?.payload as { mode: string; targets: { name: string; loginUrl: string }[] };
    expect(payload.mode).toBe('smoke');
    expect(payload.targets.map((t) => [t.name, t.loginUrl])).toEqual([['staging', 'https://staging.autocrm.de/cgi-bin/xorg/crm.pl']]);
    expect(run.stdout).toContain('Gate PASSED: 2 passed of 2 rounds');
  });

  it('rejects a region that does not exist before invoking anything (exit 2)', async () => {
    // Prepare
    fake = await startFakeLambda({});
    // Act
    const run = await runCli(['smoke', '--remote', '--region', 'eu-centrl-1'], awsEnv(fake.endpoint));
    // Assess
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('--region "eu-centrl-1" is not an AWS region. Did you mean "eu-central-1"?');
    expect(fake.requests).toEqual([]);
  });
});
