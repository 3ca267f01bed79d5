/**
 * Small formatting helpers shared by the console table and the HTML report: numbers with units,
 * never "NaN" or "undefined" on screen.
 */
import type { Distribution, ProbeResult, StepName, StepResult, VerdictReading } from '../../lambdas/core/types';

/** Said on every summary line of a demo run, so a demo can never be read as a verdict on autocrm. */
export const DEMO_LABEL = 'demo target';

/** `12.3 ms`, `1.2 s` from 1000 ms on, `–` when absent. */
export function ms(value: number | undefined | null): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '–';
  if (value >= 1_000) return `${(value / 1_000).toFixed(1)} s`;
  return `${value >= 100 ? Math.round(value) : Math.round(value * 10) / 10} ms`;
}

/** `15.3 Mbit/s`, `–` when absent. */
export function mbps(value: number | undefined | null): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '–';
  return `${value >= 100 ? Math.round(value) : Math.round(value * 10) / 10} Mbit/s`;
}

/** `p50 1.3 ms / p95 3.1 ms / max 4.2 ms`, `–` when absent. */
export function distribution(value: Distribution | undefined): string {
  if (!value) return '–';
  return `p50 ${ms(value.p50)} / p95 ${ms(value.p95)} / max ${ms(value.max)}`;
}

/** `ok`, `FAIL`, or `not read` for a verdict reading. */
export function verdictWord(reading: VerdictReading): string {
  if (reading.ok === true) return 'ok';
  if (reading.ok === false) return 'FAIL';
  return 'not read';
}

/** What a step found, in one line (the table's detail column). */
export function stepDetail(result: ProbeResult, step: StepResult): string {
  const details = STEP_DETAILS[step.name](result);
  if (step.ok) return details;
  const problem = `${step.failureKind ?? 'failed'}: ${step.message ?? ''}`.trim();
  return details ? `${problem} | ${details}` : problem;
}

const STEP_DETAILS: Record<StepName, (result: ProbeResult) => string> = {
  launch: (r) => browserLabel(r.browser),
  login_page: (r) => {
    const p = r.loginPage;
    if (!p) return '';
    const parts = [`HTTP ${p.httpStatus ?? '–'}`, `TTFB ${ms(p.ttfbMs)}`, `load ${ms(p.loadMs)}`];
    if (p.dnsMs !== undefined) parts.push(`DNS ${ms(p.dnsMs)}`);
    if (p.connectMs !== undefined) parts.push(`connect ${ms(p.connectMs)}`);
    if (p.tlsMs !== undefined) parts.push(`TLS ${ms(p.tlsMs)}`);
    if (p.jsErrors > 0) parts.push(`${p.jsErrors} JS error(s)`);
    if (p.fitsFullHd === false) parts.push('wider than 1920 px');
    return parts.join(' · ');
  },
  system_check: (r) => {
    const s = r.systemCheck;
    if (!s) return '';
    return `browser ${verdictWord(s.browser)} · websocket ${verdictWord(s.websocket)} · http ${verdictWord(s.http)}`;
  },
  login: (r) => (r.login ? `logged in ${r.login.ok ? 'ok' : 'FAIL'}${r.login.loggedOut ? ', logged out' : ''}` : ''),
  websocket: (r) => {
    const w = r.websocket;
    if (!w) return '';
    return `connect ${ms(w.connectMs)} · RTT ${distribution(w.rttMs)} · lost ${w.lost}/${w.sent}`;
  },
  http: (r) => (r.http ? `RTT ${distribution(r.http.rttMs)} · ${r.http.failedRequests} failed` : ''),
  bandwidth: (r) => {
    const b = r.bandwidth;
    if (!b) return '';
    const verdict = b.meetsRequirement === null ? 'not measured' : b.meetsRequirement ? 'meets' : 'BELOW';
    return `down ${mbps(b.downloadMbps)} · up ${mbps(b.uploadMbps)} · ${verdict} ${b.minDownloadMbps}/${b.minUploadMbps} Mbit/s`;
  },
};

/** `PASS`, `DEGRADED (bandwidth)`, `FAIL (timeout)`, `ERROR (probe_error)`. */
export function statusLabel(result: ProbeResult): string {
  const status = result.status.toUpperCase();
  if (result.status === 'degraded') return `${status} (${result.degraded.join(', ')})`;
  if (result.failure) return `${status} (${result.failure.kind})`;
  return status;
}

/** Escapes the five characters that matter in HTML (and SVG) text and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `Chromium 147.0.7727.0`, `Firefox 153.8.0`, `Edge identity on Chromium 147.0.7727.0`; empty when unknown. */
export function browserLabel(browser: ProbeResult['browser']): string {
  if (!browser) return '';
  const version = browser.version ?? '(did not start)';
  if (browser.name === 'firefox') return `Firefox ${version}`;
  return browser.name === 'edge' ? `Edge identity on Chromium ${version}` : `Chromium ${version}`;
}
