/**
 * Writes one run's report folder: report.json (the ProbeResults), report.html, metrics.json (the
 * datums a publish would send) and artifacts/ (screenshots, page HTML of failed rounds); with
 * `index`, also the folder's index.html that lists every run beside this one.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { TargetConfig } from '../../lambdas/core/config/types';
import type { MetricDatum } from '../../lambdas/core/metrics';
import type { ArtifactRef, ProbeResult } from '../../lambdas/core/types';
import type { RoundOutcome } from '../../lambdas/round/ports';
import { LOCAL_METRICS_FILE, writeLocalMetrics } from '../../lambdas/publish/local';
import { renderHtmlReport, type ReportEntry, type ReportLink } from './html';
import { limitsOf } from './html-overview';
import { INDEX_HTML, writeRunIndex } from './index-page';

export const REPORT_JSON = 'report.json';
export const REPORT_HTML = 'report.html';
export const ARTIFACTS_DIR = 'artifacts';

export interface WriteReportOptions {
  /** CloudWatch namespace written into metrics.json. */
  readonly namespace: string;
  /** The datums of every result (toMetricDatums), or undefined to skip metrics.json. */
  readonly datums?: readonly MetricDatum[];
  readonly generatedAt?: string;
  /** The probed targets: their thresholds are drawn into the charts and listed in the report. */
  readonly targets?: readonly TargetConfig[];
  /** Files written elsewhere that the report links to (JUnit, the gate's JSON), as paths from the working directory. */
  readonly otherFiles?: readonly { readonly label: string; readonly path: string }[];
  /** The demo target was probed: the report says so. */
  readonly demo?: boolean;
  /** Also (re)write index.html in the folder above `outDir`, listing every run there. */
  readonly index?: boolean;
}

export interface WrittenReport {
  /** The results with `artifacts` filled with the files written (paths relative to the working directory). */
  readonly results: ProbeResult[];
  readonly files: string[];
  /** index.html of the folder above, when `index` asked for it. */
  readonly indexPath?: string;
}

/** Writes the folder `outDir` (created if needed). */
export async function writeRunReport(outDir: string, rounds: readonly RoundOutcome[], options: WriteReportOptions): Promise<WrittenReport> {
  const artifactsDir = join(outDir, ARTIFACTS_DIR);
  // artifacts/ only when a round left evidence: a passing run's folder stays uncluttered.
  const hasArtifacts = rounds.some((round) => round.artifacts.length > 0);
  await mkdir(hasArtifacts ? artifactsDir : outDir, { recursive: true });
  const files: string[] = [];
  const entries: ReportEntry[] = [];
  for (const round of rounds) {
    const refs: ArtifactRef[] = [];
    for (const blob of round.artifacts) {
      const path = join(artifactsDir, blob.fileName);
      await writeFile(path, blob.body);
      files.push(path);
      refs.push({ kind: blob.kind, path: relative(process.cwd(), path) || path, bytes: blob.body.length });
    }
    entries.push({ result: { ...round.result, artifacts: refs }, artifacts: round.artifacts });
  }
  const results = entries.map((entry) => entry.result);
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const jsonPath = join(outDir, REPORT_JSON);
  await writeFile(jsonPath, `${JSON.stringify(results, null, 2)}\n`, 'utf8');
  if (options.datums) files.push(await writeLocalMetrics(outDir, options.datums, { namespace: options.namespace }));
  const htmlPath = join(outDir, REPORT_HTML);
  const html = renderHtmlReport(entries, {
    generatedAt,
    limits: new Map((options.targets ?? []).map((target) => [target.name, limitsOf(target)])),
    links: reportLinks(outDir, options),
    demo: options.demo === true,
  });
  await writeFile(htmlPath, html, 'utf8');
  files.push(jsonPath, htmlPath);
  if (!options.index) return { results, files };
  const indexPath = await writeRunIndex(dirname(outDir), generatedAt);
  return { results, files: [...files, indexPath], indexPath };
}

/** The links at the top of report.html, relative to it. */
function reportLinks(outDir: string, options: WriteReportOptions): ReportLink[] {
  return [
    { label: REPORT_JSON, href: REPORT_JSON },
    ...(options.datums ? [{ label: LOCAL_METRICS_FILE, href: LOCAL_METRICS_FILE }] : []),
    ...(options.otherFiles ?? []).map((file) => ({
      label: basename(file.path) === file.label ? file.label : `${file.label} (${basename(file.path)})`,
      href: relative(outDir, file.path),
    })),
    ...(options.index ? [{ label: 'all runs', href: `../${INDEX_HTML}` }] : []),
  ];
}

export { defaultReportDir } from './report-dir';
