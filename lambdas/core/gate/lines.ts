/**
 * Human-readable figures for the gate's reason lines and the JUnit messages: what failed, with the
 * numbers that show it (`20/20 messages lost`, `HTTP 500`, `download 3.9 Mbit/s < 16 Mbit/s`). Pure.
 */
import type { ThresholdsConfig } from '../config/types';
import type { DegradedReason, FailureKind, ProbeResult, StepName, StepResult } from '../types';

/** Longest page-provided text we quote in a one-line reason (page text can be anything). */
const MAX_QUOTED_CHARS = 160;
/** Longest engine message we repeat in a one-line reason. */
const MAX_MESSAGE_CHARS = 300;

/** `reference` locally, `reference @ eu-central-1` for a remote location; ` [firefox]` / ` [edge]` after it for those browsers. */
export function resultLabel(subject: LabelSubject): string {
  const where = subject.location === 'local' ? subject.target : `${subject.target} @ ${subject.location}`;
  return `${where}${browserSuffix(subject)}`;
}

/** What names a round: its target, location and, when known, its browser (a result's or a baseline entry's). */
export interface LabelSubject {
  readonly target: string;
  readonly location: string;
  readonly browser?: string | { readonly name: string } | null;
}

/** The browser of a result or entry; absent = Chromium (results and baselines from before browsers were configurable). */
export function browserOf(subject: Pick<LabelSubject, 'browser'>): string {
  const browser = subject.browser;
  return (typeof browser === 'string' ? browser : browser?.name) ?? 'chromium';
}

/** ` [firefox]`, ` [edge]`; nothing for Chromium, the default browser, so single-browser output reads as before. */
export function browserSuffix(subject: Pick<LabelSubject, 'browser'>): string {
  const name = browserOf(subject);
  return name === 'chromium' ? '' : ` [${name}]`;
}

/** 1.3 ms below 10 ms, whole milliseconds above: enough precision for a person, no false precision. */
export function formatMs(valueMs: number): string {
  return `${valueMs < 10 ? valueMs.toFixed(1) : Math.round(valueMs)} ms`;
}

/** 3.9 Mbit/s below 10, whole Mbit/s above (same precision rule as `formatMs`). */
export function formatMbps(valueMbps: number): string {
  return `${valueMbps < 10 ? valueMbps.toFixed(1) : Math.round(valueMbps)} Mbit/s`;
}

/** Collapses whitespace and newlines and cuts long text, so a reason stays one line. */
export function oneLine(text: string, maxChars = MAX_MESSAGE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
}

/** The headline figures of a round, for a PASS line: `login TTFB 3.2 ms, WebSocket RTT p95 1.1 ms, …`. */
export function keyFigures(result: ProbeResult): string {
  const parts: string[] = [];
  if (result.loginPage?.ttfbMs !== undefined) parts.push(`login TTFB ${formatMs(result.loginPage.ttfbMs)}`);
  if (result.websocket?.rttMs) parts.push(`WebSocket RTT p95 ${formatMs(result.websocket.rttMs.p95)}`);
  if (result.http?.rttMs) parts.push(`HTTP RTT p95 ${formatMs(result.http.rttMs.p95)}`);
  if (result.bandwidth?.downloadMbps !== undefined) parts.push(`download ${formatMbps(result.bandwidth.downloadMbps)}`);
  if (result.bandwidth?.uploadMbps !== undefined) parts.push(`upload ${formatMbps(result.bandwidth.uploadMbps)}`);
  return parts.join(', ');
}

/** One failed check of a round: the step (or `round`), the failure kind and the figures. */
export interface FailureDescription {
  readonly check: StepName | 'round';
  readonly kind: FailureKind | 'unknown';
  readonly detail: string;
}

/** Every failed step of a failed or errored round, the round's own failure first-class among them. */
export function describeFailure(result: ProbeResult): FailureDescription[] {
  const described: FailureDescription[] = [];
  for (const step of result.steps.filter((candidate) => !candidate.ok)) {
    const isMain = result.failure?.step === step.name;
    const kind = step.failureKind ?? (isMain ? result.failure?.kind : undefined) ?? 'unknown';
    const message = step.message ?? (isMain ? result.failure?.message : undefined) ?? '';
    described.push({ check: step.name, kind, detail: detailFor(result, { kind, step: step.name, message, stepResult: step }) });
  }
  const failure = result.failure;
  if (failure && !described.some((item) => item.check === failure.step)) {
    described.push({ check: failure.step, kind: failure.kind, detail: detailFor(result, failure) });
  }
  if (described.length === 0)
    described.push({ check: 'round', kind: 'unknown', detail: `the round ended with status ${result.status} and no failure recorded` });
  return described;
}

