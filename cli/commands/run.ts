import { runExitCode } from '../../lambdas/core/classify';
import { loadConfigFile } from '../config-file';
import { DEFAULT_NAMESPACE, referenceTargetConfig } from '../../lambdas/core/config';
import type { TargetConfig } from '../../lambdas/core/config/types';
import { didYouMeanHint } from '../../lambdas/core/did-you-mean';
import { EXIT_CODES } from '../../lambdas/core/exit-codes';
import { toMetricDatums } from '../../lambdas/core/metrics';
import { createPublisher, PUBLISHER_KINDS, type Publisher, type PublisherKind } from '../../lambdas/publish';
import type { CredentialsSource, RoundSink } from '../../lambdas/round/ports';
import { immediateSink, NO_SINK } from '../../lambdas/round/sinks';
import { formatProgress, formatResultTable, formatSummary } from '../report/console';
import type { RunningTarget } from '../../target';
import { DEMO_LABEL } from '../report/format';
import { defaultReportDir } from '../report/report-dir';
import { MAX_RETRIES, parseCommandArgs, parseIntegerOption, UsageError } from '../args';
import type { Command } from '../command';
import { cliCredentials, runLocalRounds } from '../rounds';
import { checkWritePlan } from '../path-checks';
import { checkConfigReadable, chooseTargetSource, targetForUrl, type TargetSource } from '../target-source';

const OPTIONS = {
  demo: { type: 'boolean' },
  config: { type: 'string' },
  target: { type: 'string' },
  url: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  publish: { type: 'string' },
  region: { type: 'string' },
  retries: { type: 'string' },
} as const;

const USAGE = [
  'Usage: autocrm-synthetics run [--config FILE [--target NAME] | --url LOGIN_URL | --demo] [--out DIR] [--json]',
  '                              [--publish none|cloudwatch|emf] [--region HOME_REGION] [--retries N]',
  '',
  'Probes targets once with headless Chromium: login page, System-Check verdicts, WebSocket/HTTP',
  'latency and bandwidth. What it probes: --demo, --url, --config FILE, else synthetics.config.json',
  'in the working directory; with none of them it stops with exit 2 and says how to start.',
  '',
  'Options:',
  '  --demo           probe the bundled reference target (a demo on a free 127.0.0.1 port, every',
  '                   measurement on, demo login included); npm start runs this',
  '  --config FILE    probe the targets of a config file (default: ./synthetics.config.json)',
  '  --target NAME    with a config: probe only this target',
  '  --url URL        probe any login page by its URL alone: form, link, verdicts and endpoints discovered',
  '  --out DIR        report folder (default reports/<timestamp>/): report.json, report.html,',
  '                   metrics.json, artifacts/',
  '  --json           print the results as JSON on stdout (progress and tables go to stderr)',
  '  --publish KIND   none (default), cloudwatch (PutMetricData to --region) or emf (stdout lines)',
  '  --region REGION  CloudWatch home region for --publish cloudwatch (default: config homeRegion)',
  `  --retries N      run a failed round again up to N times (0-${MAX_RETRIES}, default 0)`,
  '',
  'Credentials for the optional login step come from the environment variables named in the config',
  '(credentials.usernameEnv / passwordEnv), else from its Secrets Manager secret (credentials.secretArn).',
  'CHROMIUM_PATH overrides the Chromium executable.',
  'Exit codes: 0 every target passed (degraded counts as passed), 1 a target failed,',
  '            2 bad usage or config, 3 probe error (we could not measure).',
].join('\n');

/**
 * Upper bound of publishing one round from the command line: the CloudWatch publisher's own deadline
 * (20 s, retries and its EMF fallback included) plus a margin; only a publisher that hangs reaches it.
 */
const CLI_PUBLISH_BUDGET_MS = 25_000;

/** The bundled reference target would not start: exit code 3 (probe error). */
class ReferenceTargetError extends Error {
  override readonly name = 'ReferenceTargetError';
}

interface RunPlan {
  readonly targets: readonly TargetConfig[];
  readonly namespace: string;
  readonly homeRegion?: string;
  readonly credentials: CredentialsSource;
  readonly reference?: RunningTarget;
}

function parsePublishKind(raw: string | undefined): PublisherKind {
  if (raw === undefined) return 'none';
  const kind = PUBLISHER_KINDS.find((candidate) => candidate === raw);
  if (!kind)
    throw new UsageError(`--publish must be one of ${PUBLISHER_KINDS.join(', ')}, got "${raw}".${didYouMeanHint(raw, PUBLISHER_KINDS)}`);
  return kind;
}

/**
 * Checks before any browser starts that every target's credentials can be had: an environment
 * variable that is not set without a secret to fall back on, or a secret that cannot be read, is a
 * usage error (exit 2), not a round that could not measure. The rounds read them again through the
 * same source (a secret is fetched once per process).
 */
async function checkCredentials(targets: readonly TargetConfig[], source: CredentialsSource): Promise<void> {
  for (const target of targets) {
    const config = target.credentials;
    if (!config) continue;
    if (!config.secretArn) {
      for (const name of [config.usernameEnv, config.passwordEnv]) {
        if (name && !process.env[name]) {
          throw new UsageError(
            `target "${target.name}" logs in with credentials from $${name}, which is not set. Export it, or remove "credentials" from the target.`,
          );
        }
      }
    }
    try {
      await source.forTarget(target);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`target "${target.name}": could not get its login credentials: ${reason}`);
    }
  }
}

