/**
 * Regression check against a baseline (a previous `smoke --json` output): latency that got worse by
 * more than a percentage AND more than a floor in ms, or bandwidth that fell below the requirement it
 * met before. Both conditions for latency, because a 2 ms → 4 ms RTT is +100 % and means nothing,
 * while 400 ms → 430 ms is +30 ms and means nothing either. Pure: text in, comparisons out.
 */
import { describeValue } from '../config/validate';
import { browserOf, formatMbps, formatMs, resultLabel } from './lines';
import type { ProbeResult } from '../types';

/** A baseline file that cannot be used: the message names the file, the place and the fix. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

export interface BaselineOptions {
  /** Latency may grow by up to this many percent. @default 50 */
  readonly tolerancePct: number;
  /** ... and by up to this many ms, before it is a regression. @default 20 */
  readonly floorMs: number;
}

export const DEFAULT_BASELINE_OPTIONS: BaselineOptions = { tolerancePct: 50, floorMs: 20 };

/** The compared metrics: three latencies (worse = higher) and two bandwidths (gated by requirement). */
export const BASELINE_METRICS = ['websocket_rtt_p95', 'http_rtt_p95', 'login_ttfb', 'download', 'upload'] as const;
export type BaselineMetric = (typeof BASELINE_METRICS)[number];

const METRIC_LABELS: Record<BaselineMetric, string> = {
  websocket_rtt_p95: 'WebSocket RTT p95',
  http_rtt_p95: 'HTTP RTT p95',
  login_ttfb: 'login TTFB',
  download: 'download bandwidth',
  upload: 'upload bandwidth',
};

/** The figures of one target at one location in one browser that a baseline compares. */
export interface BaselineEntry {
  readonly target: string;
  readonly location: string;
  /** The round's browser; absent in results from before browsers were configurable (Chromium). */
  readonly browser?: string;
  readonly values: Partial<Record<BaselineMetric, number>>;
  /** Required Mbit/s per bandwidth direction, from the round's config. */
  readonly requiredMbps: Partial<Record<'download' | 'upload', number>>;
}

export type ComparisonStatus = 'ok' | 'regressed' | 'missing';

export interface MetricComparison {
  readonly target: string;
  readonly location: string;
  readonly browser?: string;
  readonly metric: BaselineMetric;
  readonly label: string;
  readonly oldValue?: number;
  readonly newValue?: number;
  readonly status: ComparisonStatus;
  /** `3.1 ms → 40 ms (+1190 %, +37 ms; allowed +50 % or +20 ms)`. */
  readonly detail: string;
}

export interface BaselineComparison {
  readonly options: BaselineOptions;
  readonly comparisons: readonly MetricComparison[];
  /** Targets of this run without a baseline entry (reported, not a failure). */
  readonly unmatched: readonly string[];
}

/** The compared figures of one ProbeResult (non-finite figures count as not measured). */
export function baselineEntryOf(result: ProbeResult): BaselineEntry {
  const { values, requiredMbps } = figuresOf(result as unknown as Record<string, unknown>, 'result', []);
  return {
    target: result.target,
    location: result.location,
    ...(result.browser ? { browser: result.browser.name } : {}),
    values,
    requiredMbps,
  };
}

function dropUndefined<K extends string>(record: Partial<Record<K, number | undefined>>): Partial<Record<K, number>> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<Record<K, number>>;
}

/** Compares every current result with the baseline entry of the same target, location and browser. */
export function compareWithBaseline(
  baseline: readonly BaselineEntry[],
  current: readonly ProbeResult[],
  options: BaselineOptions = DEFAULT_BASELINE_OPTIONS,
): BaselineComparison {
  const comparisons: MetricComparison[] = [];
  const unmatched: string[] = [];
  for (const result of current) {
    const now = baselineEntryOf(result);
    const before = findEntry(baseline, now);
    if (!before) {
      unmatched.push(resultLabel(now));
      continue;
    }
    for (const metric of BASELINE_METRICS) comparisons.push(compareMetric(metric, before, now, options));
  }
  return { options, comparisons, unmatched };
}

/**
 * Same target, location and browser; else the same target and browser anywhere (a local baseline for a
 * remote run). Never another browser: Firefox's figures are no baseline for Chromium's.
 */
function findEntry(baseline: readonly BaselineEntry[], now: BaselineEntry): BaselineEntry | undefined {
  const sameBrowser = baseline.filter((entry) => entry.target === now.target && browserOf(entry) === browserOf(now));
  return sameBrowser.find((entry) => entry.location === now.location) ?? sameBrowser[0];
}

function compareMetric(metric: BaselineMetric, before: BaselineEntry, now: BaselineEntry, options: BaselineOptions): MetricComparison {
  const oldValue = before.values[metric];
  const newValue = now.values[metric];
  const base = {
    target: now.target,
    location: now.location,
    ...(now.browser ? { browser: now.browser } : {}),
    metric,
    label: METRIC_LABELS[metric],
    oldValue,
    newValue,
  };
  const format = metric === 'download' || metric === 'upload' ? formatMbps : formatMs;
  if (oldValue === undefined || newValue === undefined) {
    const side =
      oldValue === undefined && newValue === undefined ? 'in either run' : oldValue === undefined ? 'in the baseline' : 'in this run';
    const shown = `${oldValue === undefined ? '—' : format(oldValue)} → ${newValue === undefined ? '—' : format(newValue)}`;
    return { ...base, status: 'missing', detail: `${shown} (not measured ${side}; not compared)` };
  }
  if (metric === 'download' || metric === 'upload') {
    const required = now.requiredMbps[metric] ?? before.requiredMbps[metric];
    const dropped = required !== undefined && newValue < required && oldValue >= required;
    const requirement = required === undefined ? 'no requirement known' : `requires ≥ ${formatMbps(required)}`;
    return { ...base, status: dropped ? 'regressed' : 'ok', detail: `${format(oldValue)} → ${format(newValue)} (${requirement})` };
  }
  const deltaMs = newValue - oldValue;
  const pct = oldValue > 0 ? (deltaMs / oldValue) * 100 : deltaMs > 0 ? Number.POSITIVE_INFINITY : 0;
  const regressed = deltaMs > options.floorMs && pct > options.tolerancePct;
  const pctText = Number.isFinite(pct) ? `${pct >= 0 ? '+' : ''}${Math.round(pct)} %` : 'from 0';
  const deltaText = `${deltaMs >= 0 ? '+' : '−'}${formatMs(Math.abs(deltaMs))}`;
  const allowed = `allowed +${options.tolerancePct} % or +${options.floorMs} ms`;
  return {
    ...base,
    status: regressed ? 'regressed' : 'ok',
    detail: `${format(oldValue)} → ${format(newValue)} (${pctText}, ${deltaText}; ${allowed})`,
  };
}

