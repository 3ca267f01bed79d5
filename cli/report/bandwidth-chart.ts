/**
 * The bandwidth chart: download and upload goodput as horizontal bars on a logarithmic Mbit/s axis
 * (a DSL line of 1 Mbit/s and a data-centre link of 3 000 Mbit/s fit on one chart), each with its
 * requirement drawn as a red line (DSL-16000: 16 Mbit/s down, 1 Mbit/s up, or as configured).
 */
import type { BandwidthMeasurement } from '../../lambdas/core/types';
import { mbps } from './format';
import { COLORS, horizontalAxis, line, logTicks, svgFrame, text, tickLabel } from './svg-axes';

const WIDTH_PX = 560;
const ROW_PX = 46;
const MARGIN = { left: 86, right: 24, top: 28, bottom: 36 } as const;
/** Room a value label needs right of its bar (`1276 Mbit/s`). */
const LABEL_ROOM_PX = 84;

interface Row {
  readonly name: string;
  readonly mbps: number | undefined;
  readonly requiredMbps: number;
}

/** The `<figure>` with the chart, or an empty string when neither direction was measured. */
export function bandwidthChartSvg(bandwidth: BandwidthMeasurement): string {
  const rows: Row[] = [
    { name: 'download', mbps: finite(bandwidth.downloadMbps), requiredMbps: bandwidth.minDownloadMbps },
    { name: 'upload', mbps: finite(bandwidth.uploadMbps), requiredMbps: bandwidth.minUploadMbps },
  ];
  if (rows.every((row) => row.mbps === undefined)) return '';
  const figures = rows.flatMap((row) => [row.mbps ?? row.requiredMbps, row.requiredMbps]).filter((value) => value > 0);
  const ticks = logTicks(Math.min(...figures) / 2, Math.max(...figures) * 1.5);
  const low = ticks[0] ?? 0.1;
  const high = ticks[ticks.length - 1] ?? 10_000;
  const plotWidth = WIDTH_PX - MARGIN.left - MARGIN.right;
  const height = MARGIN.top + rows.length * ROW_PX + MARGIN.bottom;
  const x = (mbps: number): number =>
    MARGIN.left + (plotWidth * (Math.log10(Math.max(mbps, low)) - Math.log10(low))) / (Math.log10(high) - Math.log10(low));
  const axisY = MARGIN.top + rows.length * ROW_PX;
  const parts = [text(MARGIN.left, 14, 'Bandwidth (goodput), Mbit/s, logarithmic scale', { bold: true })];
  parts.push(...horizontalAxis(ticks, x, { left: MARGIN.left, width: plotWidth, top: MARGIN.top, axisY, captionY: height - 4 }, 'Mbit/s'));
  rows.forEach((row, index) => {
    const top = MARGIN.top + index * ROW_PX + 8;
    parts.push(text(MARGIN.left - 8, top + 16, row.name, { anchor: 'end', bold: true }));
    if (row.mbps === undefined) {
      parts.push(text(MARGIN.left + 6, top + 16, 'not measured', { color: COLORS.muted }));
    } else {
      const meets = row.mbps >= row.requiredMbps;
      parts.push(
        `<rect x="${MARGIN.left}" y="${top}" width="${Math.max(1, x(row.mbps) - MARGIN.left).toFixed(1)}" height="22" fill="${meets ? COLORS.bar : COLORS.fail}"/>`,
        valueLabel(x(row.mbps), top + 15, mbps(row.mbps)),
      );
    }
    parts.push(line(x(row.requiredMbps), top - 4, x(row.requiredMbps), top + 26, COLORS.limit));
    parts.push(text(x(row.requiredMbps) + 3, top + 36, `${tickLabel(row.requiredMbps)} Mbit/s required`, { color: COLORS.limit }));
  });
  const label = `Bandwidth: download ${rows[0]?.mbps ?? 'not measured'} Mbit/s (required ${bandwidth.minDownloadMbps}), upload ${rows[1]?.mbps ?? 'not measured'} Mbit/s (required ${bandwidth.minUploadMbps})`;
  return `<figure>${svgFrame({ width: WIDTH_PX, height, label, className: 'chart bandwidth-chart' }, parts.join(''))}</figure>`;
}

/** The figure right of its bar's end, or inside the bar (white, right-aligned) when the bar reaches the edge. */
function valueLabel(barEnd: number, y: number, label: string): string {
  const inside = barEnd + LABEL_ROOM_PX > WIDTH_PX - MARGIN.right;
  return inside ? text(barEnd - 4, y, label, { anchor: 'end', color: '#ffffff', bold: true }) : text(barEnd + 4, y, label);
}

function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}