async function planFromConfig(file: string, only: string | undefined): Promise<RunPlan> {
  const config = loadConfigFile(file);
  const names = config.targets.map((target) => target.name);
  if (only !== undefined && !names.includes(only)) {
    throw new UsageError(`--target "${only}" is not in ${file}.${didYouMeanHint(only, names)} Targets: ${names.join(', ')}.`);
  }
  const targets = config.targets.filter((target) => only === undefined || target.name === only);
  const credentials = cliCredentials();
  await checkCredentials(targets, credentials);
  return { targets, namespace: config.namespace, homeRegion: config.homeRegion, credentials };
}

async function plan(source: TargetSource, only: string | undefined): Promise<RunPlan> {
  if (only !== undefined && source.kind !== 'config') throw new UsageError('--target selects a target of a config; drop --demo or --url.');
  if (source.kind === 'config') return planFromConfig(source.file, only);
  if (source.kind === 'url') return { targets: [targetForUrl(source.url)], namespace: DEFAULT_NAMESPACE, credentials: cliCredentials() };
  // Loaded only here, like the report writer below: a --config or --url run never loads the
  // reference target's server (ws, selfsigned).
  const { DEFAULT_CREDENTIALS, startTarget } = await import('../../target');
  let reference: RunningTarget;
  try {
    reference = await startTarget();
  } catch (error) {
    // our own fault (no free loopback port, ...): a probe error, never "the target is down"
    throw new ReferenceTargetError(
      `could not start the bundled reference target: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // The bundled target's demo account, so the demo shows the login step too.
  const credentials: CredentialsSource = { forTarget: async () => DEFAULT_CREDENTIALS };
  return { targets: [referenceTargetConfig(reference.origin)], namespace: DEFAULT_NAMESPACE, credentials, reference };
}

/** The sink of `--publish`: each round's datums as it ends, or nowhere. */
function sinkFor(publisher: Publisher, namespace: string): RoundSink {
  if (publisher.kind === 'none') return NO_SINK;
  return immediateSink({
    publisher: () => publisher,
    namespace,
    sink: publisher.kind,
    // The publisher has its own deadline and EMF fallback; this bound only catches one that hangs.
    budgetMs: CLI_PUBLISH_BUDGET_MS,
    logger: {
      warn: (message) => process.stderr.write(`autocrm-synthetics run: warning: ${message}\n`),
      error: (message) => process.stderr.write(`autocrm-synthetics run: error: ${message}\n`),
    },
  });
}

async function run(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS);
  const kind = parsePublishKind(values.publish);
  const retries = values.retries === undefined ? 0 : parseIntegerOption('retries', values.retries, 0, MAX_RETRIES);
  const json = values.json === true;
  if (json && kind === 'emf')
    throw new UsageError(
      '--json and --publish emf both write to stdout; choose one (e.g. --json with --publish none, then read metrics.json).',
    );
  const source = chooseTargetSource(values, 'run');
  // Check before probing: the report folder must be writable, the config readable.
  const outDir = values.out ?? defaultReportDir();
  checkWritePlan({ folders: [{ option: values.out === undefined ? 'report folder' : '--out', path: outDir }] });
  if (source.kind === 'config') checkConfigReadable(source);
  const log = (line: string): void => void (json ? process.stderr : process.stdout).write(`${line}\n`);
  let runPlan: RunPlan;
  try {
    runPlan = await plan(source, values.target);
  } catch (error) {
    if (!(error instanceof ReferenceTargetError)) throw error;
    process.stderr.write(`autocrm-synthetics run: ${error.message}\n`);
    return EXIT_CODES.probeError;
  }
  const publisher = createPublisher({
    kind,
    namespace: runPlan.namespace,
    ...((values.region ?? runPlan.homeRegion) ? { region: values.region ?? runPlan.homeRegion } : {}),
  });
  try {
    try {
      await publisher.preflight();
    } catch (error) {
      throw new UsageError(`--publish ${kind}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (runPlan.reference) log(`Started the ${DEMO_LABEL} (the bundled reference target) at ${runPlan.reference.origin}`);
    // the report writer loads while the rounds wait on the browser, not after them
    const reportWriter = import('../report/write-report');
    reportWriter.catch(() => undefined); // a failure to load is reported where it is awaited
    const rounds = await runLocalRounds(runPlan.targets, {
      runId: `local-${new Date().toISOString()}`,
      retries,
      sink: sinkFor(publisher, runPlan.namespace),
      credentials: runPlan.credentials,
      onProgress: (event) => {
        const line = formatProgress(event);
        if (line) log(line);
      },
    });
    const { writeRunReport } = await reportWriter;
    const datums = rounds.flatMap((round) => toMetricDatums(round.result));
    const demo = runPlan.reference !== undefined;
    // The default folder reports/<timestamp>/ sits among earlier runs: their index is updated too.
    const index = values.out === undefined;
    const report = await writeRunReport(outDir, rounds, { namespace: runPlan.namespace, datums, targets: runPlan.targets, demo, index });
    log('');
    for (const result of report.results) log(`${formatResultTable(result, { demo })}\n`);
    log(`${formatSummary(report.results, { demo })}. Reports in ${outDir}/ (report.html, report.json, metrics.json)`);
    if (report.indexPath) log(`All runs: ${report.indexPath}`);
    if (json) process.stdout.write(`${JSON.stringify(report.results, null, 2)}\n`);
    return runExitCode(report.results.map((result) => result.status));
  } finally {
    publisher.close();
    await runPlan.reference?.close();
  }
}

/** `autocrm-synthetics run`: probe targets once, print a table, write reports; exit code per EXIT_CODES. */
export const runCommand: Command = {
  summary: 'probe targets once (default: the bundled reference target) and write reports',
  usage: USAGE,
  run,
};
