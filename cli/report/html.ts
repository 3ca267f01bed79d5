/**
 * report.html: one self-contained page (no scripts, no external assets) with each target's status,
 * verdicts, timings, measurements, an RTT chart and the failure screenshot inline. Every value
 * from the target (verdict texts, messages, URLs) is HTML-escaped.
 */
import type { ProbeResult } from '../../lambdas/core/types';
import type { ArtifactBlob } from '../../lambdas/probe/artifacts';
import { escapeHtml, ms, mbps, statusLabel, stepDetail, verdictWord } from './format';
import { rttChartSvg } from './svg-chart';

export { escapeHtml } from './format';

/** One target's result with the evidence captured in its round. */
export interface ReportEntry {
  readonly result: ProbeResult;
  readonly artifacts: readonly ArtifactBlob[];
}

const STYLE = `body{font-family:system-ui,Arial,sans-serif;margin:24px;color:#1d2733}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccd;padding:4px 8px;text-align:left;vertical-align:top}
.pass{color:#1b7a1b}.degraded{color:#a36b00}.fail,.error{color:#b01c1c}.unread{color:#666}section{margin-bottom:40px}
img{max-width:960px;border:1px solid #ccd}`;

/** The whole report page for a run. */
export function renderHtmlReport(entries: readonly ReportEntry[], generatedAt: string): string {
  const sections = entries.map(renderEntry).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>autocrm-synthetics report ${escapeHtml(generatedAt)}</title>
<style>${STYLE}</style></head>
<body><h1>autocrm-synthetics report</h1><p>Generated ${escapeHtml(generatedAt)}.</p>
${sections}
</body></html>
`;
}

function renderEntry(entry: ReportEntry): string {
  const r = entry.result;
  const steps = r.steps
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.name)}</td><td class="${s.ok ? 'pass' : 'fail'}">${s.ok ? 'ok' : 'FAIL'}</td><td>${escapeHtml(ms(s.durationMs))}</td><td>${escapeHtml(stepDetail(r, s))}</td></tr>`,
    )
    .join('');
  const failure = r.failure
    ? `<p class="fail"><strong>Failure:</strong> ${escapeHtml(r.failure.kind)} at ${escapeHtml(r.failure.step)}: ${escapeHtml(r.failure.message)}</p>`
    : '';
  return `<section>
<h2>${escapeHtml(r.target)} @ ${escapeHtml(r.location)}: <span class="${escapeHtml(r.status)}">${escapeHtml(statusLabel(r))}</span></h2>
<p>Started ${escapeHtml(r.startedAt)}, took ${escapeHtml(ms(r.durationMs))}${r.retried ? ', after a retry' : ''}. Browser: ${escapeHtml(r.browser?.userAgent ?? '–')}</p>
${failure}
<table><tr><th>step</th><th>ok</th><th>duration</th><th>details</th></tr>${steps}</table>
${renderVerdicts(r)}${renderTimings(r)}${renderMeasurements(r)}${renderArtifacts(entry)}
</section>`;
}

function renderVerdicts(r: ProbeResult): string {
  const s = r.systemCheck;
  if (!s) return '';
  const row = (name: string, reading: typeof s.browser): string =>
    `<tr><td>${name}</td><td class="${reading.ok === null ? 'unread' : reading.ok ? 'pass' : 'fail'}">${verdictWord(reading)}</td><td>${escapeHtml(reading.text ?? '–')}</td></tr>`;
  return `<h3>System-Check verdicts (read from the page)</h3>
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
    ['TTFB', ms(p.ttfbMs)],
    ['download', ms(p.downloadMs)],
    ['DOMContentLoaded', ms(p.domContentLoadedMs)],
    ['load', ms(p.loadMs)],
    ['JS errors', String(p.jsErrors)],
    ['fits 1920 px', p.fitsFullHd === null ? '–' : p.fitsFullHd ? 'yes' : 'no'],
  ];
  return `<h3>Login page</h3><table>${cells.map(([k, v]) => `<tr><td>${k}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

function renderMeasurements(r: ProbeResult): string {
  const parts: string[] = [];
  if (r.websocket) {
    const w = r.websocket;
    parts.push(
      `<h3>WebSocket ${escapeHtml(w.url)}</h3><p>connect ${escapeHtml(ms(w.connectMs))}, upgrade ${escapeHtml(ms(w.upgradeMs))}, jitter ${escapeHtml(ms(w.jitterMs))}, lost ${w.lost}/${w.sent}</p>${rttChartSvg('WebSocket echo RTT', w.rttMs?.samples ?? [])}`,
    );
  }
  if (r.http) {
    parts.push(
      `<h3>HTTP ${escapeHtml(r.http.url)}</h3><p>jitter ${escapeHtml(ms(r.http.jitterMs))}, failed requests ${r.http.failedRequests}</p>${rttChartSvg('HTTP RTT', r.http.rttMs?.samples ?? [])}`,
    );
  }
  if (r.bandwidth) {
    const b = r.bandwidth;
    const verdict = b.meetsRequirement === null ? 'not measured' : b.meetsRequirement ? 'meets the requirement' : 'below the requirement';
    parts.push(
      `<h3>Bandwidth</h3><p>download ${escapeHtml(mbps(b.downloadMbps))} (min ${b.minDownloadMbps}), upload ${escapeHtml(mbps(b.uploadMbps))} (min ${b.minUploadMbps}): ${verdict}</p>`,
    );
  }
  return parts.join('\n');
}

function renderArtifacts(entry: ReportEntry): string {
  const parts = entry.artifacts.map((blob) => {
    if (blob.kind === 'screenshot') {
      return `<p><img alt="screenshot ${escapeHtml(blob.fileName)}" src="data:image/png;base64,${blob.body.toString('base64')}"></p>`;
    }
    return `<p>Page HTML: <a href="artifacts/${encodeURIComponent(blob.fileName)}">${escapeHtml(blob.fileName)}</a></p>`;
  });
  return parts.length > 0 ? `<h3>Evidence</h3>${parts.join('\n')}` : '';
}
