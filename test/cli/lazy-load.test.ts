/**
 * The CLI loads only what a command needs (issue #20): the overview and every command's help start
 * without the browser engine (playwright-core), the reference target's certificate code (selfsigned)
 * or an AWS SDK client; a round loads the engine and @sparticuz/chromium as the CLI's bundles of
 * them, not module by module. Real child processes of the installed binary; the packages a process
 * loaded are read from its CommonJS module cache when it exits (a bundle in dist/cli counts too).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadOrigin } from '../handler/helpers';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'autocrm-synthetics.mjs');
const HEAVY = [
  'playwright-core',
  'playwright-core (bundle)',
  'selfsigned',
  '@aws-sdk/client-cloudwatch',
  '@aws-sdk/client-lambda',
  '@aws-sdk/client-s3',
];
/** Prints the packages in the CommonJS module cache at exit, one line. */
const REPORTER = `import { createRequire } from 'node:module';
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(cache)) {
    const bundle = /[\\\\/]dist[\\\\/]cli[\\\\/](playwright-core|sparticuz-chromium)[\\\\/]/.exec(file);
    if (bundle) names.add(bundle[1] + ' (bundle)');
    if (file.endsWith('package.json')) continue; // a manifest read for its version is not the package loaded
    const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(file);
    if (match) names.add(match[1]);
  }
  process.stderr.write('\\nLOADED ' + JSON.stringify([...names]) + '\\n');
});
`;

let scratch: string;
let reporter: string;

/** The packages `node <args>` loaded, with the reporter preloaded. */
async function packagesLoaded(args: string[]): Promise<string[]> {
  const outcome = await run(process.execPath, ['--import', reporter, ...args], { timeout: 120_000 }).catch(
    (error: { stdout: string; stderr: string }) => error, // exit 2 (no command) or 1 (a failed round) still reports
  );
  const line = outcome.stderr.split('\n').find((text) => text.startsWith('LOADED '));
  if (line === undefined) throw new Error(`no module report in: ${outcome.stderr}`);
  return JSON.parse(line.slice('LOADED '.length)) as string[];
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'lazy-load-test-'));
  reporter = join(scratch, 'reporter.mjs');
  writeFileSync(reporter, REPORTER);
  await run(process.execPath, [BIN, 'run', '--help']); // a stale build is rebuilt here, not in a measured run
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('what the CLI loads', () => {
  it('sees a package a process loads (the reporter works)', async () => {
    // Act
    const loaded = await packagesLoaded(['-e', "require('selfsigned'); require('playwright-core');"]);
    // Assess
    expect(loaded).toEqual(expect.arrayContaining(['selfsigned', 'playwright-core']));
  });

  it('loads the engine and the Chromium package for a round as their bundles, not module by module', async () => {
    // Arrange: a round whose login page refuses the connection (the browser still starts)
    const config = join(scratch, 'dead.config.json');
    writeFileSync(config, JSON.stringify({ targets: [{ name: 'dead', loginUrl: `${await deadOrigin()}/login` }] }));
    // Act
    const loaded = await packagesLoaded([BIN, 'run', '--config', config, '--out', join(scratch, 'reports')]);
    // Assess
    expect(loaded).toEqual(expect.arrayContaining(['playwright-core (bundle)', 'sparticuz-chromium (bundle)']));
    expect(loaded).not.toContain('playwright-core');
    expect(loaded).not.toContain('tar-fs'); // @sparticuz/chromium's dependency, inside its bundle
  });

  it.each([
    [[]],
    [['--help']],
    [['run', '--help']],
    [['smoke', '--help']],
    [['target', '--help']],
    [['invoke', '--help']],
    [['init', '--help']],
  ])('starts %j without the engine, the certificate code or an AWS SDK client', async (argv) => {
    // Act
    const loaded = await packagesLoaded([BIN, ...argv]);
    // Assess
    for (const heavy of HEAVY) expect(loaded).not.toContain(heavy);
  });
});
