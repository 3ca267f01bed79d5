import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMeanHint } from '../lambdas/core/did-you-mean';

/** A mistake on the command line: printed as one clear line plus usage, exit code 2, no stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** How an option's value looks, for "needs a value" messages. */
const VALUE_EXAMPLES: Readonly<Record<string, string>> = {
  '--config': 'synthetics.config.json',
  '--url': 'https://www.autocrm.de/cgi-bin/xorg/crm.pl',
  '--target-url': 'https://www.autocrm.de/cgi-bin/xorg/crm.pl',
  '--out': 'reports/run',
  '--junit': 'reports/smoke.xml',
  '--json': 'reports/smoke.json',
  '--baseline': 'baseline/smoke.json',
  '--event': 'event.json',
};

/** Most re-runs `--retries` allows: more would only hide a real outage behind minutes of re-runs. */
export const MAX_RETRIES = 5;

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `argv` strictly against `options`; an unknown or malformed option becomes a `UsageError`
 * that names it and suggests the closest known one.
 */
export function parseCommandArgs<T extends OptionSpec>(argv: readonly string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown) {
      const known = Object.keys(options).map((name) => `--${name}`);
      throw new UsageError(`unknown option ${unknown}.${didYouMeanHint(unknown, known)}`);
    }
    const missing = /Option '(-{1,2}[^ ']+)[^']*' argument (missing|is ambiguous)/.exec(message)?.[1];
    if (missing) throw new UsageError(`${missing} needs a value, e.g. ${missing} ${VALUE_EXAMPLES[missing] ?? 'VALUE'}.`);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
}

/** Parses a whole number option within [min, max], or throws a UsageError that states the rule. */
export function parseIntegerOption(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}
