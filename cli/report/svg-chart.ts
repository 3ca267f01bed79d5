/**
 * A tiny inline SVG bar chart of RTT samples (one bar per sample, in order), so a reader sees
 * spikes and loss patterns without any script or external asset.
 */
import { escapeHtml } from './format';

const WIDTH_PX = 480;
const HEIGHT_PX = 120;
const PADDING_PX = 20;

/** `<figure>` with an SVG of `samples` (ms), or an empty string when there are none. */
export function rttChartSvg(title: string, samples: readonly number[]): string {
  const values = samples.filter((value) => Number.isFinite(value) && value >= 0);
  if (values.length === 0) return '';
  const maxMs = Math.max(...values, 0.001);
  const slot = (WIDTH_PX - 2 * PADDING_PX) / values.length;
  const bars = values
    .map((value, index) => {
      const height = ((HEIGHT_PX - 2 * PADDING_PX) * value) / maxMs;
      const x = PADDING_PX + index * slot;
      const y = HEIGHT_PX - PADDING_PX - height;
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, slot - 2).toFixed(1)}" height="${height.toFixed(1)}" fill="#3b6ea5"><title>${value} ms</title></rect>`;
    })
    .join('');
  const label = `<text x="${PADDING_PX}" y="14" font-size="12">${escapeHtml(title)}: ${values.length} samples, max ${round(maxMs)} ms</text>`;
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH_PX}" height="${HEIGHT_PX}" role="img" aria-label="${escapeHtml(title)}">${label}${bars}</svg></figure>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
