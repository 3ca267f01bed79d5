import { readFile } from 'node:fs/promises';
import {
  BaselineError,
  compareWithBaseline,
  DEFAULT_BASELINE_OPTIONS,
  parseBaseline,
  type BaselineEntry,
  type BaselineOptions,
} from '../../lambdas/core/gate/baseline';
import { DEFAULT_NAMESPACE } from '../../lambdas/core/config';
import { didYouMeanHint } from '../../lambdas/core/did-you-mean';
import { EXIT_CODES } from '../../lambdas/core/exit-codes';
import { FAIL_ON_LEVELS, gateVerdict, type FailOn } from '../../lambdas/core/gate/verdict';
import { gateConsoleLines, smokeReport, writeGateFiles } from '../smoke/gate-output';
import { DEFAULT_FUNCTION_NAME, DEFAULT_INVOKE_TIMEOUT_MS, MAX_INVOKE_TIMEOUT_S, MIN_INVOKE_TIMEOUT_S } from '../smoke/remote-defaults';
import type { Command } from '../command';
import { MAX_RETRIES, parseCommandArgs, parseIntegerOption, UsageError } from '../args';
import { probeHere, probeRemotely, selectTargets, type Probed } from './smoke-probe';
import { chooseTargetSource, loadSourceConfig, type TargetSource } from '../target-source';
import { checkReadableFile, checkWritePlan, PathError, pathExists } from '../path-checks';

/** What `--baseline-missing` may say: a missing baseline file is a usage error, or expected (first run). */
const BASELINE_MISSING = ['error', 'skip'] as const;
/** Like the deployed function (PROBE_RETRIES): one immediate re-run before a failed round counts. */
const DEFAULT_RETRIES = 1;
/** A latency 100× the baseline's: beyond that a tolerance would never let the gate fail. */
const MAX_BASELINE_TOLERANCE_PCT = 10_000;
/** Ten minutes, longer than any round may last. */
const MAX_BASELINE_FLOOR_MS = 600_000;

const OPTIONS = {
  demo: { type: 'boolean' },
  config: { type: 'string' },
  target: { type: 'string', multiple: true },
  url: { type: 'string' },
  fault: { type: 'string', multiple: true },
  retries: { type: 'string' },
  'fail-on': { type: 'string' },
  junit: { type: 'string' },
  json: { type: 'string' },
  out: { type: 'string' },
  baseline: { type: 'string' },
  'baseline-missing': { type: 'string' },
  'baseline-tolerance': { type: 'string' },
  'baseline-floor-ms': { type: 'string' },
  remote: { type: 'boolean' },
  region: { type: 'string', multiple: true },
  'function-name': { type: 'string' },
  'invoke-timeout-s': { type: 'string' },
} as const;

const USAGE = `Usage: autocrm-synthetics smoke [--config FILE [--target NAME]... | --url LOGIN_URL | --demo] [options]

The deploy-time gate: probes the targets once (same journey and measurements as "run") and answers
with an exit code, one reason line per target and check, and optional JUnit/JSON reports.
What it gates: --config FILE, else synthetics.config.json in the working directory, or --url; with
none of them it stops with exit 2. It never gates on the bundled demo target unless --demo is given.

  --config FILE             config file (default: ./synthetics.config.json; see docs/config.md)
  --target NAME             only this target of the config (repeatable)
  --url LOGIN_URL           probe this login page by its URL alone (everything discovered)
  --demo                    try the gate on the bundled reference target (a demo, never a release verdict)
  --fault NAME[=VALUE]      with --demo: a fault of the demo target (repeatable; see "target --help")
  --retries N               run a failed round again up to N times before it counts, 0..${MAX_RETRIES} (default ${DEFAULT_RETRIES})
  --fail-on fail|degraded   what stops the release (default fail; degraded = also slow or thin)
  --junit FILE              write a JUnit XML report (one testsuite per target and browser)
  --json FILE               write the results and the verdict as JSON (usable as a later --baseline)
  --out DIR                 also write report.json, report.html and failure screenshots to DIR
  --baseline FILE           compare with an earlier --json output; a regression fails the gate
  --baseline-missing WHAT   when the --baseline file does not exist: error (default, exit 2) or skip
                            (a pipeline's first run: gate without a comparison, and say so)
  --baseline-tolerance PCT  latency may grow by this many percent ... (default ${DEFAULT_BASELINE_OPTIONS.tolerancePct})
  --baseline-floor-ms MS    ... or by this many ms before it is a regression (default ${DEFAULT_BASELINE_OPTIONS.floorMs})
  --remote                  invoke the deployed probe function in every region instead of probing here
  --region REGION           region for --remote (repeatable; default: the config's probeRegions)
  --function-name NAME      function name, ARN or pattern with {region} (default ${DEFAULT_FUNCTION_NAME})
  --invoke-timeout-s N      bound of one remote invocation, ${MIN_INVOKE_TIMEOUT_S}..${MAX_INVOKE_TIMEOUT_S} (default ${DEFAULT_INVOKE_TIMEOUT_MS / 1000})

Exit codes: 0 gate passed; 1 gate failed (a target failed, was degraded under --fail-on degraded, or
regressed against the baseline); 2 bad usage, config or baseline file; 3 could not measure (probe error).
A real failure wins over a probe error: if any target failed, the exit code is 1.`;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

