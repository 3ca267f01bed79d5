/**
 * reports/index.html: every run in the reports folder, newest first, with its status and key
 * figures, and per target a small trend of the latency p95s and the download over the runs — the
 * view across local runs no single report gives. Built from the report.json files alone.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProbeResult } from '../../lambdas/core/types';
import { escapeHtml, ms, mbps } from './format';
import { resultLabel } from './html-overview';
import { COLORS } from './svg-axes';

export const INDEX_HTML = 'index.html';
/** Runs listed at most (newest first): the page stays small however long a laptop keeps its reports. */
const MAX_RUNS = 200;
const SPARK = { width: 160, height: 32, pad: 3 } as const;

/** One run folder and its results. */
export interface IndexedRun {
  /** Folder name, e.g. `2026-11-27T19-53-45Z`; links are relative to the index. */
  readonly folder: string;
  readonly results: readonly ProbeResult[];
}

/** Reads the runs under `reportsDir` (each sub-folder with a readable report.json), newest first. */
export async function readRuns(reportsDir: string): Promise<IndexedRun[]> {
  const entries = await readdir(reportsDir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .reverse()
    .slice(0, MAX_RUNS);
  const runs: IndexedRun[] = [];
  for (const folder of folders) {
    try {
      const parsed: unknown = JSON.parse(await readFile(join(reportsDir, folder, 'report.json'), 'utf8'));
      if (Array.isArray(parsed)) runs.push({ folder, results: parsed as ProbeResult[] });
    } catch {
      // not a report folder (or one being written): not listed
    }
  }
  return runs;
}

/** Writes `reportsDir/index.html` for the runs found there; returns its path. */
export async function writeRunIndex(reportsDir: string, generatedAt: string): Promise<string> {
  const path = join(reportsDir, INDEX_HTML);
  await writeFile(path, renderRunIndex(await readRuns(reportsDir), generatedAt), 'utf8');
  return path;
}

/** The index page for `runs` (newest first). */
export function renderRunIndex(runs: readonly IndexedRun[], generatedAt: string): string {
  const rows = runs.flatMap((run) =>
    run.results.map(
      (
        r,
        index,
      ) => `<tr>${index === 0 ? `<td rowspan="${run.results.length}"><a href="${encodeURI(run.folder)}/report.html">${escapeHtml(run.folder)}</a></td>` : ''}
<td>${escapeHtml(resultLabel(r))}</td><td class="${escapeHtml(r.status)}">${escapeHtml(r.status.toUpperCase())}${r.failure ? ` (${escapeHtml(r.failure.kind)})` : ''}</td>
<td class="num">${escapeHtml(ms(r.durationMs))}</td><td class="num">${escapeHtml(ms(r.loginPage?.ttfbMs))}</td><td class="num">${escapeHtml(ms(r.websocket?.rttMs?.p95))}</td>
<td class="num">${escapeHtml(ms(r.http?.rttMs?.p95))}</td><td class="num">${escapeHtml(mbps(r.bandwidth?.downloadMbps))}</td><td class="num">${escapeHtml(mbps(r.bandwidth?.uploadMbps))}</td></tr>`,
    ),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>autocrm-synthetics runs</title>
<style>body{font-family:system-ui,Arial,sans-serif;margin:24px;color:#1d2733}table{border-collapse:collapse;margin:8px 0 16px}
td,th{border:1px solid #ccd;padding:4px 8px;text-align:left;vertical-align:middle}th{background:#f3f5f8}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.pass{color:#1b7a1b}.degraded{color:#a36b00}.fail,.error{color:#b01c1c}</style></head>
<body><h1>autocrm-synthetics runs</h1><p>${runs.length} run${runs.length === 1 ? '' : 's'} in this folder, newest first; updated ${escapeHtml(generatedAt)}.</p>
<section id="trend"><h2>Trend (oldest → newest)</h2>${renderTrends(runs)}</section>
<section id="runs"><h2>Runs</h2><table><tr><th>run</th><th>target</th><th>status</th><th>round</th><th>login TTFB</th><th>WebSocket RTT p95</th><th>HTTP RTT p95</th><th>download</th><th>upload</th></tr>
${rows.join('\n')}</table></section>
</body></html>
`;
}

/** A figure with its unit, formatted as everywhere else in the reports (`1.8 ms`, `2290 Mbit/s`). */
type Format = (value: number) => string;

const TRENDS: readonly { readonly name: string; readonly format: Format; readonly value: (r: ProbeResult) => number | undefined }[] = [
  { name: 'WebSocket RTT p95', format: ms, value: (r) => r.websocket?.rttMs?.p95 },
  { name: 'HTTP RTT p95', format: ms, value: (r) => r.http?.rttMs?.p95 },
  { name: 'download', format: mbps, value: (r) => r.bandwidth?.downloadMbps },
];

/** One row per result label (target, location, browser) with a sparkline per figure. */
function renderTrends(runs: readonly IndexedRun[]): string {
  const oldestFirst = [...runs].reverse();
  const labels = [...new Set(oldestFirst.flatMap((run) => run.results.map(resultLabel)))];
  if (labels.length === 0) return '<p>No runs yet.</p>';
  const rows = labels.map((label) => {
    const cells = TRENDS.map((trend) => {
      const values = oldestFirst.flatMap((run) => run.results.filter((r) => resultLabel(r) === label).map(trend.value));
      return `<td>${sparkline(values, `${label} ${trend.name}`, trend.format)}</td>`;
    });
    return `<tr><td>${escapeHtml(label)}</td>${cells.join('')}</tr>`;
  });
  return `<table><tr><th>result</th>${TRENDS.map((t) => `<th>${escapeHtml(t.name)}</th>`).join('')}</tr>${rows.join('')}</table>`;
}

/** A small line of `values` (gaps for runs without the figure), the last value named beside it. */
export function sparkline(values: readonly (number | undefined)[], label: string, format: Format): string {
  const known = values.filter((value): value is number => value !== undefined && Number.isFinite(value));
  if (known.length === 0) return '–';
  const max = Math.max(...known);
  const min = Math.min(...known);
  const span = max - min || 1;
  const step = values.length > 1 ? (SPARK.width - 2 * SPARK.pad) / (values.length - 1) : 0;
  const points = values.flatMap((value, index) =>
    value === undefined || !Number.isFinite(value)
      ? []
      : [
          `${(SPARK.pad + index * step).toFixed(1)},${(SPARK.height - SPARK.pad - ((value - min) / span) * (SPARK.height - 2 * SPARK.pad)).toFixed(1)}`,
        ],
  );
  const last = points[points.length - 1]?.split(',') ?? ['0', '0'];
  const latest = known[known.length - 1] ?? 0;
  const title = `${label}: ${known.length} run${known.length === 1 ? '' : 's'}, from ${format(min)} to ${format(max)}, latest ${format(latest)}`;
  return `<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="${SPARK.width}" height="${SPARK.height}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title><polyline fill="none" stroke="${COLORS.bar}" stroke-width="1.5" points="${points.join(' ')}"/><circle cx="${last[0]}" cy="${last[1]}" r="2.5" fill="${COLORS.measured}"/></svg> ${escapeHtml(format(latest))}`;
}
