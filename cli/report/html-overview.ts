/**
 * The top of report.html: every result side by side (one column per target, location and browser)
 * with its key figures, each marked where it misses its limit, and the thresholds in force per
 * target. Also the one place that says what each duration spans.
 */
import type { TargetConfig } from '../../lambdas/core/config/types';
import type { ProbeResult } from '../../lambdas/core/types';
import { escapeHtml, ms, mbps, statusLabel } from './format';

/** The limits a target's results were judged by (its config's thresholds, bandwidth and round timeout). */
export interface ReportLimits {
  readonly websocketRttP95Ms?: number;
  readonly httpRttP95Ms?: number;
  readonly loginTtfbMs?: number;
  readonly minDownloadMbps?: number;
  readonly minUploadMbps?: number;
  readonly roundMs?: number;
}

/** The limits of a target config, for the report. */
export function limitsOf(target: TargetConfig): ReportLimits {
  return {
    ...target.thresholds,
    ...(target.bandwidth ? { minDownloadMbps: target.bandwidth.minDownloadMbps, minUploadMbps: target.bandwidth.minUploadMbps } : {}),
    roundMs: target.timeouts.roundMs,
  };
}

/** What each duration in the report (and in the metrics of the same name) spans, defined once. */
export const DURATION_DEFINITIONS: readonly (readonly [string, string])[] = [
  [
    'round (ProbeDuration)',
    'From the start of the browser launch to the end of the round: every step, closing the browser, evidence and a retry.',
  ],
  ['launch', 'Starting Chromium and opening a fresh, logged-out browser context.'],
  ['login_page', 'Opening the login page until its load event, then checking its expected elements.'],
  [
    'TTFB (LoginPageTTFB)',
    'Login page: from the request being sent to the first byte of the answer (Navigation Timing responseStart − requestStart).',
  ],
  ['load (LoginPageLoad)', 'Login page: from the start of the navigation to the end of its load event.'],
  [
    'system_check',
    'Finding and clicking the System-Check link like a user, loading the System-Check page, and waiting until its three verdicts are shown.',
  ],
  [
    'verdicts (SystemCheckDuration)',
    'Only the last part of system_check: from the System-Check page being open to the moment all three verdicts are shown — how long the page’s own checks took.',
  ],
  ['WebSocket connect', 'new WebSocket → open, measured in the page.'],
  ['WebSocket / HTTP RTT', 'One round trip per echo message or warm request; p50 and p95 over the samples of the round.'],
  [
    'websocket, http, bandwidth (steps)',
    'The whole measurement: connecting, every sample with its interval, and the bandwidth warm-up and transfers.',
  ],
];

/** `autocrm @ eu-west-1 · firefox`: what one column or section is about. */
export function resultLabel(result: ProbeResult): string {
  const browser = result.browser && 'name' in result.browser ? String(result.browser.name) : undefined;
  return `${result.target} @ ${result.location}${browser ? ` · ${browser}` : ''}`;
}

/** `Firefox 153.8.0 (gecko)`, `Edge 147.0.7727.0 (chromium)`: the browser a column ran in, what its engine really was. */
function browserCell(result: ProbeResult): string {
  const browser = result.browser;
  if (!browser) return '–';
  const name = BROWSER_TITLES[browser.name] ?? browser.name;
  return `${name}${browser.version ? ` ${browser.version}` : ''}${browser.engine ? ` (${browser.engine})` : ''}`;
}

const BROWSER_TITLES: Readonly<Record<string, string>> = { chromium: 'Chrome', firefox: 'Firefox', edge: 'Edge' };

interface Figure {
  readonly name: string;
  readonly value: (result: ProbeResult) => string;
  /** True when the result misses the limit for this figure. */
  readonly over?: (result: ProbeResult, limits: ReportLimits | undefined) => boolean;
}

const above = (value: number | undefined, limit: number | undefined): boolean =>
  value !== undefined && limit !== undefined && value > limit;
const below = (value: number | undefined, limit: number | undefined): boolean =>
  value !== undefined && limit !== undefined && value < limit;

