/**
 * The CLI's package bundles (bin/package-bundles.mjs, issue #20), built from the installed packages,
 * behave as the packages: playwright-core's the same browser registry paths, errors named after the
 * API call ("browserType.launch: …", which Playwright derives from telling its own stack frames from
 * the caller's), no frames of its own in an error's stack, a real Chromium page; @sparticuz/chromium's
 * the same flags and the same archive folder. The module the CLI imports loads a bundle only when it
 * was built from the installed version. Real child Node processes.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, resolveExecutablePath } from '../../lambdas/probe/browser';

const run = promisify(execFile);
const REPO_ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE_MODULE = pathToFileURL(join(REPO_ROOT, 'bin', 'package-bundles.mjs')).href;

interface BundleSpec {
  name: string;
  folder: string;
  importName: string;
  named: string[];
}

interface Installed {
  entry: string;
  root: string;
  version: string;
}

interface BundleModule {
  BUNDLES: BundleSpec[];
  BUNDLE_FILE: string;
  installedPackage(name: string, fromDir: string): Installed;
  buildPackageBundle(
    build: unknown,
    spec: BundleSpec,
    repoRoot: string,
    outDir: string,
  ): Promise<{ path: string; contents: Uint8Array; version: string }>;
  shimSource(spec: BundleSpec, version: string): string;
}

let scratch: string;
let bundling: BundleModule;
/** Per package name: the bundle built into scratch, and the installed package. */
const bundleFiles = new Map<string, string>();
const installed = new Map<string, Installed>();

function spec(name: string): BundleSpec {
  const found = bundling.BUNDLES.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no bundle of ${name}`);
  return found;
}

function bundleOf(name: string): string {
  const file = bundleFiles.get(name);
  if (!file) throw new Error(`${name} was not bundled`);
  return file;
}

function installedOf(name: string): Installed {
  const found = installed.get(name);
  if (!found) throw new Error(`${name} is not installed`);
  return found;
}

/** What `script` prints as JSON, run by Node as CommonJS in `cwd` with `args`. */
async function childJson(script: string, args: string[] = [], cwd = scratch, env = process.env): Promise<Record<string, unknown>> {
  const file = join(cwd, `child-${Math.random().toString(36).slice(2)}.cjs`);
  writeFileSync(file, script);
  const { stdout } = await run(process.execPath, [file, ...args], { cwd, env, timeout: 60_000 });
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

/** What @sparticuz/chromium (the module at argv[2]) says: its flags, and what finding the executable does. */
const EXECUTABLE = `const chromium = require(process.argv[2]);
chromium.executablePath().then(
  (path) => console.log(JSON.stringify({ args: chromium.args, outcome: 'found ' + path })),
  (error) => console.log(JSON.stringify({ args: chromium.args, outcome: 'failed ' + error.message })),
);`;

beforeAll(async () => {
  bundling = (await import(BUNDLE_MODULE)) as BundleModule;
  scratch = mkdtempSync(join(tmpdir(), 'package-bundles-test-'));
  // a bundle finds the installed package from where it lies, as it does from dist/cli in the repository
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  const { build } = await import('esbuild');
  for (const each of bundling.BUNDLES) {
    installed.set(each.name, bundling.installedPackage(each.name, REPO_ROOT));
    const bundle = await bundling.buildPackageBundle(build, each, REPO_ROOT, scratch);
    mkdirSync(join(scratch, each.folder), { recursive: true });
    writeFileSync(bundle.path, bundle.contents);
    bundleFiles.set(each.name, bundle.path);
  }
}, 120_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('the package bundles', () => {
  it('are built from the installed packages, each into a folder of its own', () => {
    // Assess
    expect(bundleOf('playwright-core')).toBe(join(scratch, 'playwright-core', bundling.BUNDLE_FILE));
    expect(bundleOf('@sparticuz/chromium')).toBe(join(scratch, 'sparticuz-chromium', bundling.BUNDLE_FILE));
    expect(installedOf('playwright-core').root).toBe(join(REPO_ROOT, 'node_modules', 'playwright-core'));
    expect(installedOf('@sparticuz/chromium').root).toBe(join(REPO_ROOT, 'node_modules', '@sparticuz', 'chromium'));
  });

  it('are ASCII text without comments (V8 holds a text with any other character at two bytes a character)', () => {
    for (const name of ['playwright-core', '@sparticuz/chromium']) {
      // Prepare
      const text = readFileSync(bundleOf(name), 'latin1');
      // Assess
      expect(text.match(/[\u0080-\u00ff]/g) ?? [], name).toEqual([]);
      expect(text, name).not.toMatch(/^\s*\/\/ node_modules\//m); // esbuild's comment before each module
    }
  });
});

describe('the playwright-core bundle', () => {
  it('names a failed call after the API as the package does, with no frame of its own in the stack', async () => {
    // Arrange
    const bundleFile = bundleOf('playwright-core');
    // Act
    const fromPackage = await childJson(FAILED_LAUNCH, [installedOf('playwright-core').entry]);
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
    const result = await childJson(script, [bundleOf('playwright-core'), executablePath, JSON.stringify(chromiumArgs())]);
    // Assess
    expect(result).toEqual({ text: '42', sum: 42 });
  });
});

describe('the @sparticuz/chromium bundle', () => {
  it('gives the same flags and the same executable as the package', async () => {
    // Act
    const fromPackage = await childJson(EXECUTABLE, [installedOf('@sparticuz/chromium').entry]);
    const fromBundle = await childJson(EXECUTABLE, [bundleOf('@sparticuz/chromium')]);
    // Assess
    expect(fromPackage.outcome).toMatch(/^found \//);
    expect(fromBundle).toEqual(fromPackage);
  });

  it('looks for its archives in the installed package, as the package does', async () => {
    // Arrange: a temporary folder that is a file, so extracting fails at once, after the archives were found
    const notAFolder = join(scratch, 'not-a-folder');
    writeFileSync(notAFolder, '');
    const env = { ...process.env, TMPDIR: notAFolder };
    // Act
    const fromPackage = await childJson(EXECUTABLE, [installedOf('@sparticuz/chromium').entry], scratch, env);
    const fromBundle = await childJson(EXECUTABLE, [bundleOf('@sparticuz/chromium')], scratch, env);
    // Assess: the failure is writing the binary, not a missing archive folder
    expect(fromPackage.outcome).toMatch(/ENOTDIR/);
    expect(fromBundle.outcome).toBe(fromPackage.outcome);
  });
});

describe('the module the CLI imports as playwright-core', () => {
  /** A package beside the bundle whose "imports" name it as the CLI's package.json does; returns what the shim loaded. */
  async function shimLoads(version: string, bundlePresent: boolean): Promise<Record<string, unknown>> {
    const playwright = spec('playwright-core');
    const dir = mkdtempSync(join(scratch, 'shim-'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    if (bundlePresent) {
      mkdirSync(join(dir, 'bundle'));
      symlinkSync(bundleOf('playwright-core'), join(dir, 'bundle', 'index.cjs'));
    }
    const imports = { [playwright.importName]: './bundle/index.cjs' };
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shim-test', type: 'module', imports }));
    writeFileSync(join(dir, 'shim.mjs'), bundling.shimSource(playwright, version));
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
    const loaded = await shimLoads(installedOf('playwright-core').version, true);
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
    const loaded = await shimLoads(installedOf('playwright-core').version, false);
    // Assess
    expect(loaded).toEqual({ packageItself: true, launches: 'function', firefox: 'function' });
  });
});
