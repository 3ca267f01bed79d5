/**
 * The CLI's playwright-core bundle (bin/playwright-bundle.mjs, issue #20): built from the installed
 * package, it behaves as the package — the same browser registry paths, errors named after the API
 * call ("browserType.launch: …", which Playwright derives from telling its own stack frames from the
 * caller's), no frames of its own in an error's stack, a real Chromium page — and the module the
 * CLI imports loads it only when it was built from the installed version. Real child Node processes.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, resolveExecutablePath } from '../../lambdas/probe/browser';

const run = promisify(execFile);
const REPO_ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE_MODULE = pathToFileURL(join(REPO_ROOT, 'bin', 'playwright-bundle.mjs')).href;

interface BundleModule {
  BUNDLE_FOLDER: string;
  BUNDLE_FILE: string;
  BUNDLE_IMPORT: string;
  installedPlaywright(fromDir: string): { root: string; version: string };
  buildPlaywrightBundle(build: unknown, repoRoot: string, outDir: string): Promise<{ path: string; contents: Uint8Array; version: string }>;
  shimSource(version: string): string;
}

let scratch: string;
let bundleFile: string;
let installed: { root: string; version: string };
let bundling: BundleModule;

/** What `script` prints as JSON, run by Node as CommonJS in `cwd` with `args`. */
async function childJson(script: string, args: string[] = [], cwd = scratch): Promise<Record<string, unknown>> {
  const file = join(cwd, `child-${Math.random().toString(36).slice(2)}.cjs`);
  writeFileSync(file, script);
  const { stdout } = await run(process.execPath, [file, ...args], { cwd, timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

/** The registry path, the message and the stack of a launch that fails, from the module at argv[2]. */
const FAILED_LAUNCH = `const playwright = require(process.argv[2]);
(async () => {
  const executablePath = playwright.chromium.executablePath();
  try {
    await playwright.chromium.launch({ executablePath: '/nonexistent/chrome', timeout: 10000 });
    console.log(JSON.stringify({ executablePath, launched: true }));
  } catch (error) {
    console.log(JSON.stringify({ executablePath, message: error.message.split('\\n')[0], stack: error.stack }));
  }
})();`;

beforeAll(async () => {
  bundling = (await import(BUNDLE_MODULE)) as BundleModule;
  installed = bundling.installedPlaywright(REPO_ROOT);
  scratch = mkdtempSync(join(tmpdir(), 'playwright-bundle-test-'));
  // the bundle finds the installed package from where it lies, as it does from dist/cli in the repository
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  const { build } = await import('esbuild');
  const bundle = await bundling.buildPlaywrightBundle(build, REPO_ROOT, scratch);
  bundleFile = bundle.path;
  mkdirSync(join(scratch, bundling.BUNDLE_FOLDER), { recursive: true });
  writeFileSync(bundleFile, bundle.contents);
}, 120_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('the playwright-core bundle', () => {
  it('is built from the installed package, into a folder of its own', () => {
    // Assess
    expect(bundleFile).toBe(join(scratch, bundling.BUNDLE_FOLDER, bundling.BUNDLE_FILE));
    expect(installed.root).toBe(join(REPO_ROOT, 'node_modules', 'playwright-core'));
  });

  it('names a failed call after the API as the package does, with no frame of its own in the stack', async () => {
    // Act
    const fromPackage = await childJson(FAILED_LAUNCH, [join(installed.root, 'index.js')]);
    const fromBundle = await childJson(FAILED_LAUNCH, [bundleFile]);
    // Assess
    expect(fromPackage.message).toMatch(/^browserType\.launch: /);
    expect(fromBundle.message).toBe(fromPackage.message);
    expect(fromBundle.executablePath).toBe(fromPackage.executablePath);
    expect(String(fromBundle.stack)).not.toContain(bundleFile);
    expect(String(fromBundle.stack)).toContain('child-');
  });

  it('drives a real Chromium page', async () => {
    // Arrange
    const executablePath = await resolveExecutablePath();
    const script = `const { chromium } = require(process.argv[2]);
(async () => {
  const browser = await chromium.launch({ executablePath: process.argv[3], args: JSON.parse(process.argv[4]) });
  try {
    const page = await browser.newPage();
    await page.setContent('<p id="answer">42</p>');
    console.log(JSON.stringify({ text: await page.locator('#answer').textContent(), sum: await page.evaluate(() => 20 + 22) }));
  } finally {
    await browser.close();
  }
})();`;
    // Act
    const result = await childJson(script, [bundleFile, executablePath, JSON.stringify(chromiumArgs())]);
    // Assess
    expect(result).toEqual({ text: '42', sum: 42 });
  });
});

describe('the module the CLI imports as playwright-core', () => {
  /** A package beside the bundle whose "imports" name it as the CLI's package.json does; returns what the shim loaded. */
  async function shimLoads(version: string, bundlePresent: boolean): Promise<Record<string, unknown>> {
    const dir = mkdtempSync(join(scratch, 'shim-'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    if (bundlePresent) {
      mkdirSync(join(dir, 'bundle'));
      symlinkSync(bundleFile, join(dir, 'bundle', 'index.cjs'));
    }
    const imports = { [bundling.BUNDLE_IMPORT]: './bundle/index.cjs' };
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shim-test', type: 'module', imports }));
    writeFileSync(join(dir, 'shim.mjs'), bundling.shimSource(version));
    const script = `const { createRequire } = require('node:module');
const require2 = createRequire(__filename);
import(${JSON.stringify(pathToFileURL(join(dir, 'shim.mjs')).href)}).then((shim) => {
  const fromPackage = require2('playwright-core');
  console.log(JSON.stringify({ packageItself: shim.default === fromPackage, launches: typeof shim.chromium.launch, firefox: typeof shim.firefox.launch }));
});`;
    return childJson(script, [], dir);
  }

  it('loads the bundle when it was built from the installed version', async () => {
    // Act
    const loaded = await shimLoads(installed.version, true);
    // Assess
    expect(loaded).toEqual({ packageItself: false, launches: 'function', firefox: 'function' });
  });

  it('loads the package itself when the installed version is another', async () => {
    // Act
    const loaded = await shimLoads('0.0.0-another', true);
    // Assess
    expect(loaded).toEqual({ packageItself: true, launches: 'function', firefox: 'function' });
  });

  it('loads the package itself when there is no bundle (an install that never built one)', async () => {
    // Act
    const loaded = await shimLoads(installed.version, false);
    // Assess
    expect(loaded).toEqual({ packageItself: true, launches: 'function', firefox: 'function' });
  });
});