/** One failed check as the detail line sees it: the step's own result when the step was recorded. */
interface FailedCheck {
  readonly kind: FailureKind | 'unknown';
  readonly step: StepName;
  readonly message: string;
  readonly stepResult?: StepResult;
}

function detailFor(result: ProbeResult, check: FailedCheck): string {
  const figures = figuresFor(result, check);
  const text = oneLine(check.message);
  // The engine's message may already quote the figures; say them once.
  const parts = (text.includes(figures) ? [text] : [figures, text]).filter((part) => part.length > 0);
  return parts.length > 0 ? parts.join('; ') : 'no details recorded';
}

function figuresFor(result: ProbeResult, { kind, step, message, stepResult }: FailedCheck): string {
  if (step === 'system_check' && (kind === 'websocket' || kind === 'http' || kind === 'browser_unsupported')) {
    const verdict = result.systemCheck?.[kind === 'browser_unsupported' ? 'browser' : kind];
    const quoted = verdict?.text ? oneLine(verdict.text, MAX_QUOTED_CHARS) : '';
    return quoted && !message.includes(quoted) ? `System-Check says "${quoted}"` : '';
  }
  switch (kind) {
    case 'http_status':
      return result.loginPage?.httpStatus != null ? `HTTP ${result.loginPage.httpStatus}` : '';
    case 'content':
      return result.loginPage && result.loginPage.missingElements.length > 0
        ? `missing ${result.loginPage.missingElements.join(', ')}`
        : '';
    case 'websocket':
      return websocketFigures(result);
    case 'http':
      return result.http && result.http.failedRequests > 0 ? `${result.http.failedRequests} requests failed` : '';
    case 'timeout':
      return stepResult ? `gave up after ${formatMs(stepResult.durationMs)}` : '';
    default:
      return '';
  }
}

function websocketFigures(result: ProbeResult): string {
  const ws = result.websocket;
  if (!ws) return '';
  const parts: string[] = [];
  if (ws.sent > 0) parts.push(`${ws.lost}/${ws.sent} messages lost`);
  if (ws.closeCode !== undefined) parts.push(`closed with code ${ws.closeCode}`);
  return parts.join(', ');
}

/** Why a round is degraded for one reason, with the figure and (when known) the limit it crossed. */
export function describeDegraded(result: ProbeResult, reason: DegradedReason, limits?: ThresholdsConfig): string {
  switch (reason) {
    case 'bandwidth':
      return bandwidthShortfall(result);
    case 'websocket_latency':
      return latencyLine('WebSocket RTT p95', result.websocket?.rttMs?.p95, limits?.websocketRttP95Ms);
    case 'http_latency':
      return latencyLine('HTTP RTT p95', result.http?.rttMs?.p95, limits?.httpRttP95Ms);
    case 'page_load':
      return latencyLine('login TTFB', result.loginPage?.ttfbMs, limits?.loginTtfbMs);
  }
}

function latencyLine(label: string, valueMs: number | undefined, limitMs: number | undefined): string {
  if (valueMs === undefined) return `${label} not measured`;
  return `${label} ${formatMs(valueMs)}${limitMs !== undefined ? ` > ${formatMs(limitMs)} allowed` : ''}`;
}

function bandwidthShortfall(result: ProbeResult): string {
  const bw = result.bandwidth;
  if (!bw) return 'bandwidth not measured';
  const parts: string[] = [];
  if (bw.downloadMbps !== undefined && bw.downloadMbps < bw.minDownloadMbps) {
    parts.push(`download ${formatMbps(bw.downloadMbps)} < ${formatMbps(bw.minDownloadMbps)} required`);
  }
  if (bw.uploadMbps !== undefined && bw.uploadMbps < bw.minUploadMbps) {
    parts.push(`upload ${formatMbps(bw.uploadMbps)} < ${formatMbps(bw.minUploadMbps)} required`);
  }
  if (bw.downloadMbps === undefined) parts.push('download not measured');
  if (bw.uploadMbps === undefined) parts.push('upload not measured');
  return parts.length > 0 ? parts.join(', ') : 'below the requirement';
}
