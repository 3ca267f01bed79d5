/**
 * `autocrm-synthetics init <loginUrl>`: open the URL as a probe would, discover the login form, the
 * System-Check link, its verdicts and the page's own endpoints once, write a config that pins what was
 * found, validate it, run one round with it, and print what was found and what was not.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { runExitCode } from '../../lambdas/core/classify';
import { BROWSER_NAMES, isBrowserName } from '../../lambdas/core/browsers';
import { targetFromUrl } from '../../lambdas/core/config';
import { parseConfig } from '../../lambdas/core/config/parse';
import { didYouMeanHint } from '../../lambdas/core/did-you-mean';
import { EXIT_CODES } from '../../lambdas/core/exit-codes';
import type { TargetConfig } from '../../lambdas/core/config/types';
import type { RoundOutcome } from '../../lambdas/round/ports';
import { NO_SINK } from '../../lambdas/round/sinks';
import { DEFAULT_CONFIG_PATH, loadConfigFile } from '../config-file';
import { checkWritePlan } from '../path-checks';
import { discoveredConfig, formatFindings } from '../init/discovered-config';
import { formatResultTable } from '../report/console';
import { cliCredentials, KEEP_IN_MEMORY, LOCAL_LOCATION } from '../rounds';
import { ms, statusLabel } from '../report/format';
import { parseCommandArgs, UsageError } from '../args';
import { packageFile } from '../version';
import type { Command } from '../command';

const OPTIONS = {
  out: { type: 'string' },
  browser: { type: 'string' },
  name: { type: 'string' },
  force: { type: 'boolean' },
} as const;

const USAGE = [
  'Usage: autocrm-synthetics init <loginUrl> [--out FILE] [--browser chromium|firefox|edge] [--name NAME] [--force]',
  '',
  'Opens the login page as a probe would and discovers, once: the login form (a password field), the',
  'System-Check link (by its name or href), the three verdicts (the elements that name the browser,',
  'WebSocket and HTTP checks) and the WebSocket and HTTP endpoints the System-Check itself uses. Writes a',
  'config that pins what it found (stable selectors, endpoints that answered), validates it, runs one',
  'round with it and prints what was found and what was not. No credentials are written.',
  '',
  'Options:',
  `  --out FILE       the config file to write (default ${DEFAULT_CONFIG_PATH}); never overwritten without --force`,
  '  --browser NAME   the browser to discover and probe in (default chromium), written as targets[].browsers',
  '  --name NAME      the target name (default derived from the host)',
  '  --force          overwrite FILE if it exists',
  '',
  'Exit codes: 0 the written config passes, 1 the target failed with it, 2 bad usage (or FILE exists),',
  '            3 probe error (we could not measure).',
].join('\n');

/** The JSON Schema shipped with the package, for the written file's `$schema` (found from the package root). */
const SCHEMA_FILE = ['config', 'synthetics.schema.json'] as const;

interface InitOptions {
  readonly loginUrl: string;
  readonly out: string;
  readonly browser?: string;
  readonly name?: string;
  readonly force: boolean;
}

function parseInitArgs(argv: readonly string[]): InitOptions {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, true);
  if (positionals.length !== 1) throw new UsageError(`give exactly one login URL, got ${positionals.length}.`);
  const browser = values.browser;
  if (browser !== undefined && !isBrowserName(browser)) {
    throw new UsageError(
      `--browser must be one of ${BROWSER_NAMES.join(', ')}, got "${browser}".${didYouMeanHint(browser, BROWSER_NAMES)}`,
    );
  }
  return {
    loginUrl: positionals[0] ?? '',
    out: values.out ?? DEFAULT_CONFIG_PATH,
    ...(browser ? { browser } : {}),
    ...(values.name ? { name: values.name } : {}),
    force: values.force === true,
  };
}

/** `$schema` relative to the written file, so editors find it from wherever the file is. */
function schemaFor(out: string): string {
  const schema = packageFile(...SCHEMA_FILE) ?? resolve(...SCHEMA_FILE);
  const path = relative(dirname(resolve(out)), schema)
    .split('\\')
    .join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** One round by the shared round runner, in the browser init was asked for, published nowhere. */
async function oneRound(target: TargetConfig, browser: string | undefined, runId: string): Promise<RoundOutcome> {
  // the engine (playwright-core) loads when a round runs, not for `--help` or a usage error
  const { runRound } = await import('../../lambdas/round/run-round');
  const ports = { sink: NO_SINK, artifacts: KEEP_IN_MEMORY, clock: { now: Date.now }, credentials: cliCredentials() };
  const plan = { target, location: LOCAL_LOCATION, runId, ...(browser && isBrowserName(browser) ? { browser } : {}) };
  return runRound(plan, ports);
}

async function init(argv: readonly string[]): Promise<number> {
  const options = parseInitArgs(argv);
  checkWritePlan({ files: [{ option: '--out', path: options.out, example: DEFAULT_CONFIG_PATH }] });
  if (existsSync(options.out) && !options.force) {
    throw new UsageError(`${options.out} exists; give --force to overwrite it, or --out another file.`);
  }
  const discovery = targetFromUrl(options.loginUrl, {
    ...(options.name ? { name: options.name } : {}),
  });
  const target = options.browser ? { ...discovery, browsers: [options.browser as (typeof BROWSER_NAMES)[number]] } : discovery;
  console.log(`Discovering ${options.loginUrl} …`);
  const runId = `init-${new Date().toISOString()}`;
  const first = await oneRound(target, options.browser, runId);
  if (first.result.status === 'error' || !first.result.loginPage || first.result.steps.find((s) => s.name === 'login_page')?.ok !== true) {
    console.log(formatResultTable(first.result));
    console.error(
      `autocrm-synthetics init: nothing written: the login page could not be ${first.result.status === 'error' ? 'probed' : 'read'}.`,
    );
    return first.result.status === 'error' ? EXIT_CODES.probeError : EXIT_CODES.targetFailed;
  }
  const written = discoveredConfig({
    name: target.name,
    loginUrl: options.loginUrl,
    ...(options.browser ? { browser: options.browser } : {}),
    schema: schemaFor(options.out),
    result: first.result,
  });
  parseConfig(written.config, options.out); // a config we cannot read back is our bug: it throws before anything is written
  mkdirSync(dirname(resolve(options.out)), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(written.config, null, 2)}\n`, { flag: options.force ? 'w' : 'wx' });
  console.log(`\nWrote ${options.out}:\n${formatFindings(written.findings)}`);
  for (const line of written.notFound) console.log(`  - ${line}`);
  const [pinned] = loadConfigFile(options.out).targets;
  if (!pinned) return EXIT_CODES.probeError;
  const round = await oneRound(pinned, options.browser, runId);
  console.log(`\nOne round with ${options.out}: ${statusLabel(round.result)} in ${ms(round.result.durationMs)}`);
  if (round.result.failure) console.log(`  ${round.result.failure.kind} at ${round.result.failure.step}: ${round.result.failure.message}`);
  return runExitCode([round.result.status]);
}

/** `autocrm-synthetics init`: discover a login page once and write a config that pins what was found. */
export const initCommand: Command = {
  summary: 'discover a login page (form, System-Check link, verdicts, endpoints) and write a config',
  usage: USAGE,
  run: init,
};
