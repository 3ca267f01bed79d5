/**
 * Writes one run's report folder: report.json (the ProbeResults), report.html, metrics.json (the
 * datums a publish would send) and artifacts/ (screenshots, page HTML of failed rounds).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { MetricDatum } from '../../lambdas/core/metrics';
import type { ArtifactRef, ProbeResult } from '../../lambdas/core/types';
import type { RoundOutcome } from '../../lambdas/round/ports';
import { writeLocalMetrics } from '../../lambdas/publish/local';
import { renderHtmlReport, type ReportEntry } from './html';

export const REPORT_JSON = 'report.json';
export const REPORT_HTML = 'report.html';
export const ARTIFACTS_DIR = 'artifacts';

export interface WriteReportOptions {
  /** CloudWatch namespace written into metrics.json. */
  readonly namespace: string;
  /** The datums of every result (toMetricDatums), or undefined to skip metrics.json. */
  readonly datums?: readonly MetricDatum[];
  readonly generatedAt?: string;
}

export interface WrittenReport {
  /** The results with `artifacts` filled with the files written (paths relative to the working directory). */
  readonly results: ProbeResult[];
  readonly files: string[];
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
  const jsonPath = join(outDir, REPORT_JSON);
  await writeFile(jsonPath, `${JSON.stringify(results, null, 2)}\n`, 'utf8');
  const htmlPath = join(outDir, REPORT_HTML);
  await writeFile(htmlPath, renderHtmlReport(entries, options.generatedAt ?? new Date().toISOString()), 'utf8');
  files.push(jsonPath, htmlPath);
  if (options.datums) files.push(await writeLocalMetrics(outDir, options.datums, { namespace: options.namespace }));
  return { results, files };
}

export { defaultReportDir } from './report-dir';
