/**
 * The console output of `run`: one progress line per step while a round runs, then a table per
 * target and a summary line. Pure string building; the CLI decides where it goes.
 */
import type { ProbeResult } from '../../lambdas/core/types';
import type { ProgressEvent } from '../../lambdas/probe/round-recorder';
import { DEMO_LABEL, ms, statusLabel, stepDetail } from './format';

/** One progress line, or undefined for events not worth a line. */
export function formatProgress(event: ProgressEvent): string | undefined {
  const retry = event.attempt > 1 ? ` (retry ${event.attempt - 1})` : '';
  if (event.type === 'round_start') return `[${event.target}] round started${retry}`;
  if (event.type === 'round_end') return `[${event.target}] round finished: ${event.message ?? ''}${retry}`;
  if (event.type === 'step_end') {
    const verdict = event.ok ? 'ok' : 'FAIL';
    const why = event.ok || !event.message ? '' : ` — ${event.message}`;
    return `[${event.target}]   ${event.step ?? ''} ${verdict} (${ms(event.durationMs)})${why}`;
  }
  return undefined;
}

/** Longest detail kept per table row; the full text is in report.json. */
const MAX_DETAIL_CHARS = 160;

/** How a summary line names what was probed. */
export interface SummaryOptions {
  /** The bundled reference target was probed: every summary line says so. */
  readonly demo?: boolean;
}

/** The table of one result: header line, one row per step, failure and artifacts below. */
export function formatResultTable(result: ProbeResult, options: SummaryOptions = {}): string {
  const retried = result.retried ? ' (after a retry)' : '';
  const lines = [`${result.target} @ ${result.location}${demoNote(options)}: ${statusLabel(result)} in ${ms(result.durationMs)}${retried}`];
  const rows = result.steps.map((step) => [step.name, step.ok ? 'ok' : 'FAIL', ms(step.durationMs), clip(stepDetail(result, step))]);
  const header = ['step', 'ok', 'duration', 'details'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const render = (cells: string[]): string =>
    `  ${cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ')}`.trimEnd();
  lines.push(render(header), render(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) lines.push(render(row));
  const verdicts = systemCheckTexts(result);
  if (verdicts) lines.push(verdicts);
  if (result.failure) lines.push(`  failure: ${result.failure.kind} at ${result.failure.step}: ${result.failure.message}`);
  for (const artifact of result.artifacts) lines.push(`  artifact: ${artifact.path ?? artifact.key ?? ''} (${artifact.bytes} bytes)`);
  return lines.join('\n');
}

function systemCheckTexts(result: ProbeResult): string | undefined {
  const s = result.systemCheck;
  if (!s) return undefined;
  const quote = (text: string | null): string => (text === null ? '–' : `"${text}"`);
  return `  System-Check says: browser ${quote(s.browser.text)} · websocket ${quote(s.websocket.text)} · http ${quote(s.http.text)}`;
}

/** ` (demo target)` on a demo run's summary lines, else nothing. */
export function demoNote(options: SummaryOptions): string {
  return options.demo ? ` (${DEMO_LABEL})` : '';
}

/** `3 targets: 2 pass, 1 fail`; `1 target (demo target): 1 pass` */
export function formatSummary(results: readonly ProbeResult[], options: SummaryOptions = {}): string {
  const counts = new Map<string, number>();
  for (const result of results) counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
  const parts = [...counts].map(([status, count]) => `${count} ${status}`);
  return `${results.length} target${results.length === 1 ? '' : 's'}${demoNote(options)}: ${parts.join(', ')}`;
}

function clip(text: string): string {
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS - 1)}…` : text;
}
