// Builds the CLI (cli/main.ts and everything it imports) into plain JavaScript in dist/cli/, so the
// launcher starts Node on JavaScript instead of transpiling TypeScript at every start. One esbuild
// bundle with code splitting: every `await import()` of the CLI (commands, the AWS SDK sinks, the
// reference target, reports) stays a chunk of its own that loads only when used; npm packages stay
// external and load from node_modules, except playwright-core: the CLI loads it as one bundle
// (playwright-bundle.mjs), built here when missing or built from another version. `npm ci` builds
// once (the `prepare` script); the launcher rebuilds when a source file or the installed
// playwright-core changed since (a few ms to check; about 0.3 s to build, 1 s more for the bundle).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE_FILE, BUNDLE_FOLDER, buildPlaywrightBundle, installedPlaywright, shimSource } from './playwright-bundle.mjs';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(REPO_ROOT, 'dist', 'cli');
const ENTRY = join(OUT_DIR, 'main.mjs');
/** What the last build read (repo-relative paths) and when it started: the launcher's freshness check. */
const BUILD_INFO = join(OUT_DIR, 'build-info.json');
/** A chunk no build has referenced for this long is removed (a concurrent older build may still load it before that). */
const STALE_CHUNK_MS = 10 * 60_000;

/** The installed playwright-core's version, or undefined when it cannot be found. */
function playwrightVersion() {
  try {
    return installedPlaywright(REPO_ROOT).version;
  } catch {
    return undefined;
  }
}

/** The entry module's file URL when dist/cli is built from the current sources, else undefined. */
export function freshEntry() {
  let info;
  try {
    info = JSON.parse(readFileSync(BUILD_INFO, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof info.playwrightCore === 'string') {
    // the bundle was built: stale when it is gone or the installed playwright-core is another version
    if (info.playwrightCore !== playwrightVersion() || !existsSync(join(OUT_DIR, BUNDLE_FOLDER, BUNDLE_FILE))) return undefined;
  }
  for (const input of info.inputs) {
    let modifiedMs;
    try {
      modifiedMs = statSync(join(REPO_ROOT, input)).mtimeMs;
    } catch {
      return undefined; // an input was deleted or renamed
    }
    if (modifiedMs >= info.startedAtMs) return undefined;
  }
  return pathToFileURL(ENTRY).href;
}

/** Whether an older build exists at all (used when esbuild is not installed). */
export function anyEntry() {
  try {
    statSync(ENTRY);
    return pathToFileURL(ENTRY).href;
  } catch {
    return undefined;
  }
}

/** Writes `contents` to `path` through a rename, so a concurrent reader never sees half a file. */
function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

function pruneChunks(keep) {
  const chunks = join(OUT_DIR, 'chunks');
  for (const name of readdirSync(chunks)) {
    const path = join(chunks, name);
    if (keep.has(path)) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_CHUNK_MS) rmSync(path, { force: true });
    } catch {
      // removed by a concurrent build
    }
  }
}

/** The version the bundle in dist/cli was built from, when it is there. */
function bundledVersion() {
  try {
    if (!existsSync(join(OUT_DIR, BUNDLE_FOLDER, BUNDLE_FILE))) return undefined;
    return JSON.parse(readFileSync(BUILD_INFO, 'utf8')).playwrightCore ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The playwright-core bundle of the installed version: kept when built already, else built. Returns
 * its version, or null (with a warning) when it cannot be built: the CLI then loads the package itself.
 */
async function ensurePlaywrightBundle(build) {
  const installed = playwrightVersion();
  if (installed !== undefined && bundledVersion() === installed) return installed;
  try {
    const bundle = await buildPlaywrightBundle(build, REPO_ROOT, OUT_DIR);
    writeAtomically(bundle.path, bundle.contents);
    return bundle.version;
  } catch (error) {
    console.error(`autocrm-synthetics: playwright-core loads unbundled (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

/** Resolves the CLI's `playwright-core` imports to the module that loads the bundle of `version`. */
function playwrightShim(version) {
  return {
    name: 'playwright-core-bundle',
    setup(plugin) {
      plugin.onResolve({ filter: /^playwright-core$/ }, () => ({ path: 'playwright-core', namespace: 'playwright-shim' }));
      plugin.onLoad({ filter: /.*/, namespace: 'playwright-shim' }, () => ({ contents: shimSource(version), loader: 'js' }));
    },
  };
}

/** Builds dist/cli; returns the entry module's file URL. Chunks first, the entry and build-info last. */
export async function buildCli() {
  const startedAtMs = Date.now();
  const { build, stop } = await import('esbuild');
  const playwrightCore = await ensurePlaywrightBundle(build).catch(async (error) => {
    await stop();
    throw error;
  });
  // esbuild's service process ends now, not when it notices this process gone (else a `run` that
  // rebuilt leaves it behind for a moment)
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: { main: 'cli/main.ts' },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: playwrightCore ? [playwrightShim(playwrightCore)] : [],
  }).finally(() => stop());
  const inputs = [
    ...Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('playwright-shim:')),
    'tsconfig.json',
    relative(REPO_ROOT, fileURLToPath(import.meta.url)),
    relative(REPO_ROOT, join(dirname(fileURLToPath(import.meta.url)), 'playwright-bundle.mjs')),
  ];
  const [entry, chunks] = [result.outputFiles.filter((f) => f.path === ENTRY), result.outputFiles.filter((f) => f.path !== ENTRY)];
  for (const file of [...chunks, ...entry]) writeAtomically(file.path, file.contents);
  writeAtomically(BUILD_INFO, `${JSON.stringify({ startedAtMs, inputs, playwrightCore })}\n`);
  pruneChunks(new Set(chunks.map((file) => file.path)));
  return pathToFileURL(ENTRY).href;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const startedAt = Date.now();
  await buildCli();
  console.log(`built ${relative(REPO_ROOT, OUT_DIR)}/ in ${Date.now() - startedAt} ms`);
}
