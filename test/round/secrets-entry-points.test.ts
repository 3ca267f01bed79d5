/**
 * A password planted where each entry point reads credentials, with an engine that leaks it into every
 * field it can (failure and step messages, the page HTML, an artifact's name): the Lambda handler, the
 * CLI's local rounds with every file and line they produce (console table, report.json/html, JUnit,
 * the smoke JSON), and the runner itself must let it reach no output. Fast: no browser; the real
 * browser's entry points are test/robustness/secrets.test.ts.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalContext } from '../../cli/local-invoke';
import { formatResultTable } from '../../cli/report/console';
import { writeRunReport } from '../../cli/report/write-report';
import { runLocalRounds } from '../../cli/rounds';
import { gateConsoleLines, smokeReport, writeGateFiles } from '../../cli/smoke/gate-output';
import { gateVerdict } from '../../lambdas/core/gate/verdict';
import { createHandler } from '../../lambdas/handler';
import { clearCredentialsCache, credentialsFromConfig } from '../../lambdas/round/credentials';
import { NO_SINK } from '../../lambdas/round/sinks';
import { startFakeS3, type FakeS3 } from '../handler/fake-aws';
import { captureOutput } from '../robustness/output';
import { leakyRound, PLANTED, TARGET } from './fakes';

const ENV = { CRM_USER: 'monitor-user', CRM_PASSWORD: PLANTED };

let s3: FakeS3;
let scratch: string;

beforeAll(async () => {
  s3 = await startFakeS3();
  scratch = mkdtempSync(join(tmpdir(), 'secrets-entry-points-'));
});

afterAll(async () => {
  await s3?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  clearCredentialsCache();
});

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/** The outputs (name → text) that contain the password, raw or URL-encoded; expected empty. */
function leaks(outputs: Record<string, string>): string[] {
  return Object.entries(outputs)
    .filter(([, text]) => text.includes(PLANTED) || text.includes(encodeURIComponent(PLANTED)))
    .map(([name]) => name);
}

describe('a planted password reaches no output, whichever entry point ran the round', () => {
  it('Lambda handler: summary, log lines, EMF lines and S3 objects', async () => {
    // Prepare: credentials from the environment (as a local invoke has them), artifacts to the fake S3.
    const client = new S3Client({
      endpoint: s3.url,
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret-key' },
    });
    const env = { ...ENV, AWS_REGION: 'eu-west-1', METRICS_SINK: 'emf', ARTIFACTS_BUCKET: 'bucket' };
    const handler = createHandler({ env, probe: async (_target, options) => leakyRound(options), s3Client: client, logger: new Logger() });
    const context = createLocalContext({ functionName: 'f', memoryMb: 2048, timeoutS: 20, region: 'eu-west-1' });
    // Act: a smoke invocation (no 30-s confirmation wait).
    const { value: summary, stdout, stderr } = await captureOutput(() => handler({ mode: 'smoke', targets: [TARGET] }, context));
    client.destroy();
    // Assess: the round ran with the password and left evidence.
    expect(summary.results[0]?.failure?.step).toBe('login');
    expect(s3.objects.map((object) => object.contentType)).toContain('image/png');
    expect(stdout).toContain('"_aws"');
    const objects = Object.fromEntries(s3.objects.map((object) => [object.key, object.body.toString('latin1')]));
    expect(leaks({ summary: JSON.stringify(summary), stdout, stderr, ...objects })).toEqual([]);
  });

  it('CLI rounds (run, smoke): console table, report folder, JUnit and smoke JSON', async () => {
    // Prepare
    const credentials = credentialsFromConfig({ env: ENV, read: async () => Promise.reject(new Error('no secret here')) });
    const out = join(scratch, 'report');
    const junitPath = join(scratch, 'smoke.xml');
    const jsonPath = join(scratch, 'smoke.json');
    // Act
    const rounds = await runLocalRounds([TARGET], {
      runId: 'local-1',
      retries: 0,
      sink: NO_SINK,
      credentials,
      probe: async (_target, options) => leakyRound(options),
    });
    const written = await writeRunReport(out, rounds, { namespace: 'Test', datums: [] });
    const verdict = gateVerdict(written.results);
    const report = smokeReport({ mode: 'local', verdict, results: written.results });
    await writeGateFiles({ junitPath, jsonPath }, report);
    // Assess
    expect(filesBelow(out).some((file) => file.endsWith('.html') && file.includes('artifacts'))).toBe(true);
    const files = Object.fromEntries([...filesBelow(out), junitPath, jsonPath].map((file) => [file, readFileSync(file, 'latin1')]));
    const console = [...written.results.map((result) => formatResultTable(result)), ...gateConsoleLines(verdict)].join('\n');
    expect(leaks({ console, ...files })).toEqual([]);
  });
});
