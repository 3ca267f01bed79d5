/**
 * Bad input at every boundary: the same malformed configs are refused by the CLI (exit 2, the path
 * and the rule, no stack trace), by the Lambda handler (a published probe_error naming them), and
 * at CDK synth (exit 2 before anything is synthesized). Command-line typos get a did-you-mean.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { loadConfigFile } from '../../cli/config-file';
import { createHandler } from '../../lambdas/handler';
import { resolveEvent } from '../../lambdas/runtime/event';
import { validRawConfig } from '../unit/config-fixtures';
import { BAD_EVENTS, BAD_INPUTS, brokenConfig, setOwnKey, type BadInputCase } from './bad-input-cases';
import { captureOutput, STACK_LINE } from './output';

const run = promisify(execFile);
const REPO_ROOT = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'robustness-bad-input-'));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function writeConfig(input: BadInputCase): string {
  const file = join(scratch, `${input.name.replace(/\W+/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(brokenConfig(input)));
  return file;
}

/** Runs a node entry point; resolves with its exit code and output instead of throwing. */
async function exec(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

const CLI = join(REPO_ROOT, 'bin', 'autocrm-synthetics.mjs');
const CONTEXT = { getRemainingTimeInMillis: () => 30_000, awsRequestId: 'bad-input', functionName: 'probe', memoryLimitInMB: '2048' };
/** The handler as deployed, but publishing EMF to stdout so no endpoint is needed. */
const handler = createHandler({ env: { METRICS_SINK: 'emf', LOCATION: 'eu-west-1', AWS_REGION: 'eu-west-1', NAMESPACE: 'Test/BadInput' } });

async function invoke(event: unknown) {
  const { value, stdout } = await captureOutput(() => handler(event, CONTEXT));
  return { summary: value, stdout };
}

describe('bad input', () => {
  it("lets the unbroken config through each boundary, so every refusal below is the case's own mistake", () => {
    // Prepare: the config every case breaks, written like the broken ones
    const file = join(scratch, 'unbroken.json');
    writeFileSync(file, JSON.stringify(validRawConfig()));
    // Act: what the CLI (run, smoke) and the CDK app read a config file with, and what the handler reads an event with
    const fromFile = loadConfigFile(file);
    const fromEvent = resolveEvent({ targets: validRawConfig().targets }, undefined);
    // Assess
    expect(fromFile.targets.map((t) => t.name)).toEqual(['autocrm']);
    expect(fromEvent.targets.map((t) => t.name)).toEqual(['autocrm']);
  });

  it.each(BAD_INPUTS)('CLI run and smoke refuse $name: exit 2, "$path" and the rule, no stack trace', async (input) => {
    // Prepare
    const file = writeConfig(input);
    for (const command of ['run', 'smoke']) {
      // Act
      const { value: code, stdout, stderr } = await captureOutput(() => main([command, '--config', file, '--out', join(scratch, 'never')]));
      // Assess
      expect({ command, code }).toEqual({ command, code: 2 });
      const line = stderr.split('\n').find((text) => text.trim().startsWith(`${input.path}: `));
      expect(line).toMatch(input.rule);
      expect(stderr).toContain(file);
      expect(stderr).not.toMatch(STACK_LINE);
      expect(stdout).toBe('');
    }
  });

  it.each(BAD_INPUTS.filter((input) => input.scope === 'both'))(
    'Lambda handler turns $name into a published probe_error',
    async (input) => {
      // Prepare
      const event = { targets: brokenConfig(input).targets };
      // Act
      const { summary, stdout } = await invoke(event);
      // Assess
      expect(summary.ok).toBe(false);
      expect(summary.results).toHaveLength(1);
      const [result] = summary.results;
      expect(result).toMatchObject({ status: 'error', failure: { kind: 'probe_error' } });
      const message = result?.failure?.message ?? '';
      const at = message.indexOf(`event.${input.path}: `);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(message.slice(at)).toMatch(input.rule);
      expect(message).not.toMatch(STACK_LINE);
      // Published: ProbeError 1 in EMF, never Availability (the target was not probed).
      const emf = stdout.split('\n').filter((text) => text.includes('"_aws"'));
      expect(emf.some((text) => /"ProbeError":1\b/.test(text))).toBe(true);
      expect(emf.some((text) => text.includes('"Availability"'))).toBe(false);
    },
  );

  it.each(BAD_EVENTS)('Lambda handler turns an event that is $name into a probe_error', async ({ event, rule }) => {
    // Act
    const { summary } = await invoke(event);
    // Assess
    expect(summary.ok).toBe(false);
    expect(summary.results[0]).toMatchObject({ status: 'error', failure: { kind: 'probe_error' } });
    expect(summary.results[0]?.failure?.message).toMatch(rule);
  });
});

describe('bad input at the real binaries', () => {
  it('the CLI binary exits 2 with the path and the rule for a bad config file', async () => {
    // Prepare
    const input = BAD_INPUTS.find((candidate) => candidate.name === 'relative login URL') as BadInputCase;
    // Act
    const outcome = await exec([CLI, 'run', '--config', writeConfig(input)]);
    // Assess
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/targets\[0\]\.loginUrl: must be an absolute http\(s\) URL, got "crm\.pl"/);
    expect(outcome.stderr).not.toMatch(STACK_LINE);
  });

  it.each([
    [['run', '--tagret', 'x'], /unknown option --tagret\. Did you mean "--target"\?/],
    [['smoke', '--junti', 'x.xml'], /Did you mean "--junit"\?/],
    [['smoek'], /unknown command "smoek"\. Did you mean "smoke"\?/],
    [['tragte'], /unknown command "tragte"\. Did you mean "target"\?/],
    [['constructor'], /unknown command "constructor"\./],
  ])('the CLI binary answers %j with a did-you-mean and exit 2', async (argv, hint) => {
    // Act
    const outcome = await exec([CLI, ...argv]);
    // Assess
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(hint);
    expect(outcome.stderr).not.toMatch(STACK_LINE);
  });

  it.each(['relative login URL', 'region that does not exist', "schedule shorter than a round's invocation", 'duplicate target names'])(
    'cdk synth (bin/app.ts) refuses a config with a %s: exit 2 with the path, nothing synthesized',
    async (name) => {
      // Prepare
      const input = BAD_INPUTS.find((candidate) => candidate.name === name) as BadInputCase;
      const outDir = join(scratch, `cdk-${name.replace(/\W+/g, '-')}`);
      // Act: the CDK CLI runs `npx tsx bin/app.ts` with its context in CDK_CONTEXT_JSON.
      const outcome = await exec(['--import', 'tsx', join(REPO_ROOT, 'bin', 'app.ts')], {
        CDK_CONTEXT_JSON: JSON.stringify({ configPath: writeConfig(input) }),
        CDK_OUTDIR: outDir,
      });
      // Assess
      expect(outcome.code).toBe(2);
      const line = outcome.stderr.split('\n').find((text) => text.trim().startsWith(`${input.path}: `));
      expect(line).toMatch(input.rule);
      expect(outcome.stderr).not.toMatch(STACK_LINE);
    },
  );

  it('cdk synth (bin/app.ts) refuses prototype keys in the config file and in the CDK context: exit 2, every path', async () => {
    // Prepare: a config with two prototype keys; a valid config behind a context whose __proto__
    // would otherwise answer tryGetContext('configPath') for the App.
    const bad = validRawConfig();
    setOwnKey(bad, 'constructor', {});
    setOwnKey((bad.targets as Record<string, unknown>[])[0] as Record<string, unknown>, '__proto__', { name: 'x' });
    const badFile = join(scratch, 'prototype-keys.json');
    writeFileSync(badFile, JSON.stringify(bad));
    const goodFile = join(scratch, 'valid.json');
    writeFileSync(goodFile, JSON.stringify(validRawConfig()));
    const synth = (context: string) =>
      exec(['--import', 'tsx', join(REPO_ROOT, 'bin', 'app.ts')], { CDK_CONTEXT_JSON: context, CDK_OUTDIR: join(scratch, 'cdk-proto') });
    // Act
    const [inConfig, inContext] = await Promise.all([
      synth(JSON.stringify({ configPath: badFile })),
      synth(`{"configPath": ${JSON.stringify(goodFile)}, "bundle": "false", "__proto__": {"x": 1}, "flags": {"constructor": true}}`),
    ]);
    // Assess
    expect(inConfig.code).toBe(2);
    expect(inConfig.stderr).toMatch(/^\s+constructor: unknown key\./m);
    expect(inConfig.stderr).toMatch(/^\s+targets\[0\]\.__proto__: unknown key\./m);
    expect(inContext.code).toBe(2);
    expect(inContext.stderr).toMatch(/^\s+context\.__proto__: unknown key/m);
    expect(inContext.stderr).toMatch(/^\s+context\.flags\.constructor: unknown key/m);
    for (const outcome of [inConfig, inContext]) expect(outcome.stderr).not.toMatch(STACK_LINE);
  });
});
