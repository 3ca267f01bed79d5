/**
 * One CLI subcommand. `cli/main.ts` picks it by name and calls `run(argv)`; a command gets everything
 * it needs through `argv` and imports nothing back from the dispatcher.
 */
export interface Command {
  readonly summary: string;
  readonly usage: string;
  /** Returns the process exit code (EXIT_CODES); prints its own output. */
  run(argv: readonly string[]): Promise<number>;
}
