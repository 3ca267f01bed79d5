import { readFile } from 'node:fs/promises';
import { runExitCode } from '../../lambdas/core/classify';
import { referenceTargetConfig } from '../../lambdas/core/config';
import { LAMBDA_MAX_TIMEOUT_MS } from '../../lambdas/core/config/defaults';
import { EXIT_CODES, type ExitCode } from '../../lambdas/core/exit-codes';
import type { HandlerSummary } from '../../lambdas/handler';
import { DEFAULT_LOCAL_MEMORY_MB, DEFAULT_LOCAL_TIMEOUT_S, invokeLocally, type InvokeOutcome } from '../local-invoke';
import type { Command } from '../command';
import { parseCommandArgs, parseIntegerOption, UsageError } from '../args';
import { DEMO_LABEL } from '../report/format';
import { parseJsonFile } from '../config-file';
import { checkReadableFile } from '../path-checks';
import { chooseTargetSource, loadSourceConfig, targetForUrl } from '../target-source';

export { invokeLocally, type InvokeLocallyOptions, type InvokeOutcome } from '../local-invoke';

const OPTIONS = {
  event: { type: 'string' },
  demo: { type: 'boolean' },
  config: { type: 'string' },
  'target-url': { type: 'string' },
  'timeout-s': { type: 'string' },
  'memory-mb': { type: 'string' },
  sink: { type: 'string' },
} as const;

/** Below this not even one warm round plus publishing fits into the countdown. */
const MIN_TIMEOUT_S = 10;
/** Lambda's maximum function timeout. */
const MAX_TIMEOUT_S = LAMBDA_MAX_TIMEOUT_MS / 1000;
/** Lambda's memory range in MB. https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html */
const MIN_MEMORY_MB = 128;
const MAX_MEMORY_MB = 10_240;

const USAGE = `Usage: autocrm-synthetics invoke [--event FILE | --config FILE | --target-url URL | --demo] [--timeout-s N]
                                [--memory-mb N] [--sink emf|cloudwatch]

Runs the Lambda handler once in this process, exactly as Lambda would (Lambda environment variables,
a context counting down from the timeout), and prints the summary it returns as JSON on stdout; what
the handler logs (log lines, EMF) goes to stderr, as it would go to the function's log.

  --event FILE       Lambda event JSON: {"targets": [...], "mode": "scheduled"|"smoke"}
  --config FILE      the targets of a config file (default without --event/--target-url/--demo:
                     ./synthetics.config.json; none there is a usage error)
  --target-url URL   probe this login page with default settings
  --demo             probe the bundled reference target on a free loopback port
  --timeout-s N      function timeout in seconds, ${MIN_TIMEOUT_S}..${MAX_TIMEOUT_S} (default ${DEFAULT_LOCAL_TIMEOUT_S})
  --memory-mb N      memory size reported to the handler, ${MIN_MEMORY_MB}..${MAX_MEMORY_MB} (default ${DEFAULT_LOCAL_MEMORY_MB})
  --sink emf         metrics as EMF lines on stderr; the default: nothing leaves this machine
  --sink cloudwatch  PutMetricData to HOME_REGION with your AWS credentials, like the deployed function

Environment: ARTIFACTS_BUCKET, HOME_REGION, NAMESPACE, LOCATION, SYNTHETICS_CONFIG (see docs/lambda.md).
Exit codes: 0 every round passed (degraded counts as passed), 1 a target failed, 2 bad usage or an
unreadable --event file, 3 probe error (we could not measure; a failed target wins over it).`;

/** `autocrm-synthetics invoke`: the Lambda handler, run locally. */
export const invokeCommand: Command = {
  summary: 'run the Lambda handler locally, as Lambda would, and print its summary',
  usage: USAGE,
  async run(argv) {
    const { values } = parseCommandArgs(argv, OPTIONS);
    if (values.event !== undefined && (values['target-url'] !== undefined || values.config !== undefined || values.demo)) {
      throw new UsageError('give either --event or one of --target-url, --config, --demo, not both.');
    }
    const sink = values.sink ?? 'emf';
    if (sink !== 'emf' && sink !== 'cloudwatch') throw new UsageError(`--sink must be emf or cloudwatch, got "${sink}".`);
    const timeoutS =
      values['timeout-s'] === undefined
        ? DEFAULT_LOCAL_TIMEOUT_S
        : parseIntegerOption('timeout-s', values['timeout-s'], MIN_TIMEOUT_S, MAX_TIMEOUT_S);
    const memoryMb =
      values['memory-mb'] === undefined
        ? DEFAULT_LOCAL_MEMORY_MB
        : parseIntegerOption('memory-mb', values['memory-mb'], MIN_MEMORY_MB, MAX_MEMORY_MB);
    const invoke = (event: unknown): Promise<InvokeOutcome> =>
      stdoutToStderr(() => invokeLocally(event, { timeoutS, memoryMb, env: { METRICS_SINK: sink } }));
    if (values.event !== undefined) return report(await invoke(await readEvent(values.event)));
    const source = chooseTargetSource({ ...values, url: values['target-url'] }, 'invoke', '--target-url');
    if (source.kind === 'url') return report(await invoke({ targets: [targetForUrl(source.url, '--target-url')] }));
    if (source.kind === 'config') return report(await invoke({ targets: loadSourceConfig(source).targets }));
    const { startTarget } = await import('../../target'); // its TLS certificate code loads only for a demo
    const target = await startTarget();
    try {
      process.stderr.write(`${DEMO_LABEL} (the bundled reference target) on ${target.origin}\n`);
      return report(await invoke({ targets: [referenceTargetConfig(target.origin)] }), { demo: true });
    } finally {
      await target.close();
    }
  },
};

async function readEvent(file: string): Promise<unknown> {
  checkReadableFile({ option: '--event', path: file });
  return parseJsonFile(await readFile(file, 'utf8'), file);
}

/**
 * Runs `act` with everything written to stdout sent to stderr instead: the handler's log lines and
 * EMF go where Lambda sends them (the function's log), and stdout carries only the JSON summary, so
 * `invoke > summary.json` is a JSON file.
 */
async function stdoutToStderr<T>(act: () => Promise<T>): Promise<T> {
  const original = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    return await act();
  } finally {
    process.stdout.write = original;
  }
}

/** Prints the summary (stdout, JSON) and a one-line verdict (stderr); maps it to the CLI exit codes. */
function report(outcome: InvokeOutcome, options: { readonly demo?: boolean } = {}): ExitCode {
  process.stdout.write(`${JSON.stringify(outcome.summary, null, 2)}\n`);
  const verdict = outcome.summary.results.map((r) => `${r.target}: ${r.status}${r.failure ? ` (${r.failure.kind})` : ''}`).join(', ');
  const demo = options.demo ? ` (${DEMO_LABEL})` : '';
  process.stderr.write(`invoke${demo}: ${outcome.summary.ok ? 'ok' : 'not ok'} in ${outcome.durationMs} ms — ${verdict}\n`);
  if (outcome.exceededTimeout) process.stderr.write('invoke: the handler ran past the function timeout; Lambda would have killed it.\n');
  return exitCode(outcome.summary);
}

/**
 * The exit code of every command (DESIGN.md, exit precedence): 1 when any round failed, a finding
 * about the target that wins over a probe error; else 3 when any round could not measure (or there
 * was no round at all); else 0.
 */
export function exitCode(summary: HandlerSummary): ExitCode {
  if (summary.results.length === 0) return EXIT_CODES.probeError;
  return runExitCode(summary.results.map((result) => result.status));
}
