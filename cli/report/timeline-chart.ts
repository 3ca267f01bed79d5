/**
 * The step timeline of a round: each step as a bar where it ran (steps run one after the other, so
 * each starts where the previous ended), on an axis in ms spanning the whole round (ProbeDuration);
 * a retried round's reported steps are the last attempt's, drawn where that attempt started, after a
 * grey "before retry" bar for the failed attempt(s); the time after the last step (closing the
 * browser, evidence) is the grey "closing" bar. The
 * system_check bar shows its two parts: opening the System-Check page (find and click the link,
 * load) and waiting for its verdicts, the part the SystemCheckDuration metric measures.
 */
import type { ProbeResult } from '../../lambdas/core/types';
import { ms } from './format';
import { COLORS, horizontalAxis, niceTicks, svgFrame, text } from './svg-axes';

const WIDTH_PX = 560;
const ROW_PX = 22;
const MARGIN = { left: 92, right: 70, top: 26, bottom: 34 } as const;
/** Lighter shade for the part of a step that is not its main figure. */
const PALE = { pass: '#8cc7a5', fail: '#e59a91' } as const;

interface Segment {
  readonly fromMs: number;
  readonly toMs: number;
  readonly color: string;
  readonly title: string;
}

interface Row {
  readonly label: string;
  readonly segments: readonly Segment[];
  readonly durationMs: number;
}

/** The rows of the timeline: the attempts before a retry, one per step (system_check split in two), then the closing. */
export function timelineRows(result: ProbeResult): Row[] {
  const offsetMs = result.retried ? Math.min(result.attemptOffsetMs ?? 0, result.durationMs) : 0;
  const rows: Row[] = [];
  if (offsetMs > 0) {
    rows.push({
      label: 'before retry',
      durationMs: offsetMs,
      segments: [
        { fromMs: 0, toMs: offsetMs, color: COLORS.muted, title: `the failed attempt before the retry shown below ${ms(offsetMs)}` },
      ],
    });
  }
  let at = offsetMs;
  const stepRows: Row[] = result.steps.map((step) => {
    const from = at;
    at += step.durationMs;
    const color = step.ok ? COLORS.pass : COLORS.fail;
    const verdictsMs = step.name === 'system_check' ? result.systemCheck?.durationMs : undefined;
    if (verdictsMs === undefined || verdictsMs > step.durationMs) {
      return {
        label: step.name,
        durationMs: step.durationMs,
        segments: [{ fromMs: from, toMs: at, color, title: `${step.name} ${ms(step.durationMs)}` }],
      };
    }
    const opened = at - verdictsMs;
    return {
      label: step.name,
      durationMs: step.durationMs,
      segments: [
        { fromMs: from, toMs: opened, color: step.ok ? PALE.pass : PALE.fail, title: `opening the System-Check page ${ms(opened - from)}` },
        { fromMs: opened, toMs: at, color, title: `waiting for the verdicts ${ms(verdictsMs)} (SystemCheckDuration)` },
      ],
    };
  });
  rows.push(...stepRows);
  const restMs = result.durationMs - at;
  if (restMs > 0) {
    rows.push({
      label: 'closing',
      durationMs: restMs,
      segments: [
        {
          fromMs: at,
          toMs: result.durationMs,
          color: COLORS.muted,
          title: `after the last step: evidence, closing the browser ${ms(restMs)}`,
        },
      ],
    });
  }
  return rows;
}

/** The `<figure>` with the timeline, or an empty string for a round without steps. */
export function timelineChartSvg(result: ProbeResult): string {
  const rows = timelineRows(result);
  if (rows.length === 0) return '';
  const totalMs = Math.max(result.durationMs, ...rows.flatMap((row) => row.segments.map((segment) => segment.toMs)), 1);
  const ticks = niceTicks(totalMs, 5);
  const top = ticks[ticks.length - 1] ?? totalMs;
  const plotWidth = WIDTH_PX - MARGIN.left - MARGIN.right;
  const height = MARGIN.top + rows.length * ROW_PX + MARGIN.bottom;
  const x = (valueMs: number): number => MARGIN.left + (plotWidth * valueMs) / top;
  const axisY = MARGIN.top + rows.length * ROW_PX;
  const parts = [text(MARGIN.left, 14, `Step timeline of the round (${ms(result.durationMs)} in all)`, { bold: true })];
  parts.push(
    ...horizontalAxis(
      ticks,
      x,
      { left: MARGIN.left, width: plotWidth, top: MARGIN.top, axisY, captionY: height - 4 },
      'ms since the round started',
    ),
  );
  rows.forEach((row, index) => {
    const y = MARGIN.top + index * ROW_PX + 4;
    parts.push(text(MARGIN.left - 6, y + 11, row.label, { anchor: 'end' }));
    for (const segment of row.segments) {
      const width = Math.max(1, x(segment.toMs) - x(segment.fromMs));
      parts.push(
        `<rect x="${x(segment.fromMs).toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="14" fill="${segment.color}"><title>${segment.title}</title></rect>`,
      );
    }
    const end = row.segments[row.segments.length - 1]?.toMs ?? 0;
    parts.push(text(x(end) + 4, y + 11, ms(row.durationMs)));
  });
  const label = `Step timeline: ${rows.map((row) => `${row.label} ${ms(row.durationMs)}`).join(', ')}`;
  return `<figure>${svgFrame({ width: WIDTH_PX, height, label, className: 'chart timeline-chart' }, parts.join(''))}</figure>`;
}