/** `autocrm-synthetics smoke`: the deploy-time gate. */
export const smokeCommand: Command = {
  summary: 'deploy-time gate: probe once, exit 0/1/2/3 with reasons, JUnit and JSON reports',
  usage: USAGE,
  async run(argv) {
    const { values } = parseCommandArgs(argv, OPTIONS);
    checkCombinations(values);
    checkOutputs(values);
    const failOn = parseFailOn(values['fail-on']);
    const retries = optionalInteger(values, 'retries', 0, MAX_RETRIES) ?? DEFAULT_RETRIES;
    const baselineOptions: BaselineOptions = {
      tolerancePct: optionalInteger(values, 'baseline-tolerance', 0, MAX_BASELINE_TOLERANCE_PCT) ?? DEFAULT_BASELINE_OPTIONS.tolerancePct,
      floorMs: optionalInteger(values, 'baseline-floor-ms', 0, MAX_BASELINE_FLOOR_MS) ?? DEFAULT_BASELINE_OPTIONS.floorMs,
    };
    let baseline: Baseline | undefined;
    try {
      // Read before probing: a broken baseline must not cost a browser round.
      const file = baselineToRead(values);
      baseline = file === undefined ? undefined : { file, entries: parseBaseline(await readBaselineText(file), file) };
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      console.error(`autocrm-synthetics smoke: ${error.message}`);
      return EXIT_CODES.usage;
    }
    const source = values.remote ? remoteSource(values) : chooseTargetSource(values, 'smoke');
    const config = source?.kind === 'config' ? loadSourceConfig(source) : undefined;
    if (values.target !== undefined && !config) throw new UsageError('--target selects targets of a config; drop --demo or --url.');
    const selected = config ? selectTargets(config, values.target ?? []) : undefined;
    const probed = values.remote
      ? await probeRemotely({
          config,
          picked: values.target ? selected : undefined,
          url: values.url,
          regions: values.region,
          functionName: values['function-name'],
          timeoutS: optionalInteger(values, 'invoke-timeout-s', MIN_INVOKE_TIMEOUT_S, MAX_INVOKE_TIMEOUT_S),
        })
      : await probeHere({ selected, url: values.url, faults: values.fault, retries });
    let results = probed.results;
    if (values.out !== undefined) {
      const { writeRunReport } = await import('../report/write-report');
      const otherFiles = [
        ...(values.junit === undefined ? [] : [{ label: 'JUnit XML', path: values.junit }]),
        ...(values.json === undefined ? [] : [{ label: 'gate JSON', path: values.json }]),
      ];
      const written = await writeRunReport(values.out, probed.rounds, {
        namespace: config?.namespace ?? DEFAULT_NAMESPACE,
        targets: probed.targets,
        otherFiles,
        demo: source?.kind === 'demo',
      });
      console.log(`wrote ${written.files.length} files to ${values.out}`);
      results = written.results; // now with the paths of the screenshots
    }
    return judge({ values, failOn, baseline, baselineOptions, probed: { ...probed, results }, demo: source?.kind === 'demo' });
  },
};

interface Baseline {
  readonly file: string;
  readonly entries: readonly BaselineEntry[];
}

interface JudgeInput {
  readonly values: Values;
  readonly failOn: FailOn;
  readonly baseline: Baseline | undefined;
  readonly baselineOptions: BaselineOptions;
  readonly probed: Probed;
  readonly demo: boolean;
}

