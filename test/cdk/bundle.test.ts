import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceTargetConfig } from '../../lambdas/core/config';
import { compactTargets } from '../../lib/compact-targets';
import { addMonitorStacks } from '../../lib/monitor-app';
import { startTarget } from '../../target/index';
import { newTestApp, removeSynthOutputs, testConfig } from './fixtures';

const run = promisify(execFile);

/** The staged asset folders of the cloud assembly, by what they contain. */
function findAsset(outdir: string, marker: string): string {
  const dirs = readdirSync(outdir)
    .filter((name) => name.startsWith('asset.'))
    .map((name) => join(outdir, name));
  const found = dirs.filter((dir) => existsSync(join(dir, marker)));
  expect(found, `an asset with ${marker}`).not.toHaveLength(0);
  return found[0]!;
}

/**
 * The one real synth: local esbuild bundles the handler and the smoke gate, and the browser layer
 * is copied from node_modules. No Docker, no network (the test would fail without them otherwise).
 */
let outdir: string;

beforeAll(() => {
  const app = newTestApp();
  addMonitorStacks(app, testConfig({ probeRegions: ['eu-west-1'], alarms: { outageQuorum: 1 }, smokeTrigger: true }), { bundle: true });
  outdir = app.synth().directory;
}, 180_000);
afterAll(removeSynthOutputs);

describe('real synth with local bundling', () => {
  it('stages the browser layer as nodejs/node_modules with Chromium, playwright-core and their dependencies', () => {
    const modules = join(findAsset(outdir, join('nodejs', 'node_modules', '@sparticuz', 'chromium')), 'nodejs', 'node_modules');
    for (const file of [
      '@sparticuz/chromium/bin/chromium.br',
      '@sparticuz/chromium/build/cjs/index.cjs',
      'playwright-core/package.json',
      'tar-fs/package.json',
      'follow-redirects/package.json',
    ]) {
      expect(existsSync(join(modules, file)), file).toBe(true);
    }
  });

  it('bundles the handler with the AWS SDK inside and the browser modules outside', () => {
    const probe = readFileSync(join(findProbeBundle(outdir), 'index.js'), 'utf8');
    expect(probe).toMatch(/require\("playwright-core"\)/);
    expect(probe).toMatch(/require\("@sparticuz\/chromium"\)/);
    // The SDK is inside; only its optional CRT signer is looked up at run time (inside a try).
    expect(probe).not.toMatch(/require\("@aws-sdk\/(?!signature-v4-crt")/);
    expect(probe).toContain('PutMetricData');
    expect(existsSync(join(findProbeBundle(outdir), 'index.js.map'))).toBe(true);
  });

  it('runs: the bundle loads Chromium from the layer and answers a bad event with a probe_error summary', async () => {
    // Act
    const { summary } = await invokeBundle(outdir, { mode: 'bogus' }, 'bad-event');
    // Assess
    expect(summary).toMatchObject({ ok: false, location: 'eu-west-1' });
    const [result] = summary.results;
    expect(result).toMatchObject({ status: 'error', failure: { kind: 'probe_error' } });
    expect(result?.failure.message).toMatch(/event\.mode/);
  });

  it('runs a whole round with the Chromium of the layer against the reference target', async () => {
    // Prepare
    const target = await startTarget();
    try {
      // Act: the deployed artifact as the smoke gate runs it: no targets in the event, the compacted
      // targets baked into SYNTHETICS_CONFIG as the stack does.
      const baked = JSON.stringify({ targets: compactTargets([referenceTargetConfig(target.origin)]) });
      const { summary, stdout } = await invokeBundle(outdir, { mode: 'smoke' }, 'round', { SYNTHETICS_CONFIG: baked });
      // Assess: the round passed and its datapoints went out as EMF.
      expect(summary).toMatchObject({ ok: true, mode: 'smoke', location: 'eu-west-1' });
      const [result] = summary.results;
      expect(['pass', 'degraded']).toContain(result?.status);
      expect(result?.browser.version).toMatch(/^\d+\./);
      expect(stdout).toMatch(/"MetricName":"Availability"|"Name":"Availability"/);
    } finally {
      await target.close();
    }
  });
});

