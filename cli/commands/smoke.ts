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
import { loadConfigFile } from '../config-file';
import { gateConsoleLines, smokeReport, writeGateFiles } from '../smoke/gate-output';
import { DEFAULT_FUNCTION_NAME, DEFAULT_INVOKE_TIMEOUT_MS, MAX_INVOKE_TIMEOUT_S, MIN_INVOKE_TIMEOUT_S } from '../smoke/remote-defaults';
import type { Command } from '../command';
import { MAX_RETRIES, parseCommandArgs, parseIntegerOption, UsageError } from '../args';
import { probeHere, probeRemotely, selectTargets, type Probed } from './smoke-probe';

/** Like the deployed function (PROBE_RETRIES): one immediate re-run before a failed round counts. */
const DEFAULT_RETRIES = 1;
/** A latency 100× the baseline's: beyond that a tolerance would never let the gate fail. */
const MAX_BASELINE_TOLERANCE_PCT = 10_000;
/** Ten minutes, longer than any round may last. */
const MAX_BASELINE_FLOOR_MS = 600_000;

const OPTIONS = {
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
  'baseline-tolerance': { type: 'string' },
  'baseline-floor-ms': { type: 'string' },
  remote: { type: 'boolean' },
  region: { type: 'string', multiple: true },
  'function-name': { type: 'string' },
  'invoke-timeout-s': { type: 'string' },
} as const;

const USAGE = `Usage: autocrm-synthetics smoke [--config FILE [--target NAME]... | --url LOGIN_URL] [options]

The deploy-time gate: probes the targets once (same journey and measurements as "run") and answers
with an exit code, one reason line per target and check, and optional JUnit/JSON reports.
Without --config and --url it probes the bundled reference target (a demo; --fault injects faults).

  --config FILE             config file (see docs/config.md)
  --target NAME             only this target of the config (repeatable)
  --url LOGIN_URL           probe this login page with the default selectors
  --fault NAME[=VALUE]      fault of the bundled reference target (repeatable; see "target --help")
  --retries N               run a failed round again up to N times before it counts, 0..${MAX_RETRIES} (default ${DEFAULT_RETRIES})
  --fail-on fail|degraded   what stops the release (default fail; degraded = also slow or thin)
  --junit FILE              write a JUnit XML report (one testsuite per target)
  --json FILE               write the results and the verdict as JSON (usable as a later --baseline)
  --out DIR                 also write report.json, report.html and failure screenshots to DIR
  --baseline FILE           compare with an earlier --json output; a regression fails the gate
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
    const failOn = parseFailOn(values['fail-on']);
    const retries = optionalInteger(values, 'retries', 0, MAX_RETRIES) ?? DEFAULT_RETRIES;
    const baselineOptions: BaselineOptions = {
      tolerancePct: optionalInteger(values, 'baseline-tolerance', 0, MAX_BASELINE_TOLERANCE_PCT) ?? DEFAULT_BASELINE_OPTIONS.tolerancePct,
      floorMs: optionalInteger(values, 'baseline-floor-ms', 0, MAX_BASELINE_FLOOR_MS) ?? DEFAULT_BASELINE_OPTIONS.floorMs,
    };
    let baseline: Baseline | undefined;
    try {
      // Read before probing: a broken baseline must not cost a browser round.
      baseline =
        values.baseline === undefined
          ? undefined
          : { file: values.baseline, entries: parseBaseline(await readBaselineText(values.baseline), values.baseline) };
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      console.error(`autocrm-synthetics smoke: ${error.message}`);
      return EXIT_CODES.usage;
    }
    const config = values.config === undefined ? undefined : loadConfigFile(values.config);
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
      const written = await writeRunReport(values.out, probed.rounds, { namespace: config?.namespace ?? DEFAULT_NAMESPACE });
      console.log(`wrote ${written.files.length} files to ${values.out}`);
      results = written.results; // now with the paths of the screenshots
    }
    return judge({ values, failOn, baseline, baselineOptions, probed: { ...probed, results } });
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
}

/** Baseline comparison, verdict, console lines and report files; returns the exit code. */
async function judge({ values, failOn, baseline, baselineOptions, probed }: JudgeInput): Promise<number> {
  const comparison = baseline && compareWithBaseline(baseline.entries, probed.results, baselineOptions);
  const thresholds = new Map(probed.targets.map((target) => [target.name, target.thresholds]));
  const verdict = gateVerdict(probed.results, { failOn, baseline: comparison, thresholdsOf: (name) => thresholds.get(name) });
  const baselineView = baseline && comparison ? { file: baseline.file, comparison } : undefined;
  for (const line of gateConsoleLines(verdict, baselineView)) console.log(line);
  const report = smokeReport({
    mode: values.remote ? 'remote' : 'local',
    verdict,
    results: probed.results,
    baseline: baselineView,
    regions: probed.regions,
  });
  for (const file of await writeGateFiles({ junitPath: values.junit, jsonPath: values.json }, report, comparison))
    console.log(`wrote ${file}`);
  return verdict.exitCode;
}

function checkCombinations(values: Values): void {
  if (values.config !== undefined && values.url !== undefined) throw new UsageError('give either --config or --url, not both.');
  if (values.target !== undefined && values.config === undefined)
    throw new UsageError('--target selects targets of a config: add --config FILE.');
  if (values.fault !== undefined && (values.config !== undefined || values.url !== undefined || values.remote)) {
    throw new UsageError('--fault applies to the bundled reference target only: drop --config, --url and --remote.');
  }
  if (values.retries !== undefined && values.remote)
    throw new UsageError('--retries applies to local runs; the deployed function retries a failed round once itself.');
  for (const remoteOnly of ['region', 'function-name', 'invoke-timeout-s'] as const) {
    if (values[remoteOnly] !== undefined && !values.remote) throw new UsageError(`--${remoteOnly} only applies with --remote.`);
  }
  for (const baselineOnly of ['baseline-tolerance', 'baseline-floor-ms'] as const) {
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
