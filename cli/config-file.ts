import { readFileSync } from 'node:fs';
import { ConfigError } from '../lambdas/core/config/error';
import { parseConfig } from '../lambdas/core/config/parse';
import type { MonitorConfig } from '../lambdas/core/config/types';
import { jsonErrorPosition } from '../lambdas/core/config/json-position';

/** The config file the CLI and `cdk synth` read when none is named (in the working directory). */
export const DEFAULT_CONFIG_PATH = 'synthetics.config.json';
/** The example for the real autocrm the repository ships; copied to DEFAULT_CONFIG_PATH to deploy. */
export const EXAMPLE_CONFIG_PATH = 'synthetics.config.example.json';

/** A config file larger than this is not a config file; refuse before parsing it. */
const MAX_CONFIG_BYTES = 1_000_000;

/**
 * The file itself is the problem, not its keys: it is missing, unreadable, or not JSON. A
 * ConfigError (every boundary already reports those as the user's to fix, exit 2) whose message
 * says which of the three it is, so "file not found" never reads as "fix the keys".
 */
export class ConfigFileError extends ConfigError {
  constructor(message: string, path: string, issuePath = path) {
    super([{ path: issuePath, message }], path);
    this.message = message;
  }
}

/** `file not found: x.json`, `not a file: x.json is a folder`, `cannot read x.json: permission denied`. */
export function unreadableMessage(path: string, code: string | undefined): string {
  if (code === 'ENOENT' || code === 'ENOTDIR') return `file not found: ${path}`;
  if (code === 'EISDIR') return `not a file: ${path} is a folder`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot read ${path}: permission denied`;
  return `cannot read ${path}: ${code ?? 'unknown error'}`;
}

function readText(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigFileError(unreadableMessage(path, (error as NodeJS.ErrnoException).code), path);
  }
  if (text.length > MAX_CONFIG_BYTES) {
    throw new ConfigFileError(`not a config file: ${path} has ${text.length} characters, at most ${MAX_CONFIG_BYTES} allowed`, path);
  }
  return text.replace(/^\uFEFF/, '');
}

/** V8's reason without the quoted source excerpt (multi-line) or the offset (we give line and column). */
function syntaxDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^(Unexpected token '.+?'), .* is not valid JSON$/s, '$1')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/\s+/g, ' ');
}

/** Parses JSON text read from `path`; a syntax error becomes "not a JSON file: PATH (line L, column C: reason)". */
export function parseJsonFile(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonErrorPosition(text) ?? { line: 1, column: 1 };
    throw new ConfigFileError(
      `not a JSON file: ${path} (line ${line}, column ${column}: ${syntaxDetail(error)})`,
      path,
      `${path}:${line}:${column}`,
    );
  }
}

/**
 * Reads, parses and validates a config file (CLI start, CDK synth). Three different messages:
 * `file not found: …` (or unreadable), `not a JSON file: …` (with line and column), and
 * `invalid config: FILE (N problems)` with every rule broken and its path.
 */
export function loadConfigFile(path: string): MonitorConfig {
  return parseConfig(parseJsonFile(readText(path), path), path);
}
