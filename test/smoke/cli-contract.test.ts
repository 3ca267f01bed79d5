/**
 * The command line as a pipeline meets it (issue 19): one rule for what every probing command
 * probes, paths checked before anything is probed or written, and messages that say what is wrong.
 * Every case here stops before a browser starts, so each runs in the time of a CLI start.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../lambdas/core/exit-codes';
import { runCli } from './run-cli';

const STACK_FRAME = /\n\s+at /;

/** Every file and folder below `dir`, relative, sorted: what a refused command must leave untouched. */
async function listing(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

describe('autocrm-synthetics command line (child process, no browser)', () => {
  let cwd: string;

  beforeEach(async () => {
    // A working directory of its own, so the default config file is looked up where the test says.
    cwd = await mkdtemp(join(tmpdir(), 'cli-contract-'));
    await mkdir(join(cwd, 'existing-folder'));
    await writeFile(join(cwd, 'existing-file'), 'x');
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it.each([['run'], ['smoke'], ['invoke']])(
    '%s with no --config, --url or --demo and no synthetics.config.json: exit 2 saying how to start, nothing probed',
    async (command) => {
      // Act
      const run = await runCli([command], {}, cwd);
      // Assess
      expect(run.code).toBe(EXIT_CODES.usage);
      expect(run.stderr).toContain(`autocrm-synthetics ${command}: no config: there is no synthetics.config.json in ${cwd}.`);
      expect(run.stderr).toContain(`autocrm-synthetics ${command} --demo`);
      expect(run.stderr).toContain('copy synthetics.config.example.json to synthetics.config.json');
      expect(run.stdout).not.toMatch(/round started|Gate PASSED/);
      expect(await listing(cwd)).toEqual(['existing-file', 'existing-folder']);
    },
  );

  it.each([['run'], ['smoke'], ['invoke']])('%s reads ./synthetics.config.json when no source is named', async (command) => {
    // Prepare: an invalid config proves the file was read, and stops before any probe
    await writeFile(join(cwd, 'synthetics.config.json'), JSON.stringify({ targets: [{ name: 'x', loginUrl: 'crm.pl' }] }));
    // Act
    const run = await runCli([command], {}, cwd);
    // Assess
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('invalid config: synthetics.config.json (1 problem):');
    expect(run.stderr).toContain('targets[0].loginUrl: must be an absolute http(s) URL, got "crm.pl"');
  });

  it.each([
    [['run', '--demo', '--url', 'http://127.0.0.1:9/'], 'give one of --demo, --url or --config, not --demo and --url.'],
    [['smoke', '--demo', '--config', 'x.json'], 'give one of --demo, --url or --config, not --demo and --config.'],
    [['smoke', '--fault', 'http-500'], '--fault injects a fault into the bundled demo target: add --demo'],
    [['smoke', '--remote', '--demo'], '--demo probes the bundled reference target on this machine'],
    [['run', '--config'], '--config needs a value, e.g. --config synthetics.config.json.'],
    [['smoke', '--config', '--json', 'x.json'], '--config needs a value, e.g. --config synthetics.config.json.'],
    [['run', '--url', 'crm.pl'], '--url must be an absolute http(s) URL, got "crm.pl".'],
  ])('%j is a usage error: %s', async (args, message) => {
    // Act
    const run = await runCli(args, {}, cwd);
    // Assess
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it.each([
    [
      ['smoke', '--demo', '--junit', 'existing-folder'],
      'cannot write --junit existing-folder: it is a folder; name a file in it, e.g. --junit existing-folder/smoke.xml',
    ],
    [['smoke', '--demo', '--json', 'existing-folder/'], 'cannot write --json existing-folder/: it is a folder'],
    [
      ['smoke', '--demo', '--junit', 'existing-file/smoke.xml'],
      `cannot write --junit existing-file/smoke.xml: ${'<cwd>'}/existing-file is a file, not a folder`,
    ],
    [['smoke', '--demo', '--junit', 'r.xml', '--json', 'r.xml'], 'cannot write r.xml: --junit and --json both name it'],
    [['smoke', '--demo', '--out', 'existing-file'], 'cannot write --out existing-file: it is a file, not a folder'],
    [['run', '--demo', '--out', 'existing-file'], 'cannot write --out existing-file: it is a file, not a folder'],
    [
      ['smoke', '--demo', '--baseline', 'none.json'],
      "file not found: none.json (--baseline); on a pipeline's first run there is none yet: add --baseline-missing skip",
    ],
    [['smoke', '--demo', '--baseline', 'existing-folder'], 'not a file: existing-folder is a folder (--baseline)'],
    [['run', '--config', 'none.json'], 'file not found: none.json (--config)'],
    [['smoke', '--config', 'existing-folder'], 'not a file: existing-folder is a folder (--config)'],
    [['invoke', '--event', 'none.json'], 'file not found: none.json (--event)'],
    // Permission bits do not tell here (root may "write" in /proc): the check makes a folder and removes it.
    [['run', '--demo', '--out', '/proc/autocrm-synthetics-report'], 'cannot write --out /proc/autocrm-synthetics-report: '],
  ])('%j stops before probing, in one line: %s', async (args, message) => {
    // Act
    const run = await runCli(args, {}, cwd);
    // Assess
    expect(run.code).toBe(EXIT_CODES.usage);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`autocrm-synthetics ${args[0]}: ${message.replace('<cwd>', cwd)}`);
    expect(run.stdout).toBe('');
    expect(await listing(cwd)).toEqual(['existing-file', 'existing-folder']);
  });

  it('checks the default report folder too: reports/ being a file stops run before the demo target starts', async () => {
    // Prepare
    await writeFile(join(cwd, 'reports'), 'not a folder');
    // Act
    const run = await runCli(['run', '--demo'], {}, cwd);
    // Assess
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toMatch(
      new RegExp(`^autocrm-synthetics run: cannot write report folder reports/[0-9TZ-]+: ${cwd}/reports is a file, not a folder\\n$`),
    );
    expect(run.stdout).toBe('');
  });

  it.each([
    ['not found', ['--config', 'none.json'], 'file not found: none.json (--config)'],
    ['not JSON', ['--config', 'broken.json'], "not a JSON file: broken.json (line 1, column 12: Expected ':' after property name)"],
    ['invalid', ['--config', 'invalid.json'], 'invalid config: invalid.json (1 problem):'],
  ])('a config file that is %s has its own message', async (_what, args, message) => {
    // Prepare
    await writeFile(join(cwd, 'broken.json'), '{"targets" [');
    await writeFile(join(cwd, 'invalid.json'), JSON.stringify({ targets: [] }));
    // Act
    const run = await runCli(['run', ...args], {}, cwd);
    // Assess
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr.split('\n')[0]).toContain(`autocrm-synthetics run: ${message}`);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('--baseline-missing skip gates without a comparison on a first run and says so; each line of a demo run says demo target', async () => {
    // Act: Chromium cannot start, so the round ends at once (exit 3); the baseline line comes first
    const run = await runCli(
      ['smoke', '--demo', '--retries', '0', '--baseline', 'none.json', '--baseline-missing', 'skip', '--json', 'gate.json'],
      { CHROMIUM_PATH: '/nonexistent' },
      cwd,
    );
    // Assess
    expect(run.code).toBe(EXIT_CODES.probeError);
    expect(run.stdout).toContain('Baseline none.json: not there yet, nothing to compare with (--baseline-missing skip: a first run).');
    const reasons = run.stdout.split('Gate reasons:\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
    expect(reasons).toEqual([expect.stringMatching(/^ {2}reference \(demo target\) \/ launch: ERROR probe_error — /)]);
    expect(run.stdout).toMatch(/demo target, not a verdict on autocrm/);
    expect(JSON.parse(await readFile(join(cwd, 'gate.json'), 'utf8'))).toMatchObject({ demo: true, gate: { exitCode: 3 } });
  });

  it.each([['run'], ['smoke'], ['target'], ['invoke']])('"help $0" prints exactly what "$0 --help" prints', async (command) => {
    // Act
    const [help, flag] = await Promise.all([runCli(['help', command], {}, cwd), runCli([command, '--help'], {}, cwd)]);
    // Assess
    expect(help.code).toBe(EXIT_CODES.pass);
    expect(help.stdout).toMatch(new RegExp(`^Usage: autocrm-synthetics ${command}`));
    expect(help.stdout).toBe(flag.stdout);
  });

  it('--version prints the package version', async () => {
    // Act
    const run = await runCli(['--version'], {}, cwd);
    // Assess
    expect(run.code).toBe(EXIT_CODES.pass);
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(run.stdout).toBe(`autocrm-synthetics ${version}\n`);
  });
});