const FIGURES: readonly Figure[] = [
  { name: 'status', value: (r) => statusLabel(r) },
  { name: 'browser', value: (r) => browserCell(r) },
  { name: 'round', value: (r) => ms(r.durationMs) },
  { name: 'login TTFB', value: (r) => ms(r.loginPage?.ttfbMs), over: (r, l) => above(r.loginPage?.ttfbMs, l?.loginTtfbMs) },
  { name: 'login load', value: (r) => ms(r.loginPage?.loadMs) },
  { name: 'System-Check verdicts', value: (r) => ms(r.systemCheck?.durationMs) },
  { name: 'WebSocket connect', value: (r) => ms(r.websocket?.connectMs) },
  { name: 'WebSocket RTT p50', value: (r) => ms(r.websocket?.rttMs?.p50) },
  {
    name: 'WebSocket RTT p95',
    value: (r) => ms(r.websocket?.rttMs?.p95),
    over: (r, l) => above(r.websocket?.rttMs?.p95, l?.websocketRttP95Ms),
  },
  {
    name: 'echoes lost',
    value: (r) => (r.websocket ? `${r.websocket.lost}/${r.websocket.sent}` : '–'),
    over: (r) => (r.websocket?.lost ?? 0) > 0,
  },
  { name: 'HTTP RTT p50', value: (r) => ms(r.http?.rttMs?.p50) },
  { name: 'HTTP RTT p95', value: (r) => ms(r.http?.rttMs?.p95), over: (r, l) => above(r.http?.rttMs?.p95, l?.httpRttP95Ms) },
  {
    name: 'download',
    value: (r) => mbps(r.bandwidth?.downloadMbps),
    over: (r) => below(r.bandwidth?.downloadMbps, r.bandwidth?.minDownloadMbps),
  },
  { name: 'upload', value: (r) => mbps(r.bandwidth?.uploadMbps), over: (r) => below(r.bandwidth?.uploadMbps, r.bandwidth?.minUploadMbps) },
];

/** The key figures of every result, one column each, a missed limit in red. */
export function renderOverview(results: readonly ProbeResult[], limits: ReadonlyMap<string, ReportLimits>): string {
  const head = results.map((r, index) => `<th><a href="#result-${index + 1}">${escapeHtml(resultLabel(r))}</a></th>`).join('');
  const rows = FIGURES.map((figure) => {
    const cells = results.map((r) => {
      const over = figure.over?.(r, limits.get(r.target)) === true;
      const status = figure.name === 'status' ? r.status : over ? 'over' : '';
      return `<td class="num ${status}">${escapeHtml(figure.value(r))}</td>`;
    });
    return `<tr><th>${escapeHtml(figure.name)}</th>${cells.join('')}</tr>`;
  }).join('');
  return `<section id="overview"><h2>Results side by side</h2><table><tr><th></th>${head}</tr>${rows}</table></section>`;
}

/** The limits each probed target was judged by. */
export function renderThresholds(results: readonly ProbeResult[], limits: ReadonlyMap<string, ReportLimits>): string {
  const targets = [...new Set(results.map((r) => r.target))];
  const shown = (value: number | undefined, format: (v: number) => string): string => (value === undefined ? 'none' : format(value));
  const rows = targets.map((name) => {
    const l = limits.get(name);
    const bandwidth = results.find((r) => r.target === name && r.bandwidth)?.bandwidth;
    const cells = [
      shown(l?.websocketRttP95Ms, ms),
      shown(l?.httpRttP95Ms, ms),
      shown(l?.loginTtfbMs, ms),
      shown(l?.minDownloadMbps ?? bandwidth?.minDownloadMbps, mbps),
      shown(l?.minUploadMbps ?? bandwidth?.minUploadMbps, mbps),
      shown(l?.roundMs, ms),
    ];
    return `<tr><td>${escapeHtml(name)}</td>${cells.map((cell) => `<td class="num">${escapeHtml(cell)}</td>`).join('')}</tr>`;
  });
  return `<section id="thresholds"><h2>Thresholds in force</h2>
<p>A result above a latency limit or below a bandwidth requirement is <em>degraded</em> (it works, slowly); a round longer than its timeout fails as <em>timeout</em>.</p>
<table><tr><th>target</th><th>WebSocket RTT p95 limit</th><th>HTTP RTT p95 limit</th><th>login TTFB limit</th><th>download required</th><th>upload required</th><th>round timeout</th></tr>${rows.join('')}</table></section>`;
}
