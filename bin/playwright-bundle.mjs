// playwright-core as one file for the CLI. Loading the package module by module (about 300 files:
// resolving each request, reading each file, compiling) is most of the CLI's start; the same code as
// one esbuild bundle loads in about half the time. The bundle is built from the installed package
// (whatever its layout) into dist/cli/playwright-core/, a folder of its own, and the CLI's build
// points its `playwright-core` imports at a small module (shimSource) that loads the bundle when it
// was built from the installed version, and the package itself otherwise.
//
// What the bundle keeps of the package's layout, so it behaves as the package does:
// - every module's `__dirname`, `__filename` and `require.resolve` are those of its own file in the
//   installed package (the browser registry reads browsers.json next to itself, for example);
// - Playwright tells its own stack frames from its caller's by its folder (an error says
//   "page.goto: …" from that): in the bundle, its folder is the bundle's folder.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

/** The bundle's folder under the CLI's output folder, and its file. */
export const BUNDLE_FOLDER = 'playwright-core';
export const BUNDLE_FILE = 'index.cjs';
/** package.json "imports" entry of the bundle: resolved from the package root wherever a chunk lands. */
export const BUNDLE_IMPORT = '#playwright-core-bundle';

/** In playwright-core's node platform: the package's own folder, by which it recognises its stack frames. */
const CORE_DIR_LINE = 'const coreDir = import_path.default.dirname(require.resolve("../../../package.json"));';
const CORE_DIR_FILE = join('lib', 'server', 'utils', 'nodePlatform.js');

/** Set at the top of the bundle: where the installed package is (its files' paths) and where the bundle is. */
const BANNER = `"use strict";
var __pwPath = require("node:path");
var __pwModule = require("node:module");
var __pwRoot = __pwPath.dirname(require.resolve("playwright-core/package.json"));
var __pwBundleDir = __dirname;
var __pwFile = (file) => __pwPath.join(__pwRoot, file);
var __pwResolve = (from, request, options) => __pwModule.createRequire(from).resolve(request, options);`;

/** Packages playwright-core requires only for browsers and platforms the CLI never drives. */
const EXTERNAL = ['electron', 'chromium-bidi', 'chromium-bidi/*', 'fsevents'];

/** The installed playwright-core: its folder and version, as `require` finds it from `fromDir`. */
export function installedPlaywright(fromDir) {
  const manifest = createRequire(join(fromDir, 'package.json')).resolve('playwright-core/package.json');
  return { root: dirname(manifest), version: JSON.parse(readFileSync(manifest, 'utf8')).version };
}

/** A module's source with its own paths: `__dirname`, `__filename` and `require.resolve` of its file in the package. */
function withOwnPaths(source, file) {
  const path = JSON.stringify(file.split(sep).join('/'));
  let body = source;
  if (file === CORE_DIR_FILE) {
    if (!body.includes(CORE_DIR_LINE)) throw new Error(`playwright-core's ${CORE_DIR_FILE} no longer sets coreDir as expected`);
    body = body.replace(CORE_DIR_LINE, 'const coreDir = __pwBundleDir;');
  }
  body = body.replace(/\brequire\.resolve\(/g, '__pwResolve(__filename, ');
  return `var __filename = __pwFile(${path}), __dirname = __pwPath.dirname(__filename);\n${body}`;
}

/**
 * Builds the bundle of the installed playwright-core for `outDir`/playwright-core/index.cjs with
 * esbuild's `build`; returns its path, contents and the version it was built from (the caller writes
 * it). Throws when the package's source is not the shape the rewrite expects (the CLI then loads the
 * package itself).
 */
export async function buildPlaywrightBundle(build, repoRoot, outDir) {
  const { root, version } = installedPlaywright(repoRoot);
  const outfile = join(outDir, BUNDLE_FOLDER, BUNDLE_FILE);
  const ownPaths = {
    name: 'playwright-core-own-paths',
    setup(plugin) {
      plugin.onLoad({ filter: /\.js$/ }, (args) => {
        const file = relative(root, args.path);
        if (file.startsWith('..')) return undefined;
        return { contents: withOwnPaths(readFileSync(args.path, 'utf8'), file), loader: 'js' };
      });
    },
  };
  const result = await build({
    entryPoints: [join(root, 'index.js')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: BANNER },
    plugins: [ownPaths],
    write: false,
    logLevel: 'error',
  });
  const [output] = result.outputFiles;
  if (!output || result.outputFiles.length !== 1)
    throw new Error(`esbuild wrote ${result.outputFiles.length} files for playwright-core, not one`);
  return { path: output.path, contents: output.contents, version };
}

/**
 * The module the CLI's `playwright-core` imports resolve to: the bundle when it was built from the
 * installed version (`version`), else the package itself (an install that never ran the build, or
 * one whose playwright-core changed since).
 */
export function shimSource(version) {
  return `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
function load() {
  try {
    if (require('playwright-core/package.json').version === ${JSON.stringify(version)}) return require(${JSON.stringify(BUNDLE_IMPORT)});
  } catch {
    // no bundle here: the package itself
  }
  return require('playwright-core');
}
const playwright = load();
export const chromium = playwright.chromium;
export const firefox = playwright.firefox;
export const webkit = playwright.webkit;
export const errors = playwright.errors;
export const devices = playwright.devices;
export const selectors = playwright.selectors;
export const request = playwright.request;
export default playwright;
`;
}
