#!/usr/bin/env node
// The published binary. Runs the CLI as plain JavaScript from dist/cli/ (built by `npm ci`'s prepare
// script, and again here whenever a source file changed since: see cli-build.mjs).
import module from 'node:module';
import { anyEntry, buildCli, freshEntry } from './cli-build.mjs';

// Node 22+ keeps V8's compiled code of the CLI and playwright-core in a cache in the OS temp folder,
// so later starts skip compiling them; Node 20 has no such cache (the function is missing there).
module.enableCompileCache?.();

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
