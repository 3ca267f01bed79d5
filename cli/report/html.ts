/**
 * report.html: one self-contained page (no script, no external asset) an on-call engineer can read
 * at 3 a.m.: links to the machine-readable files, every result side by side, the thresholds in
 * force, then per result its step timeline, steps, the System-Check's own words, the login page
 * timings, RTT and bandwidth charts with their limits drawn, and the failure screenshot full width
 * (a click opens the file). Every value from the target is HTML-escaped.
 */
import type { ProbeResult } from '../../lambdas/core/types';
import type { ArtifactBlob } from '../../lambdas/probe/artifacts';
import { bandwidthChartSvg } from './bandwidth-chart';
import { DEMO_LABEL, escapeHtml, ms, mbps, statusLabel, stepDetail, verdictWord } from './format';
import { DURATION_DEFINITIONS, renderOverview, renderThresholds, resultLabel, type ReportLimits } from './html-overview';
import { samplesChartSvg } from './svg-chart';
import { timelineChartSvg } from './timeline-chart';

export { escapeHtml } from './format';
export type { ReportLimits } from './html-overview';

/** One target's result with the evidence captured in its round. */
export interface ReportEntry {
  readonly result: ProbeResult;
  readonly artifacts: readonly ArtifactBlob[];
}

/** A file next to the report (report.json, metrics.json, JUnit), relative to report.html. */
export interface ReportLink {
  readonly label: string;
  readonly href: string;
}

/** What the page shows besides the results. */
export interface HtmlReportOptions {
  readonly generatedAt: string;
  /** The limits each target was judged by, by target name. */
  readonly limits?: ReadonlyMap<string, ReportLimits>;
  readonly links?: readonly ReportLink[];
  /** The bundled reference target was probed: the page says so at the top. */
  readonly demo?: boolean;
}

const STYLE = `body{font-family:system-ui,Arial,sans-serif;margin:24px;color:#1d2733;max-width:1800px}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f5f8}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.pass{color:#1b7a1b}.degraded{color:#a36b00}.fail,.error{color:#b01c1c}.unread{color:#666}.over{color:#b01c1c;font-weight:600}
nav a{margin-right:16px}.demo{background:#fff4d6;border:1px solid #e0b84a;padding:6px 10px;display:inline-block}
.results{display:grid;grid-template-columns:repeat(auto-fit,minmax(600px,1fr));gap:32px}
.result{border-top:4px solid #ccd;padding-top:8px;min-width:0}.result.status-pass{border-color:#2e8b57}.result.status-degraded{border-color:#d4a017}
.result.status-fail,.result.status-error{border-color:#c0392b}
figure{margin:8px 0 16px}svg.chart{width:100%;max-width:820px;height:auto;font-family:system-ui,Arial,sans-serif}
.evidence img{width:100%;border:1px solid #ccd;display:block}dl dt{font-weight:600;margin-top:6px}dl dd{margin-left:16px}`;

/** The whole report page for a run. */
export function renderHtmlReport(entries: readonly ReportEntry[], options: HtmlReportOptions): string {
  const results = entries.map((entry) => entry.result);
  const limits = options.limits ?? new Map<string, ReportLimits>();
  const links = (options.links ?? []).map((link) => `<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`).join('');
  const demo = options.demo ? `<p class="demo">This run probed the ${DEMO_LABEL} (the bundled reference target), not autocrm.</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>autocrm-synthetics report ${escapeHtml(options.generatedAt)}</title>
<style>${STYLE}</style></head>
<body><header><h1>autocrm-synthetics report</h1><p>Generated ${escapeHtml(options.generatedAt)}: ${escapeHtml(summaryLine(results))}.</p>
${demo}${links ? `<nav id="files">Files: ${links}</nav>` : ''}</header>
${renderOverview(results, limits)}
${renderThresholds(results, limits)}
<div class="results">
${entries.map((entry, index) => renderEntry(entry, index, limits.get(entry.result.target))).join('\n')}
</div>
<section id="definitions"><h2>What each duration spans</h2><dl>${DURATION_DEFINITIONS.map(([term, meaning]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(meaning)}</dd>`).join('')}</dl></section>
</body></html>
`;
}

function summaryLine(results: readonly ProbeResult[]): string {
  const counts = new Map<string, number>();
  for (const result of results) counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
  return `${results.length} result${results.length === 1 ? '' : 's'}: ${[...counts].map(([status, count]) => `${count} ${status}`).join(', ')}`;
}

function renderEntry(entry: ReportEntry, index: number, limits: ReportLimits | undefined): string {
  const r = entry.result;
  const steps = r.steps
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.name)}</td><td class="${s.ok ? 'pass' : 'fail'}">${s.ok ? 'ok' : 'FAIL'}</td><td class="num">${escapeHtml(ms(s.durationMs))}</td><td>${escapeHtml(stepDetail(r, s))}</td></tr>`,
    )
    .join('');
  const failure = r.failure
    ? `<p class="fail"><strong>Failure:</strong> ${escapeHtml(r.failure.kind)} at ${escapeHtml(r.failure.step)}: ${escapeHtml(r.failure.message)}</p>`
    : '';
  return `<section class="result status-${escapeHtml(r.status)}" id="result-${index + 1}">
<h2>${escapeHtml(resultLabel(r))}: <span class="${escapeHtml(r.status)}">${escapeHtml(statusLabel(r))}</span></h2>
<p>Started ${escapeHtml(r.startedAt)}, took ${escapeHtml(ms(r.durationMs))}${r.retried ? ', after a retry' : ''}. Browser: ${escapeHtml(r.browser?.userAgent ?? '–')}</p>
${failure}${timelineChartSvg(r)}
<table><tr><th>step</th><th>ok</th><th>duration</th><th>details</th></tr>${steps}</table>
${renderVerdicts(r)}${renderTimings(r)}${renderMeasurements(r, limits)}${renderEvidence(entry)}
</section>`;
}

