#!/usr/bin/env node
// The published binary: registers tsx so cli/main.ts runs without a build step after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
