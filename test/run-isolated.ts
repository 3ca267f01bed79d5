/**
 * Runs every test on its own — `vitest run FILE -t NAME` in a fresh process, as someone chasing one
 * failure would — and reports each test that fails alone: it only passes after an earlier test of its
 * file left the state it needs. Not part of `npm test` (one process per test: tens of minutes).
 *
 *   npm run test:isolated                      # every test
 *   npm run test:isolated -- test/handler      # the tests of matching files (vitest filters)
 *   npm run test:isolated -- --jobs 1 --report isolated.md test/unit
 *
 * Exit code 0 when every test passed alone, 1 otherwise, 2 for bad usage.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const VITEST = join(ROOT, 'node_modules', '.bin', 'vitest');
/** Two cores on the machines this runs on; each browser test starts a Chromium of its own. */
const DEFAULT_JOBS = 2;
/** One test with its file's hooks; far above the slowest test (90 s timeout) plus start-up. */
const RUN_TIMEOUT_MS = 5 * 60_000;
/** Longest failure message kept per test in the report. */
const MESSAGE_CHARS = 300;

interface ListedTest {
  /** Describe blocks and test name, joined by " > " (vitest list). */
  readonly name: string;
  readonly file: string;
}

interface Outcome {
  readonly test: ListedTest;
  readonly status: 'passed' | 'failed' | 'not run';
  readonly message?: string;
  readonly durationMs: number;
}

interface JsonReport {
  readonly testResults: readonly {
    /** Set when the file itself failed (a hook, an import): its tests then did not run. */
    readonly message?: string;
    readonly assertionResults: readonly { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

/** vitest's -t matches the describe names and the test name joined by single spaces. */
function namePattern(test: ListedTest): string {
  const fullName = test.name.split(' > ').join(' ');
  return `^${fullName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

async function listTests(filters: readonly string[], scratch: string): Promise<ListedTest[]> {
  const out = join(scratch, 'list.json');
  await run(VITEST, ['list', `--json=${out}`, ...filters], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(readFileSync(out, 'utf8')) as ListedTest[];
}

async function runAlone(test: ListedTest, scratch: string, index: number): Promise<Outcome> {
  const out = join(scratch, `result-${index}.json`);
  const startedMs = performance.now();
  const args = ['run', test.file, '-t', namePattern(test), '--reporter=json', `--outputFile=${out}`];
  let crash: string | undefined;
  try {
    await run(VITEST, args, { cwd: ROOT, timeout: RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    crash = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' ') ?? String(error);
  }
  const durationMs = performance.now() - startedMs;
  let report: JsonReport | undefined;
  try {
    report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
  } catch {
    return { test, status: 'failed', message: `no result (${crash ?? 'vitest wrote none'})`.slice(0, MESSAGE_CHARS), durationMs };
  }
  const ran = report.testResults.flatMap((file) => file.assertionResults).filter((result) => result.status !== 'skipped');
  if (ran.length === 0) {
    const fileFailure = report.testResults.map((file) => file.message).find((message) => message);
    const message = fileFailure ? `the file failed: ${fileFailure.split('\n')[0]}` : 'the name pattern matched no test';
    return { test, status: 'not run', message: message.slice(0, MESSAGE_CHARS), durationMs };
  }
  const failed = ran.find((result) => result.status !== 'passed');
  if (!failed) return { test, status: 'passed', durationMs };
  const message = (failed.failureMessages[0] ?? failed.status).split('\n')[0] ?? '';
  return { test, status: 'failed', message: message.slice(0, MESSAGE_CHARS), durationMs };
}

/** Runs `tasks` with at most `jobs` at a time, in order of the list. */
async function pool<T>(count: number, jobs: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, count) }, worker));
  return results;
}

function markdown(outcomes: readonly Outcome[], totalMs: number): string {
  const bad = outcomes.filter((outcome) => outcome.status !== 'passed');
  const lines = [
    `# Each test alone`,
    '',
    `${outcomes.length} tests, each in its own \`vitest run FILE -t NAME\`: ${outcomes.length - bad.length} passed alone, ` +
      `${bad.length} did not. ${Math.round(totalMs / 1000)} s.`,
    '',
  ];
  if (bad.length > 0) {
    lines.push('| file | test | status | first message |', '| --- | --- | --- | --- |');
    for (const { test, status, message } of bad) {
      lines.push(
        `| ${relative(ROOT, test.file)} | ${test.name.replaceAll('|', '\\|')} | ${status} | ${(message ?? '').replaceAll('|', '\\|')} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { jobs: { type: 'string', default: String(DEFAULT_JOBS) }, report: { type: 'string' } },
    });
  } catch (error) {
    console.error(`test:isolated: ${(error as Error).message}`);
    return 2;
  }
  const jobs = Number(parsed.values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 8) {
    console.error(`test:isolated: --jobs must be a whole number from 1 to 8, got "${parsed.values.jobs}"`);
    return 2;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'test-isolated-'));
  try {
    const startedMs = performance.now();
    const tests = await listTests(parsed.positionals, scratch);
    console.log(`${tests.length} tests, ${jobs} at a time`);
    const outcomes = await pool(tests.length, jobs, async (index) => {
      const outcome = await runAlone(tests[index] as ListedTest, scratch, index);
      const where = `${relative(ROOT, outcome.test.file)} > ${outcome.test.name}`;
      console.log(`${outcome.status.padEnd(7)} ${(outcome.durationMs / 1000).toFixed(1).padStart(6)} s  ${where}`);
      if (outcome.message) console.log(`          ${outcome.message}`);
      return outcome;
    });
    const report = markdown(outcomes, performance.now() - startedMs);
    console.log(`\n${report}`);
    if (parsed.values.report) writeFileSync(parsed.values.report, report);
    return outcomes.every((outcome) => outcome.status === 'passed') ? 0 : 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
