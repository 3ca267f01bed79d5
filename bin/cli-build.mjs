// Builds the CLI (cli/main.ts and everything it imports) into plain JavaScript in dist/cli/, so the
// launcher starts Node on JavaScript instead of transpiling TypeScript at every start. One esbuild
// bundle with code splitting: every `await import()` of the CLI (commands, the AWS SDK sinks, the
// reference target, reports) stays a chunk of its own that loads only when used; npm packages stay
// external and load from node_modules, except playwright-core and @sparticuz/chromium: the CLI loads
// each as one file (package-bundles.mjs), built here when missing or built from another version.
// `npm ci` builds once (the `prepare` script); the launcher rebuilds when a source file or an
// installed bundled package changed since (a few ms to check; about 0.3 s to build, 1 s more for
// the bundles).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE_FILE, BUNDLES, buildPackageBundle, installedPackage, shimSource } from './package-bundles.mjs';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(REPO_ROOT, 'dist', 'cli');
const ENTRY = join(OUT_DIR, 'main.mjs');
/** What the last build read (repo-relative paths) and when it started: the launcher's freshness check. */
const BUILD_INFO = join(OUT_DIR, 'build-info.json');
/** A chunk no build has referenced for this long is removed (a concurrent older build may still load it before that). */
const STALE_CHUNK_MS = 10 * 60_000;

/** The installed version of a bundled package, or undefined when it cannot be found. */
function installedVersion(spec) {
  try {
    return installedPackage(spec.name, REPO_ROOT).version;
  } catch {
    return undefined;
  }
}

function bundlePath(spec) {
  return join(OUT_DIR, spec.folder, BUNDLE_FILE);
}

/** The entry module's file URL when dist/cli is built from the current sources, else undefined. */
export function freshEntry() {
  let info;
  try {
    info = JSON.parse(readFileSync(BUILD_INFO, 'utf8'));
  } catch {
    return undefined;
  }
  for (const spec of BUNDLES) {
    const built = info.bundles?.[spec.name];
    if (built === undefined) return undefined; // a build from before this bundle existed
    // a built bundle is stale when it is gone or the installed package is another version
    if (typeof built === 'string' && (built !== installedVersion(spec) || !existsSync(bundlePath(spec)))) return undefined;
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

/** The version the bundle of `spec` in dist/cli was built from, when it is there. */
function bundledVersion(spec) {
  try {
    if (!existsSync(bundlePath(spec))) return undefined;
    return JSON.parse(readFileSync(BUILD_INFO, 'utf8')).bundles?.[spec.name] ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The bundle of `spec`'s installed version: kept when built already, else built. Returns its
 * version, or null (with a warning) when it cannot be built: the CLI then loads the package itself.
 */
async function ensureBundle(build, spec) {
  const installed = installedVersion(spec);
  if (installed !== undefined && bundledVersion(spec) === installed) return installed;
  try {
    const bundle = await buildPackageBundle(build, spec, REPO_ROOT, OUT_DIR);
    writeAtomically(bundle.path, bundle.contents);
    return bundle.version;
  } catch (error) {
    console.error(`autocrm-synthetics: ${spec.name} loads unbundled (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

const SHIM_NAMESPACE = 'package-bundle';

/** Resolves the CLI's imports of each bundled package to the module that loads its bundle (`versions`: name → version). */
function bundleShims(versions) {
  const built = BUNDLES.filter((spec) => typeof versions[spec.name] === 'string');
  return {
    name: 'package-bundles',
    setup(plugin) {
      for (const spec of built) {
        const exact = new RegExp(`^${spec.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        plugin.onResolve({ filter: exact }, () => ({ path: spec.name, namespace: SHIM_NAMESPACE }));
      }
      plugin.onLoad({ filter: /.*/, namespace: SHIM_NAMESPACE }, (args) => {
        const spec = built.find((candidate) => candidate.name === args.path);
        return { contents: shimSource(spec, versions[spec.name]), loader: 'js', resolveDir: REPO_ROOT };
      });
    },
  };
}

/** Builds dist/cli; returns the entry module's file URL. Chunks first, the entry and build-info last. */
export async function buildCli() {
  const startedAtMs = Date.now();
  const { build, stop } = await import('esbuild');
  const bundles = {};
  try {
    for (const spec of BUNDLES) bundles[spec.name] = await ensureBundle(build, spec);
  } catch (error) {
    await stop();
    throw error;
  }
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
    plugins: [bundleShims(bundles)],
  }).finally(() => stop());
  const inputs = [
    ...Object.keys(result.metafile.inputs).filter((input) => !input.startsWith(`${SHIM_NAMESPACE}:`)),
    'tsconfig.json',
    relative(REPO_ROOT, fileURLToPath(import.meta.url)),
    relative(REPO_ROOT, join(dirname(fileURLToPath(import.meta.url)), 'package-bundles.mjs')),
  ];
  const [entry, chunks] = [result.outputFiles.filter((f) => f.path === ENTRY), result.outputFiles.filter((f) => f.path !== ENTRY)];
  for (const file of [...chunks, ...entry]) writeAtomically(file.path, file.contents);
  writeAtomically(BUILD_INFO, `${JSON.stringify({ startedAtMs, inputs, bundles })}\n`);
  pruneChunks(new Set(chunks.map((file) => file.path)));
  return pathToFileURL(ENTRY).href;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const startedAt = Date.now();
  await buildCli();
  console.log(`built ${relative(REPO_ROOT, OUT_DIR)}/ in ${Date.now() - startedAt} ms`);
}