function renderVerdicts(r: ProbeResult): string {
  const s = r.systemCheck;
  if (!s) return '';
  const row = (name: string, reading: typeof s.browser): string =>
    `<tr><td>${name}</td><td class="${reading.ok === null ? 'unread' : reading.ok ? 'pass' : 'fail'}">${verdictWord(reading)}</td><td>${escapeHtml(reading.text ?? '–')}</td></tr>`;
  return `<h3>System-Check verdicts (read from the page)</h3>
<p>Verdicts shown ${escapeHtml(ms(s.durationMs))} after the System-Check page was open (SystemCheckDuration); the system_check step above also counts finding and clicking the link and loading the page.</p>
<table><tr><th>check</th><th>verdict</th><th>text shown</th></tr>${row('browser', s.browser)}${row('WebSocket', s.websocket)}${row('HTTP', s.http)}</table>`;
}

function renderTimings(r: ProbeResult): string {
  const p = r.loginPage;
  if (!p) return '';
  const cells: [string, string][] = [
    ['HTTP status', String(p.httpStatus ?? '–')],
    ['DNS', ms(p.dnsMs)],
    ['connect', ms(p.connectMs)],
    ['TLS', ms(p.tlsMs)],
    ['TTFB (request sent → first byte)', ms(p.ttfbMs)],
    ['download (first → last byte)', ms(p.downloadMs)],
    ['DOMContentLoaded (since navigation start)', ms(p.domContentLoadedMs)],
    ['load (since navigation start)', ms(p.loadMs)],
    ['JS errors', String(p.jsErrors)],
    ['fits 1920 px', p.fitsFullHd === null ? '–' : p.fitsFullHd ? 'yes' : 'no'],
  ];
  return `<h3>Login page</h3><table>${cells.map(([k, v]) => `<tr><td>${k}</td><td class="num">${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

function renderMeasurements(r: ProbeResult, limits: ReportLimits | undefined): string {
  const parts: string[] = [];
  if (r.websocket) {
    const w = r.websocket;
    parts.push(
      `<h3>WebSocket ${escapeHtml(w.url)}</h3><p>connect ${escapeHtml(ms(w.connectMs))}, upgrade ${escapeHtml(ms(w.upgradeMs))}, jitter ${escapeHtml(ms(w.jitterMs))}, lost ${w.lost}/${w.sent}</p>`,
      samplesChartSvg({
        title: 'WebSocket echo RTT',
        sampleName: 'echo',
        samplesMs: w.rttMs?.samples ?? [],
        p95Ms: w.rttMs?.p95,
        limitMs: limits?.websocketRttP95Ms,
      }),
    );
  }
  if (r.http) {
    parts.push(
      `<h3>HTTP ${escapeHtml(r.http.url)}</h3><p>jitter ${escapeHtml(ms(r.http.jitterMs))}, failed requests ${r.http.failedRequests}</p>`,
      samplesChartSvg({
        title: 'HTTP RTT',
        sampleName: 'request',
        samplesMs: r.http.rttMs?.samples ?? [],
        p95Ms: r.http.rttMs?.p95,
        limitMs: limits?.httpRttP95Ms,
      }),
    );
  }
  if (r.bandwidth) {
    const b = r.bandwidth;
    const verdict = b.meetsRequirement === null ? 'not measured' : b.meetsRequirement ? 'meets the requirement' : 'below the requirement';
    parts.push(
      `<h3>Bandwidth</h3><p>download ${escapeHtml(mbps(b.downloadMbps))} (required ${b.minDownloadMbps}), upload ${escapeHtml(mbps(b.uploadMbps))} (required ${b.minUploadMbps}): ${verdict}</p>`,
      bandwidthChartSvg(b),
    );
  }
  return parts.join('\n');
}

/** Screenshots full width, each a link to its file (the full-size image); the page HTML as a link. */
function renderEvidence(entry: ReportEntry): string {
  const parts = entry.artifacts.map((blob) => {
    const href = `artifacts/${encodeURIComponent(blob.fileName)}`;
    if (blob.kind === 'screenshot') {
      return `<figure class="evidence"><a href="${href}" title="open full size"><img alt="screenshot ${escapeHtml(blob.fileName)}" src="data:image/png;base64,${blob.body.toString('base64')}"></a><figcaption>Screenshot of the page the round ended on (every password field and everything that holds a secret masked); click to open it full size.</figcaption></figure>`;
    }
    return `<p>Page HTML: <a href="${href}">${escapeHtml(blob.fileName)}</a></p>`;
  });
  for (const withheld of entry.result.withheldArtifacts ?? []) {
    parts.push(`<p>No ${escapeHtml(withheld.kind)} kept: ${escapeHtml(withheld.reason)}</p>`);
  }
  return parts.length > 0 ? `<h3>Evidence</h3>${parts.join('\n')}` : '';
}
