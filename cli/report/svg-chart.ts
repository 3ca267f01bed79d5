/**
 * The RTT chart of the HTML report: one bar per sample in the order taken (spikes and loss patterns
 * show), a y axis in ms with gridlines, the measured p95 as a dashed line and the configured p95
 * limit as a red line, each labelled. A limit far above every sample is named on the title line
 * instead of squashing the bars to nothing.
 */
import { ms } from './format';
import { COLORS, line, niceTicks, svgFrame, text, tickLabel } from './svg-axes';

const WIDTH_PX = 560;
const HEIGHT_PX = 210;
const MARGIN = { left: 52, right: 118, top: 26, bottom: 34 } as const;
/** A limit more than this many times the largest sample is named, not drawn to scale. */
const MAX_LIMIT_STRETCH = 4;

/** What one RTT chart shows. */
export interface SamplesChart {
  /** `WebSocket echo RTT`, `HTTP RTT`. */
  readonly title: string;
  /** What one sample is, for the x axis: `echo`, `request`. */
  readonly sampleName: string;
  readonly samplesMs: readonly number[];
  readonly p95Ms?: number;
  /** The configured p95 limit (`thresholds.*RttP95Ms`), when there is one. */
  readonly limitMs?: number;
}

/** The `<figure>` with the chart, or an empty string when there are no samples. */
export function samplesChartSvg(chart: SamplesChart): string {
  const values = chart.samplesMs.filter((value) => Number.isFinite(value) && value >= 0);
  if (values.length === 0) return '';
  const dataMax = Math.max(...values, chart.p95Ms ?? 0, 0.001);
  const limitOnScale = chart.limitMs !== undefined && chart.limitMs <= dataMax * MAX_LIMIT_STRETCH;
  const ticks = niceTicks(limitOnScale ? Math.max(dataMax, chart.limitMs ?? 0) : dataMax);
  const top = ticks[ticks.length - 1] ?? dataMax;
  const plotWidth = WIDTH_PX - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT_PX - MARGIN.top - MARGIN.bottom;
  const y = (value: number): number => MARGIN.top + plotHeight * (1 - Math.min(value, top) / top);
  const right = MARGIN.left + plotWidth;
  const parts = [text(MARGIN.left, 14, `${chart.title}: ${values.length} ${chart.sampleName}s, ms`, { bold: true })];
  for (const tick of ticks) {
    parts.push(
      line(MARGIN.left, y(tick), right, y(tick), COLORS.grid),
      text(MARGIN.left - 6, y(tick) + 4, `${tickLabel(tick)} ms`, { anchor: 'end' }),
    );
  }
  const slot = plotWidth / values.length;
  values.forEach((value, index) => {
    const x = MARGIN.left + index * slot + Math.min(1, slot * 0.1);
    const height = Math.max(0.5, y(0) - y(value));
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${(y(0) - height).toFixed(1)}" width="${Math.max(1, slot - 2).toFixed(1)}" height="${height.toFixed(1)}" fill="${COLORS.bar}"><title>${chart.sampleName} ${index + 1}: ${tickLabel(value)} ms</title></rect>`,
    );
  });
  parts.push(line(MARGIN.left, y(0), right, y(0), COLORS.measured), line(MARGIN.left, MARGIN.top, MARGIN.left, y(0), COLORS.measured));
  for (const index of xTickIndexes(values.length)) {
    parts.push(text(MARGIN.left + (index - 0.5) * slot, y(0) + 14, String(index), { anchor: 'middle' }));
  }
  parts.push(text(MARGIN.left + plotWidth / 2, HEIGHT_PX - 4, `${chart.sampleName} # (in the order sent)`, { anchor: 'middle' }));
  if (chart.p95Ms !== undefined) {
    parts.push(line(MARGIN.left, y(chart.p95Ms), right, y(chart.p95Ms), COLORS.measured, true));
    parts.push(text(right + 4, y(chart.p95Ms) + 4, `p95 ${ms(chart.p95Ms)}`));
  }
  if (chart.limitMs !== undefined && limitOnScale) {
    parts.push(line(MARGIN.left, y(chart.limitMs), right, y(chart.limitMs), COLORS.limit));
    parts.push(text(right + 4, y(chart.limitMs) - 4, `limit p95 ${tickLabel(chart.limitMs)} ms`, { color: COLORS.limit }));
  } else if (chart.limitMs !== undefined) {
    // On the title line, right-aligned: beside the plot it would collide with the p95 label of samples near the top.
    parts.push(
      text(WIDTH_PX - 2, 14, `limit p95 ${tickLabel(chart.limitMs)} ms (above the scale)`, { anchor: 'end', color: COLORS.limit }),
    );
  }
  const label = `${chart.title}, ${values.length} samples${chart.limitMs === undefined ? '' : `, p95 limit ${chart.limitMs} ms`}`;
  return `<figure>${svgFrame({ width: WIDTH_PX, height: HEIGHT_PX, label, className: 'chart rtt-chart' }, parts.join(''))}</figure>`;
}

/** About six sample numbers under the x axis: the first, the last and round steps between. */
function xTickIndexes(count: number): number[] {
  const step = Math.max(1, Math.ceil(count / 6));
  const indexes = [1];
  for (let index = step; index < count; index += step) if (index > 1) indexes.push(index);
  if (count > 1 && indexes[indexes.length - 1] !== count) indexes.push(count);
  return indexes;
}
