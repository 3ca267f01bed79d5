import { describe, expect, it } from 'vitest';
import {
  BaselineError,
  baselineEntryOf,
  comparisonLine,
  compareWithBaseline,
  parseBaseline,
  type MetricComparison,
} from '../../lambdas/core/gate/baseline';
import type { ProbeResult } from '../../lambdas/core/types';
import { bandwidthDegradedResult, distribution, httpStatusFailedResult, passingResult } from '../smoke/probe-result-fixture';

function withWebSocketP95(p95: number): ProbeResult {
  return passingResult({ websocket: { url: 'ws://x/ws', sent: 20, lost: 0, rttMs: distribution(p95 / 2, p95) } });
}

function comparisonOf(comparisons: readonly MetricComparison[], metric: string): MetricComparison | undefined {
  return comparisons.find((comparison) => comparison.metric === metric);
}

describe('compareWithBaseline', () => {
  it('detects a latency that grew beyond both the percentage and the floor', () => {
    // Prepare
    const before = [baselineEntryOf(withWebSocketP95(40))];
    // Act
    const { comparisons } = compareWithBaseline(before, [withWebSocketP95(100)]);
    // Assess
    const ws = comparisonOf(comparisons, 'websocket_rtt_p95');
    expect(ws?.status).toBe('regressed');
    expect(ws && comparisonLine(ws)).toBe(
      'reference / WebSocket RTT p95: 40 ms → 100 ms (+150 %, +60 ms; allowed +50 % or +20 ms) REGRESSED',
    );
  });

  it('treats a non-finite figure as not measured: NaN is never compared or printed', () => {
    // Prepare
    const before = [baselineEntryOf(withWebSocketP95(40))];
    // Act
    const { comparisons } = compareWithBaseline(before, [withWebSocketP95(Number.NaN)]);
    // Assess
    const ws = comparisonOf(comparisons, 'websocket_rtt_p95');
    expect(ws?.status).toBe('missing');
    expect(ws?.newValue).toBeUndefined();
    expect(ws?.detail).not.toMatch(/NaN/);
  });

  it('tolerates a small change', () => {
    // Prepare
    const before = [baselineEntryOf(withWebSocketP95(40))];
    // Act
    const { comparisons } = compareWithBaseline(before, [withWebSocketP95(55)]);
    // Assess
    expect(comparisons.every((comparison) => comparison.status === 'ok')).toBe(true);
    expect(comparisonOf(comparisons, 'websocket_rtt_p95')?.detail).toBe('40 ms → 55 ms (+38 %, +15 ms; allowed +50 % or +20 ms)');
  });

  it('respects the floor: a doubling of a tiny latency is no regression', () => {
    // Prepare
    const before = [baselineEntryOf(withWebSocketP95(2))];
    // Act
    const { comparisons } = compareWithBaseline(before, [withWebSocketP95(12)]);
    // Assess
    expect(comparisonOf(comparisons, 'websocket_rtt_p95')?.status).toBe('ok');
  });

  it('uses the configured tolerance and floor', () => {
    // Prepare
    const before = [baselineEntryOf(withWebSocketP95(2))];
    // Act
    const { comparisons } = compareWithBaseline(before, [withWebSocketP95(12)], { tolerancePct: 100, floorMs: 5 });
    // Assess
    expect(comparisonOf(comparisons, 'websocket_rtt_p95')?.status).toBe('regressed');
  });

  it('fails when bandwidth drops below the requirement it met before', () => {
    // Prepare
    const before = [baselineEntryOf(passingResult())];
    // Act
    const { comparisons } = compareWithBaseline(before, [bandwidthDegradedResult()]);
    // Assess
    expect(comparisonOf(comparisons, 'download')).toMatchObject({
      status: 'regressed',
      detail: '400 Mbit/s → 3.9 Mbit/s (requires ≥ 16 Mbit/s)',
    });
    expect(comparisonOf(comparisons, 'upload')?.status).toBe('ok');
  });

  it('does not count a bandwidth drop that stays above the requirement', () => {
    // Prepare
    const before = [baselineEntryOf(passingResult())];
    const slower = passingResult({ bandwidth: { ...passingResult().bandwidth!, downloadMbps: 20 } });
    // Act
    const { comparisons } = compareWithBaseline(before, [slower]);
    // Assess
    expect(comparisonOf(comparisons, 'download')?.status).toBe('ok');
  });

  it('reports a metric missing on either side instead of comparing or crashing', () => {
    // Prepare
    const before = [baselineEntryOf(passingResult())];
    // Act
    const { comparisons } = compareWithBaseline(before, [httpStatusFailedResult()]);
    // Assess
    const ws = comparisonOf(comparisons, 'websocket_rtt_p95');
    expect(ws?.status).toBe('missing');
    expect(ws?.detail).toBe('2.0 ms → — (not measured in this run; not compared)');
    expect(comparisonOf(comparisons, 'login_ttfb')?.status).toBe('ok');
  });

  it('lists targets that have no baseline entry', () => {
    // Prepare
    const before = [baselineEntryOf(passingResult())];
    // Act
    const comparison = compareWithBaseline(before, [passingResult({ target: 'new-one', location: 'eu-west-1' })]);
    // Assess
    expect(comparison.unmatched).toEqual(['new-one @ eu-west-1']);
    expect(comparison.comparisons).toEqual([]);
  });
});

describe('parseBaseline', () => {
  it('reads a smoke --json output and a bare array of results', () => {
    // Prepare
    const results = [passingResult()];
    // Act
    const fromReport = parseBaseline(JSON.stringify({ gate: { exitCode: 0 }, results }), 'old.json');
    const fromArray = parseBaseline(JSON.stringify(results), 'old.json');
    // Assess
    expect(fromReport).toEqual([baselineEntryOf(passingResult())]);
    expect(fromArray).toEqual(fromReport);
  });

  it.each([
    ['not JSON', '{"results": [', /not a JSON file: baseline old\.json/],
    ['no results array', '{"gate": {}}', /expected an object with a "results" array, got an object/],
    ['empty results', '{"results": []}', /"results" is empty/],
    ['a result without target', '{"results": [{"location": "local"}]}', /results\[0\]\.target: must be a non-empty string, got undefined/],
    [
      'a figure of the wrong type',
      '{"results": [{"target": "a", "location": "local", "websocket": {"rttMs": {"p95": "fast"}}}]}',
      /results\[0\]\.websocket\.rttMs\.p95: must be a number, got "fast"/,
    ],
  ])('rejects %s with a clear BaselineError', (_name, text, message) => {
    // Act
    const parse = () => parseBaseline(text, 'old.json');
    // Assess
    expect(parse).toThrow(BaselineError);
    expect(parse).toThrow(message);
    expect(parse).toThrow(/smoke --json FILE/);
  });
});
