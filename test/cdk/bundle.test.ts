import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceTargetConfig } from '../../lambdas/core/config';
import { FIREFOX_PROBE_FUNCTION_NAME, PROBE_FUNCTION_NAME } from '../../lambdas/core/names';
import { pairEvent } from '../../lib/probe-pairs';
import { REPO_ROOT } from '../../lib/paths';
import { startTarget } from '../../target/index';
import { startFakeCloudWatch } from '../publish/fake-cloudwatch';
import {
  type FunctionAssets,
  functionAssets,
  invokeLaidOut,
  LAMBDA_UNZIPPED_LIMIT_BYTES,
  layOut,
  lambdaNodeBinary,
  unzippedBytes,
} from './lambda-layout';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'autocrm-bundle-'));

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
 * The shipped example config with the smoke gate on, probing from one region (every region's assets
 * are the same), each target in all three browsers (so the Firefox image is staged too).
 */
function configFile(): string {
  const file = join(scratch, 'synthetics.config.json');
  const example = JSON.parse(readFileSync(join(REPO_ROOT, 'synthetics.config.example.json'), 'utf8')) as { targets: object[] };
  const targets = example.targets.map((target) => ({ ...target, browsers: ['chromium', 'firefox', 'edge'] }));
  writeFileSync(file, JSON.stringify({ ...example, targets, probeRegions: [REGION], alarms: { outageQuorum: 1 }, smokeTrigger: true }));
  return file;
}

/**
 * `cdk synth` as the CDK CLI runs it: bin/app.ts in a fresh process with the context in
 * CDK_CONTEXT_JSON, bundling on (local esbuild, the layer copied from node_modules). Docker is made
 * unusable (CDK_DOCKER points nowhere) and no credentials are around, so it must stay offline.
 */
async function cdkSynth(config: string, outdir: string): Promise<void> {
  await run(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bin', 'app.ts')], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: scratch,
      TMPDIR: process.env.TMPDIR ?? tmpdir(),
      CDK_DOCKER: '/nonexistent/docker',
      AWS_EC2_METADATA_DISABLED: 'true',
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ configPath: config, 'aws:cdk:enable-asset-metadata': true }),
    },
    timeout: 240_000,
    maxBuffer: 20_000_000,
  });
}

const REGION = 'eu-west-1';
/** A resource of a synthesized template, as far as these tests read it. */
interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}
const PROBE_TEMPLATE = `AutocrmSynthetics-Probe-${REGION}.template.json`;
/** Two synths of the same commit: the first is also the bundle the tests below run. */
let outdir: string;
let secondOutdir: string;

beforeAll(async () => {
  const config = configFile();
  outdir = join(scratch, 'synth-1');
  secondOutdir = join(scratch, 'synth-2');
  await Promise.all([cdkSynth(config, outdir), cdkSynth(config, secondOutdir)]);
}, 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('cdk synth', () => {
  it('is reproducible: two runs of the same commit write byte-identical templates and assets manifests', () => {
    const files = readdirSync(outdir).filter((name) => name.endsWith('.template.json') || name.endsWith('.assets.json'));
    expect(files.sort()).toEqual(
      readdirSync(secondOutdir)
        .filter((name) => files.includes(name))
        .sort(),
    );
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      expect(readFileSync(join(secondOutdir, file), 'utf8'), file).toBe(readFileSync(join(outdir, file), 'utf8'));
    }
  });

  it('needs no lookup in an AWS account (nothing missing from the manifest)', () => {
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { missing?: unknown[] };
    expect(manifest.missing ?? []).toEqual([]);
  });
});

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

  it('stages the Firefox image (Dockerfile, the same handler bundle, playwright-core beside it) without building it', () => {
    const context = findAsset(outdir, 'Dockerfile');
    expect(readFileSync(join(context, 'Dockerfile'), 'utf8')).toMatch(/^FROM public\.ecr\.aws\/lambda\/nodejs:22$/m);
    const handler = readFileSync(join(context, 'index.js'), 'utf8');
    expect(handler).toMatch(/require\("playwright-core"\)/);
    expect(handler).toContain('PutMetricData');
    expect(existsSync(join(context, 'index.js.map'))).toBe(true);
    expect(existsSync(join(context, 'node_modules', 'playwright-core', 'package.json'))).toBe(true);
    const template = JSON.parse(readFileSync(join(outdir, PROBE_TEMPLATE), 'utf8')) as { Resources: Record<string, CfnResourceJson> };
    const images = Object.values(template.Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.PackageType === 'Image',
    );
    expect(images.map((r) => r.Properties?.FunctionName)).toEqual([FIREFOX_PROBE_FUNCTION_NAME]);
  });

  it('bundles the handler with the AWS SDK inside and the browser modules outside', () => {
    const { codeDir } = functionAssets(outdir, PROBE_TEMPLATE, PROBE_FUNCTION_NAME);
    const probe = readFileSync(join(codeDir, 'index.js'), 'utf8');
    expect(probe).toMatch(/require\("playwright-core"\)/);
    expect(probe).toMatch(/require\("@sparticuz\/chromium"\)/);
    // The SDK is inside; only its optional CRT signer is looked up at run time (inside a try).
    expect(probe).not.toMatch(/require\("@aws-sdk\/(?!signature-v4-crt")/);
    expect(probe).toContain('PutMetricData');
    expect(existsSync(join(codeDir, 'index.js.map'))).toBe(true);
  });
});

