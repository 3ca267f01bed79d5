/**
 * The real binary as a pipeline runs it: exit codes 2 (the user's mistake) and 3 (the gate could not
 * measure), each with a clear message and never a stack trace.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smokeCommand } from '../../cli/commands/smoke';
import { EXIT_CODES } from '../../lambdas/core/exit-codes';
import { DEFAULT_FUNCTION_NAME } from '../../cli/smoke/remote-invoke';
import { runCli } from './run-cli';

const STACK_FRAME = /\n\s+at /;

describe('autocrm-synthetics smoke (child process)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smoke-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 2 for a bad config, naming the path and the rule', async () => {
    // Prepare
    const config = join(dir, 'bad.json');
    await writeFile(config, JSON.stringify({ targets: [{ name: 'autocrm', loginUrl: 'crm.pl' }] }));
    // Act
    const run = await runCli(['smoke', '--config', config]);
    // Assess
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('targets[0].loginUrl');
    expect(run.stderr).toContain('"crm.pl"');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('exits 2 for a malformed baseline file before probing anything', async () => {
    // Prepare
    const baseline = join(dir, 'baseline.json');
    await writeFile(baseline, '{"results": [ {"target": "a"');
    // Act
    const run = await runCli(['smoke', '--url', 'http://127.0.0.1:9/cgi-bin/xorg/crm.pl', '--baseline', baseline]);
    // Assess
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain(`not a JSON file: baseline ${baseline}`);
    expect(run.stderr).toContain('smoke --json FILE');
    expect(run.stdout).not.toContain('round started');
  });

  it.each([
    [['--fail-on', 'degradd'], '--fail-on must be one of fail, degraded, got "degradd". Did you mean "degraded"?'],
    [['--retries', '9'], '--retries must be a whole number from 0 to 5, got "9".'],
    [['--url', 'http://127.0.0.1:9/', '--fault', 'http-500'], '--fault injects a fault into the bundled demo target: add --demo'],
    [['--region', 'eu-west-1'], '--region only applies with --remote.'],
    [['--junti', 'x.xml'], 'unknown option --junti. Did you mean "--junit"?'],
  ])('exits 2 for the usage mistake %j', async (args, message) => {
    // Act
    const run = await runCli(['smoke', ...args]);
    // Assess
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('exits 3, "could not measure", when Chromium cannot start, and reports it as a JUnit <error>', async () => {
    // Prepare
    const junit = join(dir, 'no-chromium.xml');
    // Act
    const run = await runCli(['smoke', '--demo', '--retries', '0', '--junit', junit], { CHROMIUM_PATH: '/nonexistent' });
    // Assess
    expect(run.code).toBe(EXIT_CODES.probeError);
    expect(run.stdout).toContain(
      'reference (demo target) / launch: ERROR probe_error — could not measure: Chromium would not start (executable /nonexistent)',
    );
    expect(run.stdout).toContain('Gate could not measure (probe error, not a verdict on the target)');
    const root = new XMLParser({ ignoreAttributes: false }).parse(await readFile(junit, 'utf8')).testsuites as Record<string, string>;
    expect([root['@_errors'], root['@_failures']]).toEqual(['1', '0']);
  });

  it('documents the function name the CDK stack must give the probe', () => {
    // Assess
    expect(smokeCommand.usage).toContain(`(default ${DEFAULT_FUNCTION_NAME})`);
  });
});
