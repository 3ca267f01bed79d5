/**
 * What a probing command (`run`, `smoke`, `invoke`) probes, by one rule for all of them:
 * `--demo` (the bundled reference target), `--url LOGIN_URL`, `--config FILE`, else
 * `synthetics.config.json` in the working directory, else a usage error that says how to start.
 * The demo is never a silent default: a CI job that forgets `--config` must not gate on it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, targetFromUrl } from '../lambdas/core/config';
import type { TargetConfig } from '../lambdas/core/config/types';
import type { MonitorConfig } from '../lambdas/core/config/types';
import { DEFAULT_CONFIG_PATH, EXAMPLE_CONFIG_PATH, loadConfigFile } from './config-file';
import { checkReadableFile } from './path-checks';
import { UsageError } from './args';

/** Where the targets come from. `defaulted`: the config file was found by the default name, not named. */
export type TargetSource =
  | { readonly kind: 'demo' }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'config'; readonly file: string; readonly defaulted: boolean };

/** The options every probing command shares (the flag names are the same everywhere). */
export interface SourceOptions {
  readonly demo?: boolean;
  readonly url?: string;
  readonly config?: string;
}

/**
 * Applies the rule. `urlFlag` is the command's name for the URL option (`--url`, `--target-url`).
 * Throws a UsageError when more than one source is named, or none is named and there is no default file.
 */
export function chooseTargetSource(options: SourceOptions, command: string, urlFlag = '--url', cwd = process.cwd()): TargetSource {
  const named = [options.demo ? '--demo' : '', options.url !== undefined ? urlFlag : '', options.config !== undefined ? '--config' : ''];
  const given = named.filter(Boolean);
  if (given.length > 1) throw new UsageError(`give one of --demo, ${urlFlag} or --config, not ${given.join(' and ')}.`);
  if (options.demo) return { kind: 'demo' };
  if (options.url !== undefined) return { kind: 'url', url: options.url };
  if (options.config !== undefined) return { kind: 'config', file: options.config, defaulted: false };
  if (existsSync(resolve(cwd, DEFAULT_CONFIG_PATH))) return { kind: 'config', file: DEFAULT_CONFIG_PATH, defaulted: true };
  throw new UsageError(noConfigMessage(command, urlFlag, cwd));
}

/** The one message for "nothing to probe": where the default file was looked for and the three ways to start. */
export function noConfigMessage(command: string, urlFlag: string, cwd: string): string {
  return [
    `no config: there is no ${DEFAULT_CONFIG_PATH} in ${cwd}.`,
    `  Try the demo: autocrm-synthetics ${command} --demo (npm start runs "run --demo").`,
    `  Probe autocrm: copy ${EXAMPLE_CONFIG_PATH} to ${DEFAULT_CONFIG_PATH}, or pass --config FILE or ${urlFlag} LOGIN_URL.`,
  ].join('\n');
}

/** The default target for a login URL; a bad URL is a usage mistake named by the command's option. */
export function targetForUrl(url: string, flag = '--url'): TargetConfig {
  try {
    return targetFromUrl(url);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`${flag} ${error.issues.map((issue) => issue.message).join('; ')}.`);
    throw error;
  }
}

/** The config of a `config` source, its file checked first: `file not found: … (--config)`, else the config's own problems. */
export function checkConfigReadable(source: TargetSource & { readonly kind: 'config' }): void {
  checkReadableFile({ option: source.defaulted ? `default config, found in ${process.cwd()}` : '--config', path: source.file });
}

/** Reads and validates the config a `config` source names (checked to be readable first). */
export function loadSourceConfig(source: TargetSource & { readonly kind: 'config' }): MonitorConfig {
  checkConfigReadable(source);
  return loadConfigFile(source.file);
}
