import { ConfigError } from '../lambdas/core/config/error';
import { didYouMeanHint } from '../lambdas/core/did-you-mean';
import { EXIT_CODES } from '../lambdas/core/exit-codes';
import { UsageError } from './args';
import type { Command } from './command';

const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run')).runCommand,
  smoke: async () => (await import('./commands/smoke')).smokeCommand,
  target: async () => (await import('./commands/target')).targetCommand,
  invoke: async () => (await import('./commands/invoke')).invokeCommand,
};

async function overview(): Promise<string> {
  const lines = ['Usage: autocrm-synthetics <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(8)}${(await load()).summary}`);
  lines.push('', 'Run "autocrm-synthetics <command> --help" for the options of a command.');
  lines.push('Exit codes: 0 pass, 1 target failed, 2 bad usage or config, 3 probe error (we could not measure).');
  return lines.join('\n');
}

/** Entry point of the `autocrm-synthetics` binary. Never throws: every error becomes an exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(await overview());
    return name === undefined ? EXIT_CODES.usage : EXIT_CODES.pass;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`autocrm-synthetics: unknown command "${name}".${didYouMeanHint(name, Object.keys(COMMANDS))}`);
    console.error('Run "autocrm-synthetics --help" for the list of commands.');
    return EXIT_CODES.usage;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return EXIT_CODES.pass;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      console.error(`autocrm-synthetics ${name}: ${error.message}`);
      console.error(`Run "autocrm-synthetics ${name} --help" for usage.`);
      return EXIT_CODES.usage;
    }
    console.error(`autocrm-synthetics ${name}: internal error: ${error instanceof Error ? error.stack : String(error)}`);
    return EXIT_CODES.probeError;
  }
}
