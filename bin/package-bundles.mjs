// The packages every round of the CLI loads, each as one file. Loading playwright-core module by
// module (about 300 files: resolving each request, reading each file, compiling) is most of the CLI's
// start, and @sparticuz/chromium (an ES module package with a dozen small dependencies, loaded for
// its flags and the executable's path) is the next largest part; each bundled by esbuild loads in
// about half the time or less. A bundle is built from the installed package (whatever its layout)
// into dist/cli/<folder>/index.cjs, a folder of its own, and the CLI's build points the package's
// imports at a small module (shimSource) that loads the bundle when it was built from the installed
// version, and the package itself otherwise. Tests and the Lambda use the packages as they are.
//
// What a bundle keeps of its package's layout, so it behaves as the package does:
// - every module of the package has the `__dirname`, `__filename` and `require.resolve` of its own
//   file in the installed package (playwright-core's browser registry reads browsers.json next to
//   itself; @sparticuz/chromium finds its brotli archives from its own folder);
// - playwright-core tells its own stack frames from its caller's by its folder (an error says
//   "page.goto: …" from that): in the bundle, its folder is the bundle's folder.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This module's own file: the shims import installedPackage from it (the CLI's build bundles it in). */
const THIS_MODULE = fileURLToPath(import.meta.url);

/** In playwright-core's node platform: the package's own folder, by which it recognises its stack frames. */
const CORE_DIR_LINE = 'const coreDir = import_path.default.dirname(require.resolve("../../../package.json"));';
const CORE_DIR_FILE = join('lib', 'server', 'utils', 'nodePlatform.js');

/** Playwright's own folder is the bundle's folder (see the header); the build fails when the line moved. */
function bundleIsCoreDir(source, file) {
  if (file !== CORE_DIR_FILE) return source;
  if (!source.includes(CORE_DIR_LINE)) throw new Error(`playwright-core's ${CORE_DIR_FILE} no longer sets coreDir as expected`);
  return source.replace(CORE_DIR_LINE, 'const coreDir = __bundleDir;');
}

/** The bundles: the package, the folder under dist/cli, the package.json "imports" name, the named exports the CLI imports. */
export const BUNDLES = [
  {
    name: 'playwright-core',
    folder: 'playwright-core',
    importName: '#playwright-core-bundle',
    named: ['chromium', 'firefox', 'webkit', 'errors', 'devices', 'selectors', 'request'],
    patch: bundleIsCoreDir,
  },
  { name: '@sparticuz/chromium', folder: 'sparticuz-chromium', importName: '#sparticuz-chromium-bundle', named: [] },
];
export const BUNDLE_FILE = 'index.cjs';

/** Packages playwright-core requires only for browsers and platforms the CLI never drives. */
const EXTERNAL = ['electron', 'chromium-bidi', 'chromium-bidi/*', 'fsevents'];

/**
 * The installed package as `require` finds it from `fromDir`: its CommonJS entry file, its folder
 * (the nearest folder up from the entry whose package.json names it) and its version.
 */
export function installedPackage(name, fromDir) {
  const entry = createRequire(join(fromDir, 'package.json')).resolve(name);
  for (let dir = dirname(entry), up = 0; up < 8; dir = dirname(dir), up += 1) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (manifest.name === name) return { entry, root: dir, version: manifest.version };
    } catch {
      // no package.json here (or another package's): one folder up
    }
  }
  throw new Error(`no package.json of ${name} above ${entry}`);
}

/** The top of a bundle: where the installed package is (its files' paths) and where the bundle is. */
function banner(name, entryToRoot) {
  return `"use strict";
var __bundlePath = require("node:path");
var __bundleModule = require("node:module");
var __packageRoot = __bundlePath.join(__bundlePath.dirname(require.resolve(${JSON.stringify(name)})), ${JSON.stringify(entryToRoot)});
var __bundleDir = __dirname;
var __packageFile = (file) => __bundlePath.join(__packageRoot, file);
var __packageResolve = (from, request, options) => __bundleModule.createRequire(from).resolve(request, options);`;
}

/** A module's source with its own paths: `__dirname`, `__filename` and `require.resolve` of its file in the package. */
function withOwnPaths(source, file) {
  const path = JSON.stringify(file.split(sep).join('/'));
  const body = source.replace(/\brequire\.resolve\(/g, '__packageResolve(__filename, ');
  return `var __filename = __packageFile(${path}), __dirname = __bundlePath.dirname(__filename);\n${body}`;
}

/**
 * Builds the bundle of `spec`'s installed package for `outDir`/<folder>/index.cjs with esbuild's
 * `build`; returns its path, contents and the version it was built from (the caller writes it).
 * Throws when the package's source is not the shape a patch expects (the CLI then loads the package).
 */
export async function buildPackageBundle(build, spec, repoRoot, outDir) {
  const { entry, root, version } = installedPackage(spec.name, repoRoot);
  const ownPaths = {
    name: 'own-paths',
    setup(plugin) {
      plugin.onLoad({ filter: /\.c?js$/ }, (args) => {
        const file = relative(root, args.path);
        if (file.startsWith('..') || file.split(sep).includes('node_modules')) return undefined; // a dependency, as it is
        const source = spec.patch ? spec.patch(readFileSync(args.path, 'utf8'), file) : readFileSync(args.path, 'utf8');
        return { contents: withOwnPaths(source, file), loader: 'js' };
      });
    },
  };
  const result = await build({
    entryPoints: [entry],
    outfile: join(outDir, spec.folder, BUNDLE_FILE),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: banner(spec.name, relative(dirname(entry), root) || '.') },
    // without comments and indentation: a quarter less to read and scan at every start, and no
    // character outside ASCII (one in a comment of playwright-core makes V8 hold the whole 4 MB text
    // as two-byte string, slower to read); names stay, so do the package's own error messages
    minifyWhitespace: true,
    plugins: [ownPaths],
    write: false,
    logLevel: 'error',
  });
  const [output] = result.outputFiles;
  if (!output || result.outputFiles.length !== 1)
    throw new Error(`esbuild wrote ${result.outputFiles.length} files for ${spec.name}, not one`);
  return { path: output.path, contents: output.contents, version };
}

/**
 * The module the CLI's imports of `spec`'s package resolve to: the bundle when it was built from the
 * installed version (`version`), else the package itself (an install that never ran the build, or
 * one whose package changed since).
 */
export function shimSource(spec, version) {
  const named = spec.named.map((name) => `export const ${name} = loaded.${name};\n`).join('');
  return `import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedPackage } from ${JSON.stringify(THIS_MODULE)};
const require = createRequire(import.meta.url);
function load() {
  try {
    const installed = installedPackage(${JSON.stringify(spec.name)}, dirname(fileURLToPath(import.meta.url)));
    if (installed.version === ${JSON.stringify(version)}) return require(${JSON.stringify(spec.importName)});
  } catch {
    // no bundle here: the package itself
  }
  return require(${JSON.stringify(spec.name)});
}
const loaded = load();
export default loaded;
${named}`;
}
