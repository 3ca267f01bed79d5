import { readFileSync } from 'node:fs';
import { ConfigError } from '../lambdas/core/config/error';
import { parseConfig } from '../lambdas/core/config/parse';
import type { MonitorConfig } from '../lambdas/core/config/types';
import { jsonErrorPosition } from '../lambdas/core/config/json-position';

/** The config file the CLI and `cdk synth` read when none is named. */
export const DEFAULT_CONFIG_PATH = 'synthetics.config.json';

/** A config file larger than this is not a config file; refuse before parsing it. */
const MAX_CONFIG_BYTES = 1_000_000;

function readText(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file; create it (see docs/config.md) or pass another path'
        : code === 'EISDIR'
          ? 'it is a directory, not a file'
          : code === 'EACCES'
            ? 'permission denied; make it readable'
            : (code ?? (error instanceof Error ? error.message : String(error)));
    throw new ConfigError([{ path, message: `cannot read the config file: ${why}` }], path);
  }
  if (text.length > MAX_CONFIG_BYTES) {
    throw new ConfigError([{ path, message: `must be at most ${MAX_CONFIG_BYTES} characters, got ${text.length}` }], path);
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

/**
 * Reads, parses and validates a config file (CLI start, CDK synth). Every problem becomes a
 * {@link ConfigError} naming the file: missing or unreadable file, invalid JSON (with line and
 * column), or the config's rules (every issue with its path).
 */
export function loadConfigFile(path: string): MonitorConfig {
  const text = readText(path);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonErrorPosition(text) ?? { line: 1, column: 1 };
    const message = `is not valid JSON (${syntaxDetail(error)}); fix the syntax at line ${line}, column ${column}`;
    throw new ConfigError([{ path: `${path}:${line}:${column}`, message }], path);
  }
  return parseConfig(raw, path);
}
