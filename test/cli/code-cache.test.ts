/**
 * The launcher's code cache (bin/code-cache.mjs): a package module loads with the same result from a
 * cache as without one, a changed file is compiled anew (never stale code), an accepted cache is not
 * rewritten, and a folder others could write to is not used at all. Real child Node processes.
 */
import { execFile } from 'node:child_process';
import Module from 'node:module';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CODE_CACHE = pathToFileURL(join(import.meta.dirname, '..', '..', 'bin', 'code-cache.mjs')).href;
/** Node 22+ keeps the cache itself (module.enableCompileCache); the launcher's own cache is Node 20's. */
const OWN_CACHE = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache !== 'function';

let scratch: string;
let cacheDir: string;
let packageFile: string;

/**
 * A child Node process that turns the cache on (for node_modules and `folders`) and requires `request`
 * (the package by default); returns what the module says.
 */
async function load(request = 'greeter', folders: string[] = []): Promise<string> {
  const script = `import { createRequire } from 'node:module';
import { enableCodeCache } from ${JSON.stringify(CODE_CACHE)};
enableCodeCache(${JSON.stringify(cacheDir)}, ${JSON.stringify(folders)});
console.log(createRequire(${JSON.stringify(join(scratch, 'main.cjs'))})(${JSON.stringify(request)})());`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: scratch });
  return stdout.trim();
}

function writePackage(word: string, mtimeMs: number): void {
  writeFileSync(packageFile, `module.exports = function greet() { return 'hello ${word}'; };\n`);
  utimesSync(packageFile, mtimeMs / 1000, mtimeMs / 1000);
}

function cacheFiles(): string[] {
  return readdirSync(cacheDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'code-cache-test-'));
  cacheDir = join(scratch, 'cache');
  mkdirSync(join(scratch, 'node_modules', 'greeter'), { recursive: true });
  packageFile = join(scratch, 'node_modules', 'greeter', 'index.js');
});

afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('the launcher code cache', () => {
  it('loads a package the same from a cache as without one, and compiles a changed file anew', async () => {
    // Arrange: two versions of the same size, so only the modification time tells them apart
    writePackage('alpha', Date.now() - 60_000);
    // Act
    const first = await load();
    const written = cacheFiles();
    const second = await load();
    writePackage('omega', Date.now());
    const changed = await load();
    // Assess
    expect(first).toBe('hello alpha');
    expect(written.length).toBeGreaterThan(0);
    expect(second).toBe('hello alpha');
    expect(changed).toBe('hello omega');
  });

  it.skipIf(!OWN_CACHE)('keeps an accepted cache as it is and keeps one file per module across versions', async () => {
    // Arrange
    writePackage('alpha', Date.now() - 60_000);
    await load();
    const [file] = cacheFiles();
    if (file === undefined) throw new Error('no cache file written');
    const writtenAt = statSync(file).mtimeMs;
    // Act
    await load();
    const keptAt = statSync(file).mtimeMs;
    writePackage('omega', Date.now());
    await load();
    // Assess
    expect(keptAt).toBe(writtenAt);
    expect(cacheFiles()).toEqual([file]);
    expect(statSync(file).mtimeMs).toBeGreaterThan(writtenAt);
  });

  it.skipIf(!OWN_CACHE)('caches a CommonJS file outside node_modules only in a folder it is given', async () => {
    // Arrange: a bundle-like file in a folder of its own
    const folder = join(scratch, 'bundle');
    mkdirSync(folder);
    const file = join(folder, 'index.cjs');
    writeFileSync(file, "module.exports = function greet() { return 'hello bundle'; };\n");
    // Act
    const unnamed = await load(file);
    const cachedUnnamed = cacheFiles();
    const named = await load(file, [folder + sep]);
    // Assess
    expect(unnamed).toBe('hello bundle');
    expect(cachedUnnamed).toEqual([]);
    expect(named).toBe('hello bundle');
    expect(cacheFiles()).toHaveLength(1);
  });

  it.skipIf(!OWN_CACHE)('uses no folder that others can write to', async () => {
    // Arrange
    writePackage('alpha', Date.now() - 60_000);
    mkdirSync(cacheDir);
    chmodSync(cacheDir, 0o777);
    // Act
    const said = await load();
    // Assess
    expect(said).toBe('hello alpha');
    expect(cacheFiles()).toEqual([]);
  });
});
