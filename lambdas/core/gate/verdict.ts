/**
 * The deploy-time gate's verdict: ProbeResults (plus an optional baseline comparison) in, one exit
 * code and one human-readable line per target and check out. Pure: no I/O.
 *
 * Precedence when results are mixed: a real finding about the target (a failed round, a degraded
 * one under `failOn: 'degraded'`, a baseline regression) wins → exit 1, because the release is
 * broken whatever else happened; only when there is no such finding do probe errors (or no result
 * at all) give exit 3, "the gate could not measure"; otherwise exit 0.
 */
import type { BaselineComparison } from './baseline';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import type { ThresholdsConfig } from '../config/types';
import { describeDegraded, describeFailure, keyFigures, resultLabel } from './lines';
import type { ProbeResult, Status } from '../types';

export { resultLabel } from './lines';

/** Which statuses stop a release: only `fail` (default), or `degraded` too. */
export const FAIL_ON_LEVELS = ['fail', 'degraded'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

export type FindingSeverity = 'pass' | 'degraded' | 'fail' | 'error' | 'regression';

/** One line of the gate's reasoning: about one target (at one location) and one check. */
export interface GateFinding {
  readonly target: string;
  readonly location: string;
  /** A step name, a degraded reason or a baseline metric. */
  readonly check: string;
  readonly severity: FindingSeverity;
  /** True when this finding alone makes the gate fail (exit 1) or not measure (exit 3). */
  readonly blocking: boolean;
  /** `prod-eu / websocket: FAIL websocket — 20/20 messages lost`: one line, no newline. */
  readonly line: string;
}

export interface GateCounts {
  readonly pass: number;
  readonly degraded: number;
  readonly fail: number;
  readonly error: number;
  readonly regressions: number;
}

export interface GateVerdict {
  readonly passed: boolean;
  readonly exitCode: ExitCode;
  readonly failOn: FailOn;
  readonly counts: GateCounts;
  readonly findings: readonly GateFinding[];
  /** One line: `Gate PASSED: …` / `Gate FAILED: …` / `Gate could not measure: …`. */
  readonly summary: string;
}

export interface GateOptions {
  /** @default 'fail' */
  readonly failOn?: FailOn;
  /** Regressions in here count as failures. */
  readonly baseline?: BaselineComparison;
  /** The configured thresholds of a target, so degraded lines can say the limit they crossed. */
  readonly thresholdsOf?: (target: string) => ThresholdsConfig | undefined;
}

/** Decides the gate from the rounds' results; see the module comment for the precedence rule. */
export function gateVerdict(results: readonly ProbeResult[], options: GateOptions = {}): GateVerdict {
  const failOn = options.failOn ?? 'fail';
  const findings = results.flatMap((result) => findingsFor(result, failOn, options.thresholdsOf));
  for (const comparison of options.baseline?.comparisons ?? []) {
    if (comparison.status !== 'regressed') continue;
    findings.push({
      target: comparison.target,
      location: comparison.location,
      check: `baseline ${comparison.metric}`,
      severity: 'regression',
      blocking: true,
      line: `${resultLabel(comparison)} / baseline ${comparison.label}: FAIL regression — ${comparison.detail}`,
    });
  }
  const counts = countStatuses(results, options.baseline);
  const exitCode = exitCodeFor(findings, results.length);
  return {
    passed: exitCode === EXIT_CODES.pass,
    exitCode,
    failOn,
    counts,
    findings,
    summary: summaryLine(exitCode, counts, failOn, results.length),
  };
}

function findingsFor(result: ProbeResult, failOn: FailOn, thresholdsOf: GateOptions['thresholdsOf']): GateFinding[] {
  const base = { target: result.target, location: result.location };
  const label = resultLabel(result);
  const findings: GateFinding[] = [];
  if (result.status === 'pass') {
    const figures = keyFigures(result);
    return [
      { ...base, check: 'all', severity: 'pass', blocking: false, line: `${label} / all checks: PASS${figures ? ` — ${figures}` : ''}` },
    ];
  }
  if (result.status === 'fail' || result.status === 'error') {
    const severity = result.status;
    for (const failure of describeFailure(result)) {
      const word = severity === 'error' ? 'ERROR' : 'FAIL';
      const prefix = severity === 'error' ? 'could not measure: ' : '';
      findings.push({
        ...base,
        check: failure.check,
        severity,
        blocking: true,
        line: `${label} / ${failure.check}: ${word} ${failure.kind} — ${prefix}${failure.detail}`,
      });
    }
  }
  const limits = thresholdsOf?.(result.target);
  const suffix = failOn === 'degraded' ? '' : ' (not gating; use --fail-on degraded to gate on it)';
  if (result.status === 'degraded' && result.degraded.length === 0) {
    findings.push({
      ...base,
      check: 'round',
      severity: 'degraded',
      blocking: failOn === 'degraded',
      line: `${label} / round: DEGRADED — no reason recorded${suffix}`,
    });
  }
  for (const reason of result.degraded) {
    findings.push({
      ...base,
      check: reason,
      severity: 'degraded',
      blocking: failOn === 'degraded',
      line: `${label} / ${reason}: DEGRADED ${reason} — ${describeDegraded(result, reason, limits)}${suffix}`,
    });
  }
  return findings;
}

function exitCodeFor(findings: readonly GateFinding[], resultCount: number): ExitCode {
  const blocking = findings.filter((finding) => finding.blocking);
  if (blocking.some((finding) => finding.severity !== 'error')) return EXIT_CODES.targetFailed;
  if (blocking.length > 0 || resultCount === 0) return EXIT_CODES.probeError;
  return EXIT_CODES.pass;
}

function countStatuses(results: readonly ProbeResult[], baseline: BaselineComparison | undefined): GateCounts {
  const counts: Record<Status, number> = { pass: 0, degraded: 0, fail: 0, error: 0 };
  for (const result of results) counts[result.status] += 1;
  const regressions = baseline?.comparisons.filter((comparison) => comparison.status === 'regressed').length ?? 0;
  return { ...counts, regressions };
}

function summaryLine(exitCode: ExitCode, counts: GateCounts, failOn: FailOn, total: number): string {
  const parts = [
    [counts.fail, 'failed'],
    [counts.error, 'could not be measured'],
    [counts.degraded, 'degraded'],
    [counts.pass, 'passed'],
  ]
    .filter(([count]) => count !== 0)
    .map(([count, word]) => `${count} ${word}`);
  const regressions = counts.regressions > 0 ? `; ${counts.regressions} baseline regression${counts.regressions === 1 ? '' : 's'}` : '';
  const body = `${parts.join(', ')} of ${total} round${total === 1 ? '' : 's'}${regressions} (fail on: ${failOn})`;
  if (exitCode === EXIT_CODES.pass) return `Gate PASSED: ${body}`;
  if (exitCode === EXIT_CODES.targetFailed) return `Gate FAILED: ${body}`;
  if (total === 0) return 'Gate could not measure: no result arrived';
  return `Gate could not measure (probe error, not a verdict on the target): ${body}`;
}