describe('the probe as Lambda runs it (code asset + layers from the synth, Node.js 22)', () => {
  let assets: FunctionAssets;
  let layout: { task: string; opt: string };
  let node: string;

  beforeAll(() => {
    assets = functionAssets(outdir, PROBE_TEMPLATE, PROBE_FUNCTION_NAME);
    layout = layOut(assets, join(scratch, 'lambda'));
    node = lambdaNodeBinary();
  });

  it("fits Lambda's 250 MB unzipped limit with code and layers together", () => {
    const codeBytes = unzippedBytes(assets.codeDir);
    const layerBytes = assets.layerDirs.reduce((sum, dir) => sum + unzippedBytes(dir), 0);
    const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
    console.log(
      `probe bundle unzipped: code ${mb(codeBytes)} MB + layers ${mb(layerBytes)} MB = ${mb(codeBytes + layerBytes)} MB ` +
        `of Lambda's ${mb(LAMBDA_UNZIPPED_LIMIT_BYTES)} MB`,
    );
    expect(assets.layerDirs).toHaveLength(1);
    expect(codeBytes + layerBytes).toBeLessThan(LAMBDA_UNZIPPED_LIMIT_BYTES);
  });

  it('runs on the Node.js major the function declares', async () => {
    const { stdout } = await run(node, ['--version']);
    console.log(`Lambda runtime ${assets.runtime}, local Node.js ${stdout.trim()}`);
    expect(assets.runtime).toBe(`nodejs${stdout.trim().replace(/^v/, '').split('.')[0]}.x`);
    expect(assets.runtime).toBe('nodejs22.x');
  });

  it('answers a bad event with a probe_error summary', async () => {
    // Act
    const { summary } = await invokeLaidOut(assets, layout, {
      node,
      event: { mode: 'bogus' },
      env: { TMPDIR: tmpFor('bad-event'), AWS_REGION: REGION, METRICS_SINK: 'emf', LOCATION: REGION },
      timeoutMs: 80_000,
    });
    // Assess
    expect(summary).toMatchObject({ ok: false, location: REGION });
    const [result] = summary.results as unknown as { status: string; failure: { kind: string; message: string } }[];
    expect(result).toMatchObject({ status: 'error', failure: { kind: 'probe_error' } });
    expect(result?.failure.message).toMatch(/event\.mode/);
  });

  it("runs a whole round with the layer's Chromium against the reference target, and its datapoints arrive in CloudWatch", async () => {
    // Prepare: the reference target, a local CloudWatch endpoint, the function's own environment from
    // the template, and the event a schedule sends: one target in one browser.
    const target = await startTarget();
    const cloudWatch = await startFakeCloudWatch();
    try {
      const templateEnv = Object.fromEntries(Object.entries(assets.environment).filter(([, value]) => typeof value === 'string')) as Record<
        string,
        string
      >;
      // Act
      const { summary } = await invokeLaidOut(assets, layout, {
        node,
        event: { mode: 'smoke', ...pairEvent({ target: referenceTargetConfig(target.origin), browser: 'chromium' }) },
        env: {
          ...templateEnv,
          TMPDIR: tmpFor('round'),
          AWS_REGION: REGION,
          AWS_ENDPOINT_URL_CLOUDWATCH: cloudWatch.url,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
        },
        timeoutMs: 80_000,
      });
      // Assess: the round passed, and its datapoints reached the endpoint as PutMetricData.
      expect(templateEnv).toMatchObject({ LOCATION: REGION, HOME_REGION: 'eu-central-1', NAMESPACE: 'AutoCRM/Synthetics' });
      // No targets in the environment: each schedule's event names its pair, so it never outgrows 4 KB.
      expect(Object.keys(templateEnv)).not.toContain('SYNTHETICS_CONFIG');
      expect(summary).toMatchObject({ ok: true, mode: 'smoke', location: REGION });
      const [result] = summary.results;
      expect(['pass', 'degraded']).toContain(result?.status);
      expect(result?.browser.version).toMatch(/^\d+\./);
      const availability = cloudWatch
        .acceptedDatums()
        .filter((datum) => datum.MetricName === 'Availability' && datum.Dimensions?.some((d) => d.Name === 'Target'));
      // per target and location, and the same again per browser
      expect(availability).toEqual([
        expect.objectContaining({ Value: 1, Dimensions: expect.arrayContaining([{ Name: 'Location', Value: REGION }]) }),
        expect.objectContaining({ Value: 1, Dimensions: expect.arrayContaining([{ Name: 'Browser', Value: 'chromium' }]) }),
      ]);
      expect(cloudWatch.requests.every((request) => request.body.Namespace === 'AutoCRM/Synthetics')).toBe(true);
    } finally {
      await cloudWatch.close();
      await target.close();
    }
  });
});