describe('real synth: the smoke gate bundle', () => {
  let server: Server;
  let requests: { url: string; body: string }[];
  let reply: unknown;

  beforeAll(async () => {
    // A local stand-in for the Lambda Invoke API that records what the gate sends.
    requests = [];
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests.push({ url: request.url ?? '', body });
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function runGate(): Promise<{ code: number; output: string }> {
    const gate = readdirSync(outdir)
      .map((name) => join(outdir, name, 'index.js'))
      .find((file) => existsSync(file) && readFileSync(file, 'utf8').includes('smoke gate failed in'));
    expect(gate, 'the smoke gate bundle').toBeDefined();
    const { port } = server.address() as AddressInfo;
    const script = `require(${JSON.stringify(gate)}).handler().then((v) => console.log(v), (e) => { console.error(e.name + ': ' + e.message); process.exit(1); })`;
    return run(process.execPath, ['-e', script], {
      cwd: outdir,
      env: {
        PATH: process.env.PATH,
        PROBE_FUNCTION_NAME: 'arn:aws:lambda:eu-west-3:111111111111:function:probe:7',
        AWS_REGION: 'eu-west-3',
        AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${port}`,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
      },
      timeout: 30_000,
    }).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
    );
  }

  it('invokes the probe version with mode smoke and passes on ok: true', async () => {
    reply = { ok: true, location: 'eu-west-3', mode: 'smoke', results: [{ target: 'autocrm', status: 'pass', failure: null }] };
    const outcome = await runGate();
    expect(outcome.code).toBe(0);
    expect(outcome.output).toContain('smoke gate passed in eu-west-3: autocrm pass');
    expect(requests.at(-1)).toEqual({
      url: `/2015-03-31/functions/${encodeURIComponent('arn:aws:lambda:eu-west-3:111111111111:function:probe:7')}/invocations`,
      body: '{"mode":"smoke"}',
    });
  });

  it('throws (and so fails the deployment) on ok: false', async () => {
    reply = {
      ok: false,
      location: 'eu-west-3',
      mode: 'smoke',
      results: [{ target: 'autocrm', status: 'fail', failure: { kind: 'tls', step: 'login_page', message: 'certificate expired' } }],
    };
    const outcome = await runGate();
    expect(outcome.code).toBe(1);
    expect(outcome.output).toContain(
      'SmokeGateError: smoke gate failed in eu-west-3: autocrm fail (tls at login_page: certificate expired)',
    );
  });
});

interface Invocation {
  readonly summary: { ok: boolean; results: { status: string; failure: { message: string }; browser: { version: string } }[] } & Record<
    string,
    unknown
  >;
  readonly stdout: string;
}

/**
 * Runs the bundled handler in a fresh Node process the way Lambda does: layer modules on NODE_PATH,
 * nothing else resolvable, metrics as EMF on stdout (no network), a private TMPDIR (the handler
 * sweeps /tmp, which other processes on this machine share).
 */
async function invokeBundle(outdir: string, event: unknown, name: string, extraEnv: Record<string, string> = {}): Promise<Invocation> {
  const layerModules = join(findAsset(outdir, join('nodejs', 'node_modules', 'playwright-core')), 'nodejs', 'node_modules');
  const tmp = join(outdir, `tmp-${name}`);
  mkdirSync(tmp);
  const context = "{ getRemainingTimeInMillis: () => 45000, awsRequestId: 'r1', functionName: 'probe', memoryLimitInMB: '2048' }";
  const script = `require(${JSON.stringify(join(findProbeBundle(outdir), 'index.js'))}).handler(${JSON.stringify(event)}, ${context}).then((s) => console.log('SUMMARY ' + JSON.stringify(s)))`;
  const { stdout } = await run(process.execPath, ['-e', script], {
    cwd: outdir,
    env: {
      PATH: process.env.PATH,
      NODE_PATH: layerModules,
      TMPDIR: tmp,
      AWS_REGION: 'eu-west-1',
      LOCATION: 'eu-west-1',
      NAMESPACE: 'Test',
      METRICS_SINK: 'emf',
      ...extraEnv,
    },
    timeout: 80_000,
    maxBuffer: 20_000_000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('SUMMARY '));
  expect(line, stdout.slice(-2000)).toBeDefined();
  return { summary: JSON.parse(line!.slice('SUMMARY '.length)), stdout };
}

function findProbeBundle(outdir: string): string {
  const dirs = readdirSync(outdir)
    .filter((name) => name.startsWith('asset.'))
    .map((name) => join(outdir, name));
  const found = dirs.find(
    (dir) => existsSync(join(dir, 'index.js')) && readFileSync(join(dir, 'index.js'), 'utf8').includes('SYNTHETICS_CONFIG'),
  );
  expect(found, 'the probe bundle').toBeDefined();
  return found!;
}
