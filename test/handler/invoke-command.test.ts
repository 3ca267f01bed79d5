/** `autocrm-synthetics invoke`: usage mistakes are clear, a run prints the summary and maps the exit code. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/args';
import { exitCode, invokeCommand } from '../../cli/commands/invoke';
import type { HandlerSummary } from '../../lambdas/handler';
import { EXIT_CODES } from '../../lambdas/core/exit-codes';
import { deadOrigin, quickTarget } from './helpers';

/** Runs `act` with stdout and stderr captured apart. */
async function captureStreams<T>(act: () => Promise<T>): Promise<{ value: T; stdout: string; stderr: string }> {
  const chunks = { stdout: [] as string[], stderr: [] as string[] };
  const original = { stdout: process.stdout.write, stderr: process.stderr.write };
  const into = (list: string[]) =>
    ((chunk: unknown): boolean => {
      list.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = into(chunks.stdout);
  process.stderr.write = into(chunks.stderr);
  try {
    const value = await act();
    return { value, stdout: chunks.stdout.join(''), stderr: chunks.stderr.join('') };
  } finally {
    process.stdout.write = original.stdout;
    process.stderr.write = original.stderr;
  }
}

describe('invoke command', () => {
  it.each([
    [['--timout-s', '30'], /unknown option --timout-s\. Did you mean "--timeout-s"\?/],
    [['--timeout-s', '5'], /--timeout-s must be a whole number from 10 to 900, got "5"/],
    [['--event', 'a.json', '--target-url', 'https://x.example'], /either --event or one of --target-url, --config, --demo, not both/],
    [['--target-url', 'crm.pl'], /--target-url must be an absolute http\(s\) URL, got "crm.pl"/],
    [['--sink', 'kafka'], /--sink must be emf or cloudwatch, got "kafka"/],
  ])('rejects %j with a message that states the rule', async (argv, message) => {
    // Act / Assess
    await expect(invokeCommand.run(argv)).rejects.toThrow(UsageError);
    await expect(invokeCommand.run(argv)).rejects.toThrow(message);
  });

  it('runs an event file through the handler: stdout is only the JSON summary, logs and EMF go to stderr; exit 1 for a failed target', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'invoke-cmd-'));
    const file = join(dir, 'event.json');
    writeFileSync(file, JSON.stringify({ targets: [quickTarget(await deadOrigin(), 'cli-down')], mode: 'smoke' }));
    try {
      // Act
      const { value: code, stdout, stderr } = await captureStreams(() => invokeCommand.run(['--event', file, '--timeout-s', '30']));
      // Assess
      expect(code).toBe(EXIT_CODES.targetFailed);
      const summary = JSON.parse(stdout) as {
        ok: boolean;
        mode: string;
        location: string;
        results: Array<{ target: string; status: string }>;
      };
      expect(summary).toMatchObject({ ok: false, mode: 'smoke', location: 'local' });
      expect(summary.results.map((r) => [r.target, r.status])).toEqual([['cli-down', 'fail']]);
      expect(stderr).toContain('"_aws"'); // the EMF lines, as in the function's log
      expect(stderr).toContain('"message":"probe round"');
      expect(stderr).toMatch(/invoke: not ok in \d+ ms — cli-down: fail \(connect\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [['pass', 'degraded'], EXIT_CODES.pass],
    [['pass', 'fail'], EXIT_CODES.targetFailed],
    [['error', 'pass'], EXIT_CODES.probeError],
    [['error', 'fail'], EXIT_CODES.targetFailed],
    [[], EXIT_CODES.probeError],
  ] as const)('maps rounds %j to exit code %i: a failed target wins over a probe error', (statuses, expected) => {
    // Prepare
    const summary = {
      ok: statuses.length > 0 && statuses.every((status) => status === 'pass' || status === 'degraded'),
      location: 'local',
      mode: 'scheduled',
      results: statuses.map((status, index) => ({ target: `t${index}`, status })),
    } as unknown as HandlerSummary;
    // Act / Assess
    expect(exitCode(summary)).toBe(expected);
  });
});