describe("the Firefox image's handler as Lambda runs it (its staged build context, this machine's Firefox ESR)", () => {
  /** The image's own environment (the Dockerfile's ENV), with Firefox where this machine has it and a private HOME. */
  function dockerfileEnv(context: string, home: string): Record<string, string> {
    const text = readFileSync(join(context, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
    const env = Object.fromEntries(
      text
        .split('\n')
        .filter((line) => line.startsWith('ENV '))
        .flatMap((line) => [...line.slice(4).matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])),
    );
    expect(env).toMatchObject({ FIREFOX_PATH: '/opt/firefox/firefox', HOME: '/tmp' });
    return { ...env, FIREFOX_PATH: '/usr/bin/firefox-esr', HOME: home };
  }

  it('runs a whole Firefox round against the reference target from the staged index.js and node_modules alone', async () => {
    // Prepare: the build context as the image's task root, no layer; the function's environment from the template.
    const context = findAsset(outdir, 'Dockerfile');
    const template = JSON.parse(readFileSync(join(outdir, PROBE_TEMPLATE), 'utf8')) as { Resources: Record<string, CfnResourceJson> };
    const fn = Object.values(template.Resources).find((r) => r.Properties?.FunctionName === FIREFOX_PROBE_FUNCTION_NAME);
    const variables = (fn?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    const templateEnv = Object.fromEntries(Object.entries(variables).filter(([, value]) => typeof value === 'string')) as Record<
      string,
      string
    >;
    const assets: FunctionAssets = {
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      environment: variables,
      codeDir: context,
      layerDirs: [],
    };
    const layout = layOut(assets, join(scratch, 'firefox-image'));
    const target = await startTarget();
    try {
      // Act
      const { summary } = await invokeLaidOut(assets, layout, {
        node: lambdaNodeBinary(),
        event: { mode: 'smoke', ...pairEvent({ target: referenceTargetConfig(target.origin), browser: 'firefox' }) },
        env: {
          ...templateEnv,
          ...dockerfileEnv(context, tmpFor('firefox-home')),
          TMPDIR: tmpFor('firefox-round'),
          AWS_REGION: REGION,
          METRICS_SINK: 'emf',
        },
        timeoutMs: 120_000,
      });
      // Assess: real Gecko ran the journey, from nothing but what the image gets.
      expect(summary).toMatchObject({ ok: true, mode: 'smoke', location: REGION });
      const [result] = summary.results as unknown as { status: string; browser: { name: string; engine: string; version: string } }[];
      expect(['pass', 'degraded']).toContain(result?.status);
      expect(result?.browser).toMatchObject({ name: 'firefox', engine: 'gecko' });
      expect(result?.browser.version).toMatch(/^\d+\./);
    } finally {
      await target.close();
    }
  });
});

/** A private TMPDIR per invocation: the handler sweeps /tmp, which other processes here share. */
function tmpFor(name: string): string {
  const dir = join(scratch, `tmp-${name}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('real synth: the smoke gate bundle', () => {
  const CHROMIUM = 'arn:aws:lambda:eu-west-3:111111111111:function:autocrm-synthetics-probe';
  const FIREFOX = `${CHROMIUM}-firefox`;
  /** Two schedules, as the stack writes them: one pair on each function. */
  const SCHEDULES: Record<string, { Arn: string; Input: string }> = {
    'pair-0': {
      Arn: CHROMIUM,
      Input: JSON.stringify({ targets: [{ name: 'autocrm', loginUrl: 'https://a.example/', browsers: ['edge'] }] }),
    },
    'pair-1': {
      Arn: FIREFOX,
      Input: JSON.stringify({ targets: [{ name: 'autocrm', loginUrl: 'https://a.example/', browsers: ['firefox'] }] }),
    },
  };
  let server: Server;
  let invocations: { url: string; body: string }[];
  let replies: Record<string, unknown>;

  beforeAll(async () => {
    // One local stand-in for the Scheduler API (the schedules of the group) and Lambda Invoke (records what the gate sends).
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://stand-in');
        const answer = (value: unknown): void =>
          void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        if (url.pathname === '/schedules') return answer({ Schedules: Object.keys(SCHEDULES).map((Name) => ({ Name })) });
        const schedule = /^\/schedules\/(.+)$/.exec(url.pathname)?.[1];
        if (schedule) return answer({ Name: schedule, Target: { ...SCHEDULES[schedule], RoleArn: 'arn:aws:iam::111111111111:role/r' } });
        invocations.push({ url: request.url ?? '', body });
        const arn = decodeURIComponent(/functions\/([^/]+)\/invocations/.exec(url.pathname)?.[1] ?? '');
        return answer(replies[arn]);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function runGate(): Promise<{ code: number; output: string }> {
    invocations = [];
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
        SCHEDULE_GROUP: 'probe-schedules',
        PROBE_VERSION_ARNS: `${CHROMIUM}:7,${FIREFOX}:3`,
        AWS_REGION: 'eu-west-3',
        AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${port}`,
        AWS_ENDPOINT_URL_SCHEDULER: `http://127.0.0.1:${port}`,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
      },
      timeout: 30_000,
    }).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
    );
  }

  function reply(browser: string, status: string, failure: unknown = null): unknown {
    return {
      ok: status === 'pass',
      location: 'eu-west-3',
      mode: 'smoke',
      results: [{ target: 'autocrm', browser: { name: browser }, status, failure }],
    };
  }

  it("runs each schedule's pair once, in smoke mode, on its function's new version, and passes when all pass", async () => {
    replies = { [`${CHROMIUM}:7`]: reply('edge', 'pass'), [`${FIREFOX}:3`]: reply('firefox', 'pass') };
    const outcome = await runGate();
    expect(outcome.code).toBe(0);
    expect(outcome.output).toContain('smoke gate passed in eu-west-3: autocrm edge pass; autocrm firefox pass');
    const sent = invocations.map(({ url, body }) => [decodeURIComponent(url), JSON.parse(body)]);
    expect(sent).toHaveLength(2);
    expect(sent).toEqual(
      expect.arrayContaining([
        [`/2015-03-31/functions/${CHROMIUM}:7/invocations`, { ...JSON.parse(SCHEDULES['pair-0']!.Input), mode: 'smoke' }],
        [`/2015-03-31/functions/${FIREFOX}:3/invocations`, { ...JSON.parse(SCHEDULES['pair-1']!.Input), mode: 'smoke' }],
      ]),
    );
  });

  it('throws (and so fails the deployment) when one browser fails, naming it', async () => {
    replies = {
      [`${CHROMIUM}:7`]: reply('edge', 'pass'),
      [`${FIREFOX}:3`]: reply('firefox', 'fail', { kind: 'browser_unsupported', step: 'system_check', message: 'Firefox rejected' }),
    };
    const outcome = await runGate();
    expect(outcome.code).toBe(1);
    expect(outcome.output).toContain(
      'SmokeGateError: smoke gate failed in eu-west-3: autocrm firefox fail (browser_unsupported at system_check: Firefox rejected) (1 of 2 rounds passed)',
    );
  });
});
