import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Packages the probe loads at run time from the browser layer instead of the esbuild bundle:
 * `@sparticuz/chromium` finds its brotli archives next to its own files, and `playwright-core`
 * resolves `../../../package.json` and other files relative to itself, which a bundle breaks
 * (tried with esbuild 0.28: "Cannot find module '../../../package.json'").
 */
export const BROWSER_MODULES = ['@sparticuz/chromium', 'playwright-core'] as const;

/**
 * Modules esbuild leaves out of the probe bundle: the layer provides BROWSER_MODULES, and
 * `chromium-bidi` is an optional require inside playwright-core that is never taken with CDP.
 */
export const PROBE_EXTERNAL_MODULES: readonly string[] = [...BROWSER_MODULES, 'chromium-bidi'];

/** Thrown when a module the layer needs is not installed: synth cannot build the layer. */
export class BrowserModulesError extends Error {
  override readonly name = 'BrowserModulesError';
}

interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

function readManifest(nodeModulesDir: string, name: string): PackageManifest | undefined {
  const file = join(nodeModulesDir, name, 'package.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
}

/**
 * The packages `roots` need at run time (dependencies and installed optional dependencies,
 * transitively), resolved in one flat, npm-hoisted `node_modules`. Sorted `name@version`.
 */
export function packageClosure(nodeModulesDir: string, roots: readonly string[]): PackageManifest[] {
  const found = new Map<string, PackageManifest>();
  const pending = roots.map((name) => ({ name, optional: false }));
  while (pending.length > 0) {
    const next = pending.pop();
    if (!next || found.has(next.name)) continue;
    const manifest = readManifest(nodeModulesDir, next.name);
    if (!manifest) {
      if (next.optional) continue;
      throw new BrowserModulesError(
        `the browser layer needs "${next.name}" in ${nodeModulesDir}, but it is not installed; run "npm ci" first`,
      );
    }
    found.set(next.name, manifest);
    for (const dep of Object.keys(manifest.dependencies ?? {})) pending.push({ name: dep, optional: false });
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) pending.push({ name: dep, optional: true });
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A content key for the layer: changes exactly when a package in the closure changes version. */
export function browserModulesHash(nodeModulesDir: string): string {
  const ids = packageClosure(nodeModulesDir, BROWSER_MODULES).map((p) => `${p.name}@${p.version}`);
  return createHash('sha256').update(ids.join('\n')).digest('hex');
}

/**
 * Copies the closure of BROWSER_MODULES to `outputDir/nodejs/node_modules/…`, the path Lambda puts on
 * NODE_PATH for layers (`/opt/nodejs/node_modules`), or to `outputDir/<subdir>` (the Firefox image's
 * `node_modules` next to the handler). Plain file copies: no Docker, no network.
 */
export function stageBrowserModules(nodeModulesDir: string, outputDir: string, subdir = join('nodejs', 'node_modules')): void {
  const target = join(outputDir, subdir);
  mkdirSync(target, { recursive: true });
  for (const manifest of packageClosure(nodeModulesDir, BROWSER_MODULES)) {
    cpSync(join(nodeModulesDir, manifest.name), join(target, manifest.name), { recursive: true, dereference: true });
  }
}

/** A stand-in layer (one small file) for unit tests, which must not copy ~80 MB per synth. */
export function stagePlaceholder(outputDir: string): void {
  mkdirSync(join(outputDir, 'nodejs'), { recursive: true });
  writeFileSync(join(outputDir, 'nodejs', 'PLACEHOLDER.txt'), 'browser layer placeholder (bundling off)\n');
}
