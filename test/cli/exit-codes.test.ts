/**
 * Every entry of the command line and its exit code, without running a probe: help is 0 and goes to
 * stdout; a missing command, an unknown command, an unknown flag or a bad flag value is 2 (bad usage)
 * and goes to stderr with what to do. The rounds' own codes (0, 1, 3) are tested where rounds run
 * (test/browser/cli-run.test.ts, test/smoke/).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { EXIT_CODES } from '../../lambdas/core/exit-codes';
import { captureOutput, STACK_LINE } from '../robustness/output';

const COMMANDS = ['run', 'smoke', 'target', 'invoke'] as const;
const REPO_ROOT = join(import.meta.dirname, '..', '..');

async function cli(argv: string[]) {
  const { value: code, stdout, stderr } = await captureOutput(() => main(argv));
  return { code, stdout, stderr };
}

describe('autocrm-synthetics exit codes', () => {
  it('exits 2 with the overview on stdout when no command is given', async () => {
    // Act
    const outcome = await cli([]);
    // Assess
    expect(outcome.code).toBe(EXIT_CODES.usage);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toMatch(/^Usage: autocrm-synthetics <command>/);
    for (const command of COMMANDS) expect(outcome.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it.each(['--help', '-h', 'help'])('exits 0 with the overview on stdout for %s', async (flag) => {
    // Act
    const outcome = await cli([flag]);
    // Assess
    expect(outcome.code).toBe(EXIT_CODES.pass);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^Usage: autocrm-synthetics <command>/);
    expect(outcome.stderr).toBe('');
  });

  it.each([
    ['bogus', ''],
    ['smoek', ' Did you mean "smoke"?'],
    ['SMOKE', ' Did you mean "smoke"?'],
    ['Tagret', ' Did you mean "target"?'],
  ])('exits 2 for the unknown command %s, with a did-you-mean where one is close', async (name, hint) => {
    // Act
    const outcome = await cli([name]);
    // Assess
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.split('\n')[0]).toBe(`autocrm-synthetics: unknown command "${name}".${hint}`);
    expect(outcome.stdout).toBe('');
  });

  it.each(
    COMMANDS.flatMap((command) => [
      [command, '--help'],
      [command, '-h'],
    ]),
  )('exits 0 with the usage of %s on stdout for %s', async (command, flag) => {
    // Act
    const outcome = await cli([command, flag]);
    // Assess
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(new RegExp(`^Usage: autocrm-synthetics ${command} `));
    expect(outcome.stderr).toBe('');
  });

  it.each(COMMANDS)('exits 2 for an unknown flag of %s, naming it, without a stack trace', async (command) => {
    // Act
    const outcome = await cli([command, '--no-such-flag']);
    // Assess
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`autocrm-synthetics ${command}: unknown option --no-such-flag.`);
    expect(outcome.stderr).toContain(`Run "autocrm-synthetics ${command} --help" for usage.`);
    expect(outcome.stderr).not.toMatch(STACK_LINE);
  });

  it.each([
    [
      'run',
      ['--config', 'synthetics.config.json', '--url', 'https://crm.example/'],
      /give one of --demo, --url or --config, not --url and --config/,
    ],
    ['run', ['--publish', 's3'], /--publish must be one of none, cloudwatch, emf, got "s3"/],
    ['smoke', ['--fail-on', 'sometimes'], /--fail-on must be one of .*, got "sometimes"/],
    ['smoke', ['--region', 'eu-west-1'], /--region only applies with --remote/],
    ['target', ['--tls', 'weird'], /--tls must be one of off, self-signed, expired, got "weird"/],
    ['target', ['--port', '70000'], /--port must be a whole number from 0 to 65535, got "70000"/],
    ['invoke', ['--sink', 's3'], /--sink must be emf or cloudwatch, got "s3"/],
    ['invoke', ['--timeout-s', '5'], /--timeout-s must be a whole number from 10 to 900, got "5"/],
  ])('exits 2 for a bad value: %s %j', async (command, args, rule) => {
    // Act
    const outcome = await cli([command, ...args]);
    // Assess
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(rule);
    expect(outcome.stderr).not.toMatch(STACK_LINE);
  });

  it('the installed binary passes the codes on: 2 without a command, 0 for --help', async () => {
    // Prepare
    const bin = join(REPO_ROOT, 'bin', 'autocrm-synthetics.mjs');
    const exec = (args: string[]) =>
      promisify(execFile)(process.execPath, [bin, ...args], { cwd: REPO_ROOT, timeout: 60_000 }).then(
        () => 0,
        (error: { code: number }) => error.code,
      );
    // Act
    const [bare, help] = await Promise.all([exec([]), exec(['--help'])]);
    // Assess
    expect([bare, help]).toEqual([2, 0]);
  });
});
