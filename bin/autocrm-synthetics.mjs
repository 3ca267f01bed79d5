#!/usr/bin/env node
// The published binary. Runs the CLI as plain JavaScript from dist/cli/ (built by `npm ci`'s prepare
// script, and again here whenever a source file changed since: see cli-build.mjs).
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { anyEntry, buildCli, freshEntry, OUT_DIR } from './cli-build.mjs';
import { enableCodeCache } from './code-cache.mjs';
import { BUNDLES } from './package-bundles.mjs';

// Compiled code of the packages the CLI loads and of its package bundles, kept between runs
// (code-cache.mjs); one folder per user, outside node_modules (npm takes a changed node_modules
// folder as an out-of-date install).
const bundleFolders = BUNDLES.map((spec) => join(OUT_DIR, spec.folder) + sep);
enableCodeCache(join(tmpdir(), `autocrm-synthetics-code-cache-${process.getuid?.() ?? 'user'}`), bundleFolders);

/** dist/cli when it is current; else a fresh build; without esbuild (a production install) whatever build exists. */
async function entry() {
  const fresh = freshEntry();
  if (fresh) return fresh;
  try {
    return await buildCli();
  } catch (error) {
    const built = anyEntry();
    if (built && error?.code === 'ERR_MODULE_NOT_FOUND') return built;
    throw error;
  }
}

let main;
try {
  ({ main } = await import(await entry()));
} catch (error) {
  console.error(`autocrm-synthetics: could not build the CLI (${error instanceof Error ? error.message : String(error)}).`);
  console.error('Run "npm ci" in the autocrm-synthetics folder (it builds dist/cli with esbuild), then try again.');
  process.exit(3);
}
process.exitCode = await main(process.argv.slice(2));
