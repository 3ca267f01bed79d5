/**
 * The pieces every chart of the HTML report shares: "nice" axis ticks, number labels with units,
 * and the SVG frame. Pure string building; no script, no external asset.
 */
import { escapeHtml } from './format';

/** Chart colours: measured figures blue, the configured limits red, failures red, passes green. */
export const COLORS = {
  bar: '#3b6ea5',
  measured: '#1d2733',
  limit: '#c0392b',
  pass: '#2e8b57',
  fail: '#c0392b',
  muted: '#9aa5b1',
  grid: '#e3e7ec',
  text: '#1d2733',
} as const;

/** Font size of axis labels, px: legible at the report's width without zooming. */
export const LABEL_PX = 11;

/** Up to `count` + 1 round tick values from 0 to at least `max` (1, 2, 2.5 or 5 × a power of ten apart). */
export function niceTicks(max: number, count = 4): number[] {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const raw = top / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let value = 0; value < top + step / 2 && ticks.length <= count + 1; value += step) ticks.push(round(value));
  if ((ticks[ticks.length - 1] ?? 0) < top) ticks.push(round(ticks.length * step));
  return ticks;
}

/** Powers of ten covering [min, max] for a logarithmic axis (bandwidth spans 1 to 10 000 Mbit/s). */
export function logTicks(min: number, max: number): number[] {
  const from = Math.floor(Math.log10(Math.max(min, 0.01)));
  const to = Math.ceil(Math.log10(Math.max(max, min * 10, 0.1)));
  const ticks: number[] = [];
  for (let exponent = from; exponent <= to && ticks.length < 12; exponent += 1) ticks.push(10 ** exponent);
  return ticks;
}

/** `0.5`, `12`, `1 200` — a tick label without trailing zeros. */
export function tickLabel(value: number): string {
  if (value >= 1000) return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return String(round(value));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A `<text>` element; `anchor` start, middle or end. */
export function text(x: number, y: number, content: string, options: { anchor?: string; color?: string; bold?: boolean } = {}): string {
  const weight = options.bold ? ' font-weight="600"' : '';
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${LABEL_PX}" text-anchor="${options.anchor ?? 'start'}" fill="${options.color ?? COLORS.text}"${weight}>${escapeHtml(content)}</text>`;
}

/** A straight line; `dashed` for measured marks, solid for limits. */
export function line(x1: number, y1: number, x2: number, y2: number, color: string, dashed = false): string {
  const dash = dashed ? ' stroke-dasharray="5 3"' : '';
  return `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${color}" stroke-width="1.5"${dash}/>`;
}

/** The `<svg>` element around `body`, with an accessible name and a `<title>`. */
export function svgFrame(options: { width: number; height: number; label: string; className: string }, body: string): string {
  const label = escapeHtml(options.label);
  return `<svg class="${options.className}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${options.width} ${options.height}" width="${options.width}" height="${options.height}" role="img" aria-label="${label}"><title>${label}</title>${body}</svg>`;
}

/**
 * A horizontal value axis under a chart's rows: a grid line and a label per tick, the axis line
 * from `left` over `width`, and the unit's caption centred below at `captionY`.
 */
export function horizontalAxis(
  ticks: readonly number[],
  x: (value: number) => number,
  frame: { readonly left: number; readonly width: number; readonly top: number; readonly axisY: number; readonly captionY: number },
  caption: string,
): string[] {
  const parts: string[] = [];
  for (const tick of ticks) {
    parts.push(
      line(x(tick), frame.top, x(tick), frame.axisY, COLORS.grid),
      text(x(tick), frame.axisY + 14, tickLabel(tick), { anchor: 'middle' }),
    );
  }
  parts.push(line(frame.left, frame.axisY, frame.left + frame.width, frame.axisY, COLORS.measured));
  parts.push(text(frame.left + frame.width / 2, frame.captionY, caption, { anchor: 'middle' }));
  return parts;
}