/** Baseline comparison, verdict, console lines and report files; returns the exit code. */
async function judge({ values, failOn, baseline, baselineOptions, probed, demo }: JudgeInput): Promise<number> {
  const comparison = baseline && compareWithBaseline(baseline.entries, probed.results, baselineOptions);
  const thresholds = new Map(probed.targets.map((target) => [target.name, target.thresholds]));
  const verdict = gateVerdict(probed.results, { failOn, baseline: comparison, thresholdsOf: (name) => thresholds.get(name) });
  const baselineView = baseline && comparison ? { file: baseline.file, comparison } : undefined;
  for (const line of gateConsoleLines(verdict, baselineView, { demo })) console.log(line);
  const report = smokeReport({
    mode: values.remote ? 'remote' : 'local',
    verdict,
    results: probed.results,
    baseline: baselineView,
    regions: probed.regions,
    demo,
  });
  for (const file of await writeGateFiles({ junitPath: values.junit, jsonPath: values.json }, report, comparison))
    console.log(`wrote ${file}`);
  return verdict.exitCode;
}

/**
 * `--remote` probes with the deployed functions: a config (named, else ./synthetics.config.json when
 * there is one) gives the regions and targets, `--url` narrows the run, and `--region` alone is enough
 * (each function probes the config it was deployed with). There is no demo remotely.
 */
function remoteSource(values: Values): TargetSource | undefined {
  if (values.demo) throw new UsageError('--demo probes the bundled reference target on this machine; drop --remote or --demo.');
  if (values.config !== undefined && values.url !== undefined) throw new UsageError('give one of --url or --config, not both.');
  if (values.url !== undefined) return { kind: 'url', url: values.url };
  if (values.config !== undefined || values.region === undefined) return chooseTargetSource(values, 'smoke');
  return undefined;
}

/** Every file and folder the gate will write, checked before anything is probed or written. */
function checkOutputs(values: Values): void {
  const files = [
    ...(values.junit === undefined ? [] : [{ option: '--junit', path: values.junit, example: 'smoke.xml' }]),
    ...(values.json === undefined ? [] : [{ option: '--json', path: values.json, example: 'smoke.json' }]),
  ];
  checkWritePlan({ files, folders: values.out === undefined ? [] : [{ option: '--out', path: values.out }] });
}

/**
 * The baseline file to compare with, checked to be readable; undefined without `--baseline`, or when
 * it does not exist and `--baseline-missing skip` says that is expected (a pipeline's first run).
 */
function baselineToRead(values: Values): string | undefined {
  const file = values.baseline;
  const missing = values['baseline-missing'] ?? 'error';
  if (!(BASELINE_MISSING as readonly string[]).includes(missing)) {
    throw new UsageError(
      `--baseline-missing must be one of ${BASELINE_MISSING.join(', ')}, got "${missing}".${didYouMeanHint(missing, BASELINE_MISSING)}`,
    );
  }
  if (file === undefined) return undefined;
  if (!pathExists(file)) {
    if (missing === 'skip') {
      console.log(`Baseline ${file}: not there yet, nothing to compare with (--baseline-missing skip: a first run).`);
      return undefined;
    }
    throw new PathError(`file not found: ${file} (--baseline); on a pipeline's first run there is none yet: add --baseline-missing skip`);
  }
  checkReadableFile({ option: '--baseline', path: file });
  return file;
}

function checkCombinations(values: Values): void {
  if (values.fault !== undefined && !values.demo) {
    throw new UsageError('--fault injects a fault into the bundled demo target: add --demo (and drop --config, --url, --remote).');
  }
  if (values.retries !== undefined && values.remote)
    throw new UsageError('--retries applies to local runs; the deployed function retries a failed round once itself.');
  for (const remoteOnly of ['region', 'function-name', 'invoke-timeout-s'] as const) {
    if (values[remoteOnly] !== undefined && !values.remote) throw new UsageError(`--${remoteOnly} only applies with --remote.`);
  }
  for (const baselineOnly of ['baseline-tolerance', 'baseline-floor-ms', 'baseline-missing'] as const) {
    if (values[baselineOnly] !== undefined && values.baseline === undefined)
      throw new UsageError(`--${baselineOnly} only applies with --baseline FILE.`);
  }
}

function parseFailOn(raw: string | undefined): FailOn {
  if (raw === undefined) return 'fail';
  if ((FAIL_ON_LEVELS as readonly string[]).includes(raw)) return raw as FailOn;
  throw new UsageError(`--fail-on must be one of ${FAIL_ON_LEVELS.join(', ')}, got "${raw}".${didYouMeanHint(raw, FAIL_ON_LEVELS)}`);
}

function optionalInteger(
  values: Values,
  name: 'retries' | 'baseline-tolerance' | 'baseline-floor-ms' | 'invoke-timeout-s',
  min: number,
  max: number,
): number | undefined {
  const raw = values[name];
  return raw === undefined ? undefined : parseIntegerOption(name, raw, min, max);
}

async function readBaselineText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new BaselineError(`baseline ${file}: cannot be read (${code}); pass the --json file of an earlier smoke run.`);
  }
}
