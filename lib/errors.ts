/**
 * Construct props that break a deploy-time rule (a timeout longer than the schedule, an environment
 * larger than Lambda allows, ...). A user mistake in the config: bin/app.ts prints the message and
 * exits non-zero without a stack trace.
 */
export class DeployConfigError extends Error {
  override readonly name = 'DeployConfigError';
}
