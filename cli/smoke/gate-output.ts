/**
 * What the gate prints and writes: the reason lines, the baseline's old-vs-new table and the
 * summary (console); the `--json` report (ProbeResults + verdict, reusable as a later `--baseline`);
 * the `--junit` XML. Files are written whole to a temporary name and renamed, so a CI step never
 * uploads half a report.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { comparisonLine, type BaselineComparison } from '../../lambdas/core/gate/baseline';
import type { FailOn, GateVerdict } from '../../lambdas/core/gate/verdict';
import { toJUnitXml } from '../../lambdas/core/gate/junit';
import type { ProbeResult } from '../../lambdas/core/types';
import type { RegionOutcome } from './remote-invoke';
import { DEMO_LABEL } from '../report/format';

/** Version of the `--json` layout; bumped when a field changes meaning. */
export const SMOKE_REPORT_VERSION = 1;

export interface SmokeReport {
  readonly tool: 'autocrm-synthetics smoke';
  readonly version: typeof SMOKE_REPORT_VERSION;
  readonly generatedAt: string;
  readonly mode: 'local' | 'remote';
  /** Present on a `--demo` run: it probed the bundled demo target, not autocrm. */
  readonly demo?: true;
  readonly gate: {
    readonly passed: boolean;
    readonly exitCode: number;
    readonly failOn: FailOn;
    readonly summary: string;
    readonly counts: GateVerdict['counts'];
    readonly reasons: readonly string[];
  };
  readonly baseline: (BaselineComparison & { readonly file: string }) | null;
  /** Per region (remote mode): the function invoked, how long it took, whether it answered. */
  readonly regions?: readonly Omit<RegionOutcome, 'results'>[];
  readonly results: readonly ProbeResult[];
}

export interface ReportInput {
  readonly mode: 'local' | 'remote';
  readonly verdict: GateVerdict;
  readonly results: readonly ProbeResult[];
  readonly baseline?: { readonly file: string; readonly comparison: BaselineComparison };
  readonly regions?: readonly RegionOutcome[];
  readonly demo?: boolean;
  readonly now?: Date;
}

/** The `--json` document. */
export function smokeReport(input: ReportInput): SmokeReport {
  const { verdict } = input;
  return {
    tool: 'autocrm-synthetics smoke',
    version: SMOKE_REPORT_VERSION,
    generatedAt: (input.now ?? new Date()).toISOString(),
    mode: input.mode,
    ...(input.demo ? { demo: true as const } : {}),
    gate: {
      passed: verdict.passed,
      exitCode: verdict.exitCode,
      failOn: verdict.failOn,
      summary: verdict.summary,
      counts: verdict.counts,
      reasons: verdict.findings.map((finding) => finding.line),
    },
    baseline: input.baseline ? { file: input.baseline.file, ...input.baseline.comparison } : null,
    ...(input.regions ? { regions: input.regions.map(({ results: _results, ...region }) => region) } : {}),
    results: input.results,
  };
}

/** The console block after the progress lines: reasons, baseline comparison, then the summary. */
export function gateConsoleLines(
  verdict: GateVerdict,
  baseline?: { readonly file: string; readonly comparison: BaselineComparison },
  options: { readonly demo?: boolean } = {},
): string[] {
  const lines = ['', 'Gate reasons:', ...verdict.findings.map((finding) => `  ${options.demo ? demoLine(finding.line) : finding.line}`)];
  if (baseline) {
    const { options, comparisons, unmatched } = baseline.comparison;
    lines.push(
      '',
      `Baseline ${baseline.file} (regression = worse by more than ${options.tolerancePct} % and more than ${options.floorMs} ms):`,
    );
    lines.push(...comparisons.map((comparison) => `  ${comparisonLine(comparison)}`));
    lines.push(...unmatched.map((label) => `  ${label}: no entry in the baseline, not compared`));
  }
  lines.push('', options.demo ? `${verdict.summary} — ${DEMO_LABEL}, not a verdict on autocrm` : verdict.summary);
  return lines;
}

/** `reference / all checks: PASS …` → `reference (demo target) / all checks: PASS …`: no line of a demo run reads as a verdict on autocrm. */
function demoLine(line: string): string {
  const at = line.indexOf(' / ');
  return at < 0 ? `${line} (${DEMO_LABEL})` : `${line.slice(0, at)} (${DEMO_LABEL})${line.slice(at)}`;
}

export interface GateFiles {
  readonly junitPath?: string;
  readonly jsonPath?: string;
}

/** Writes the requested files; returns the paths written. */
export async function writeGateFiles(files: GateFiles, report: SmokeReport, baseline?: BaselineComparison): Promise<string[]> {
  const written: string[] = [];
  if (files.junitPath) {
    const xml = toJUnitXml(report.results, { failOn: report.gate.failOn, baseline });
    await writeWhole(files.junitPath, xml);
    written.push(files.junitPath);
  }
  if (files.jsonPath) {
    await writeWhole(files.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    written.push(files.jsonPath);
  }
  return written;
}

async function writeWhole(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    // Whatever went wrong, no half-written temporary file stays behind for a CI step to upload.
    await rm(temporary, { force: true });
    throw error;
  }
}