/** `reference / WebSocket RTT p95: 3.1 ms → 4.0 ms (+29 %, +0.9 ms; …) ok`, for printing old vs new. */
export function comparisonLine(comparison: MetricComparison): string {
  const word = comparison.status === 'regressed' ? 'REGRESSED' : comparison.status === 'missing' ? 'MISSING' : 'ok';
  return `${resultLabel(comparison)} / ${comparison.label}: ${comparison.detail} ${word}`;
}

const BASELINE_FIX = 'Pass a file written by "autocrm-synthetics smoke --json FILE" (or a run\'s report.json).';

/** Where each compared figure sits in a ProbeResult, as a key path. */
const VALUE_PATHS: Record<BaselineMetric | 'minDownload' | 'minUpload', readonly string[]> = {
  websocket_rtt_p95: ['websocket', 'rttMs', 'p95'],
  http_rtt_p95: ['http', 'rttMs', 'p95'],
  login_ttfb: ['loginPage', 'ttfbMs'],
  download: ['bandwidth', 'downloadMbps'],
  upload: ['bandwidth', 'uploadMbps'],
  minDownload: ['bandwidth', 'minDownloadMbps'],
  minUpload: ['bandwidth', 'minUploadMbps'],
};

/**
 * Reads a baseline file's text: a `smoke --json` output (`{ results: [...] }`) or a bare array of
 * ProbeResults. Throws a `BaselineError` listing every problem with its path; absent figures are
 * fine (reported as missing when compared), figures of the wrong type are not.
 */
export function parseBaseline(text: string, source: string): BaselineEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(
      `not a JSON file: baseline ${source} (${error instanceof Error ? error.message : String(error)}). ${BASELINE_FIX}`,
    );
  }
  const results = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.results) ? raw.results : undefined;
  if (!results) {
    throw new BaselineError(`baseline ${source}: expected an object with a "results" array, got ${describeValue(raw)}. ${BASELINE_FIX}`);
  }
  if (results.length === 0) throw new BaselineError(`baseline ${source}: "results" is empty, nothing to compare with. ${BASELINE_FIX}`);
  const problems: string[] = [];
  const entries = results.map((item: unknown, index) => readEntry(item, `results[${index}]`, problems));
  if (problems.length > 0) throw new BaselineError(`baseline ${source}: ${problems.join('; ')}. ${BASELINE_FIX}`);
  return entries.filter((entry): entry is BaselineEntry => entry !== undefined);
}

function readEntry(item: unknown, path: string, problems: string[]): BaselineEntry | undefined {
  if (!isRecord(item)) {
    problems.push(`${path}: must be a ProbeResult object, got ${describeValue(item)}`);
    return undefined;
  }
  const target = item.target;
  const location = item.location;
  if (typeof target !== 'string' || target === '')
    problems.push(`${path}.target: must be a non-empty string, got ${describeValue(target)}`);
  if (typeof location !== 'string' || location === '')
    problems.push(`${path}.location: must be a non-empty string, got ${describeValue(location)}`);
  const figures = figuresOf(item, path, problems);
  if (typeof target !== 'string' || typeof location !== 'string') return undefined;
  const browser = isRecord(item.browser) && typeof item.browser.name === 'string' ? item.browser.name : undefined;
  return { target, location, ...(browser ? { browser } : {}), ...figures };
}

/** The compared figures of a ProbeResult-shaped record, read at VALUE_PATHS; wrong types go to `problems`. */
function figuresOf(item: Record<string, unknown>, path: string, problems: string[]): Pick<BaselineEntry, 'values' | 'requiredMbps'> {
  const read = (key: keyof typeof VALUE_PATHS): number | undefined => readNumber(item, VALUE_PATHS[key], path, problems);
  const values = Object.fromEntries(BASELINE_METRICS.map((metric) => [metric, read(metric)]));
  const requiredMbps = { download: read('minDownload'), upload: read('minUpload') };
  return { values: dropUndefined(values), requiredMbps: dropUndefined(requiredMbps) };
}

function readNumber(root: Record<string, unknown>, keys: readonly string[], path: string, problems: string[]): number | undefined {
  let current: unknown = root;
  let currentPath = path;
  for (const key of keys) {
    if (current === undefined || current === null) return undefined;
    if (!isRecord(current)) {
      problems.push(`${currentPath}: must be an object, got ${describeValue(current)}`);
      return undefined;
    }
    current = current[key];
    currentPath = `${currentPath}.${key}`;
  }
  if (current === undefined || current === null) return undefined;
  if (typeof current === 'number' && Number.isFinite(current)) return current;
  problems.push(`${currentPath}: must be a number, got ${describeValue(current)}`);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
