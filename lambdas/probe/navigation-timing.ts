/**
 * Navigation Timing → login page phases (DESIGN.md, Measurement method). A phase whose inputs are
 * missing, zero where a time must be, or inverted is absent, never NaN or negative.
 */
import type { LoginPageResult } from '../core/types';

/** The PerformanceNavigationTiming fields the phases are computed from (ms since navigation start). */
export interface RawNavigationTiming {
  readonly domainLookupStart: number;
  readonly domainLookupEnd: number;
  readonly connectStart: number;
  readonly secureConnectionStart: number;
  readonly connectEnd: number;
  readonly requestStart: number;
  readonly responseStart: number;
  readonly responseEnd: number;
  readonly domContentLoadedEventEnd: number;
  readonly loadEventEnd: number;
}

type Phases = Pick<LoginPageResult, 'dnsMs' | 'connectMs' | 'tlsMs' | 'ttfbMs' | 'downloadMs' | 'domContentLoadedMs' | 'loadMs'>;

/** DNS, TCP, TLS, TTFB, download, DOMContentLoaded and load of the document, rounded to 0.1 ms. */
export function navigationPhases(timing: RawNavigationTiming | null): Phases {
  if (!timing) return {};
  const t = timing;
  const tcpEnd = t.secureConnectionStart > 0 ? t.secureConnectionStart : t.connectEnd;
  const phases: Phases = {
    dnsMs: span(t.domainLookupStart, t.domainLookupEnd),
    connectMs: span(t.connectStart, tcpEnd),
    tlsMs: t.secureConnectionStart > 0 ? span(t.secureConnectionStart, t.connectEnd) : undefined,
    ttfbMs: span(t.requestStart, t.responseStart),
    downloadMs: span(t.responseStart, t.responseEnd),
    // relative to the navigation start (0); 0 means the event has not finished
    domContentLoadedMs: t.domContentLoadedEventEnd > 0 ? round(t.domContentLoadedEventEnd) : undefined,
    loadMs: t.loadEventEnd > 0 ? round(t.loadEventEnd) : undefined,
  };
  return Object.fromEntries(Object.entries(phases).filter(([, value]) => value !== undefined)) as Phases;
}

/** end - start when both are real timestamps in order, else undefined. */
function span(start: number, end: number): number | undefined {
  if (!Number.isFinite(start) || !Number.isFinite(end) || start <= 0 || end < start) return undefined;
  return round(end - start);
}

function round(ms: number): number | undefined {
  return Number.isFinite(ms) ? Math.round(ms * 10) / 10 : undefined;
}
