import { ConfigError } from '../lambdas/core/config/error';
import { didYouMeanHint } from '../lambdas/core/did-you-mean';
import { EXIT_CODES } from '../lambdas/core/exit-codes';
import { UsageError } from './args';
import type { Command } from './command';
import { PathError } from './path-checks';
import { packageVersion } from './version';

const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run')).runCommand,
  smoke: async () => (await import('./commands/smoke')).smokeCommand,
  target: async () => (await import('./commands/target')).targetCommand,
  invoke: async () => (await import('./commands/invoke')).invokeCommand,
  init: async () => (await import('./commands/init')).initCommand,
};

async function overview(): Promise<string> {
  const lines = ['Usage: autocrm-synthetics <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(8)}${(await load()).summary}`);
  lines.push('', 'Run "autocrm-synthetics help <command>" (or "<command> --help") for the options of a command.');
  lines.push('Try it: npm start (= autocrm-synthetics run --demo) probes the bundled demo target.');
  lines.push('Exit codes: 0 pass, 1 target failed, 2 bad usage or config, 3 probe error (we could not measure).');
  return lines.join('\n');
}

function unknownCommand(name: string): number {
  console.error(`autocrm-synthetics: unknown command "${name}".${didYouMeanHint(name, Object.keys(COMMANDS))}`);
  console.error('Run "autocrm-synthetics --help" for the list of commands.');
  return EXIT_CODES.usage;
}

/**
 * The AWS SDK warns on Node < 22 that its releases after the first week of January 2027 will need
 * Node 22. We pin the SDK exactly (a version that supports Node 20, this CLI's floor), so the warning
 * speaks of versions this install cannot get; README, FAQ "Node versions" says when we move.
 */
const SDK_NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/** Entry point of the `autocrm-synthetics` binary. Never throws: every error becomes an exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  process.env[SDK_NODE_WARNING_SWITCH] ??= 'true';
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    console.log(`autocrm-synthetics ${packageVersion()}`);
    return EXIT_CODES.pass;
  }
  // `help CMD` prints exactly what `CMD --help` prints.
  const helpFor = name === 'help' && rest[0] !== undefined ? rest[0] : undefined;
  if (name === undefined || name === '--help' || name === '-h' || (name === 'help' && helpFor === undefined)) {
    console.log(await overview());
    return name === undefined ? EXIT_CODES.usage : EXIT_CODES.pass;
  }
  const wanted = helpFor ?? name;
  // Own keys only: `constructor` or `__proto__` would otherwise find Object.prototype's members.
  const load = Object.hasOwn(COMMANDS, wanted) ? COMMANDS[wanted] : undefined;
  if (!load) return unknownCommand(wanted);
  const command = await load();
  if (helpFor !== undefined || rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return EXIT_CODES.pass;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    return reportError(name, error);
  }
}

/** A user's mistake in one clear line (plus the usage hint where the command line is at fault); else an internal error. */
function reportError(name: string, error: unknown): number {
  if (error instanceof PathError || error instanceof ConfigError) {
    // A path or the config file is the problem, not the command line: no usage hint.
    console.error(`autocrm-synthetics ${name}: ${error.message}`);
    return EXIT_CODES.usage;
  }
  if (error instanceof UsageError) {
    console.error(`autocrm-synthetics ${name}: ${error.message}`);
    console.error(`Run "autocrm-synthetics ${name} --help" for usage.`);
    return EXIT_CODES.usage;
  }
  console.error(`autocrm-synthetics ${name}: internal error: ${error instanceof Error ? error.stack : String(error)}`);
  return EXIT_CODES.probeError;
}
