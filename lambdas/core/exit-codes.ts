/** Process exit codes of every CLI command (DESIGN.md, Contracts). */
export const EXIT_CODES = {
  /** Every target passed (or the gate passed). */
  pass: 0,
  /** A target failed (or was degraded where the caller asked to fail on that). */
  targetFailed: 1,
  /** Bad usage or config: the user can fix it. */
  usage: 2,
  /** We could not measure: our own fault, not the target's. */
  probeError: 3,
} as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
