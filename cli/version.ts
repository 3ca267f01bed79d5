import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders walked up from this module to the package root (source: 1, a build output folder: a few more). */
const MAX_LEVELS = 5;

interface Root {
  readonly dir: string;
  readonly version: string;
}

/**
 * This package's root folder and version, found by walking up from this module to the package.json
 * that names it, so both are the same whether the CLI runs from source or from a build folder.
 */
function packageRoot(): Root | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < MAX_LEVELS; level += 1) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'autocrm-synthetics' && typeof manifest.version === 'string') return { dir, version: manifest.version };
    } catch {
      // no package.json at this level: keep walking up
    }
    dir = dirname(dir);
  }
  return undefined;
}

/** The `version` of this package's package.json ('unknown' when it cannot be found). */
export function packageVersion(): string {
  return packageRoot()?.version ?? 'unknown';
}

/**
 * A file of this package by its path from the package root (e.g. the config schema), wherever the
 * CLI runs from; undefined when the root cannot be found.
 */
export function packageFile(...path: string[]): string | undefined {
  const root = packageRoot();
  return root ? join(root.dir, ...path) : undefined;
}
