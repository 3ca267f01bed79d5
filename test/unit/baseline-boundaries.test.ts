/**
 * The baseline comparison at its boundaries, word for word: which entry a result is compared with,
 * latency exactly at the floor or the tolerance, a figure from 0, bandwidth exactly at its
 * requirement, missing figures on either side, and every way a baseline file can be unusable.
 * Found by mutation testing lambdas/core/gate/baseline.ts (65 %).
 */
import { describe, expect, it } from 'vitest';
import {
  BaselineError,
  comparisonLine,
  compareWithBaseline,
  parseBaseline,
  type BaselineEntry,
  type BaselineMetric,
} from '../../lambdas/core/gate/baseline';
import type { ProbeResult } from '../../lambdas/core/types';
import { distribution, passingResult } from '../smoke/probe-result-fixture';

const entry = (target: string, location: string, values: BaselineEntry['values'], requiredMbps: BaselineEntry['requiredMbps'] = {}) => ({
  target,
  location,
  values,
  requiredMbps,
});

/** A healthy round whose WebSocket RTT p95 is `p95` (other figures as the fixture's). */
function withWebSocketP95(p95: number | undefined, overrides: Partial<ProbeResult> = {}): ProbeResult {
  const rttMs = p95 === undefined ? undefined : distribution(p95 / 2, p95);
  return passingResult({ websocket: { url: 'ws://x/ws', sent: 20, lost: 0, rttMs }, ...overrides });
}

/** The one comparison of `metric` between a baseline entry and a current round. */
function compared(before: BaselineEntry, now: ProbeResult, metric: BaselineMetric) {
  const { comparisons } = compareWithBaseline([before], [now]);
  return comparisons.find((comparison) => comparison.metric === metric);
}

describe('compareWithBaseline, which entry', () => {
  it('takes the same target at the same location first, else the same target anywhere, never another target', () => {
    // Prepare: the entry of another location comes first in the file
    const baseline = [
      entry('reference', 'eu-west-1', { websocket_rtt_p95: 10 }),
      entry('reference', 'local', { websocket_rtt_p95: 20 }),
      entry('other', 'us-east-1', { websocket_rtt_p95: 30 }),
    ];
    // Act
    const { comparisons, unmatched } = compareWithBaseline(baseline, [
      withWebSocketP95(2),
      withWebSocketP95(2, { location: 'us-east-1' }),
      withWebSocketP95(2, { target: 'third' }),
    ]);
    // Assess
    const ws = comparisons.filter((comparison) => comparison.metric === 'websocket_rtt_p95');
    expect(ws.map((comparison) => [comparison.location, comparison.oldValue])).toEqual([
      ['local', 20],
      ['us-east-1', 10],
    ]);
    expect(unmatched).toEqual(['third']);
  });
});

describe('compareWithBaseline, latency', () => {
  it.each([
    // [old, new, status, detail]: a regression needs more than the floor (20 ms) AND more than the tolerance (50 %)
    [10, 30, 'ok', '10 ms → 30 ms (+200 %, +20 ms; allowed +50 % or +20 ms)'],
    [10, 30.5, 'regressed', '10 ms → 31 ms (+205 %, +21 ms; allowed +50 % or +20 ms)'],
    [100, 150, 'ok', '100 ms → 150 ms (+50 %, +50 ms; allowed +50 % or +20 ms)'],
    [100, 151, 'regressed', '100 ms → 151 ms (+51 %, +51 ms; allowed +50 % or +20 ms)'],
    [100, 80, 'ok', '100 ms → 80 ms (-20 %, −20 ms; allowed +50 % or +20 ms)'],
    [5, 5, 'ok', '5.0 ms → 5.0 ms (+0 %, +0.0 ms; allowed +50 % or +20 ms)'],
    [0, 25, 'regressed', '0.0 ms → 25 ms (from 0, +25 ms; allowed +50 % or +20 ms)'],
    [0, 0, 'ok', '0.0 ms → 0.0 ms (+0 %, +0.0 ms; allowed +50 % or +20 ms)'],
  ] as const)('%s ms → %s ms is %s', (oldMs, newMs, status, detail) => {
    // Act
    const comparison = compared(entry('reference', 'local', { websocket_rtt_p95: oldMs }), withWebSocketP95(newMs), 'websocket_rtt_p95');
    // Assess
    expect(comparison).toMatchObject({ status, detail, oldValue: oldMs, newValue: newMs, label: 'WebSocket RTT p95' });
  });

  it('reports a figure missing on either side, in its unit, without comparing', () => {
    // Prepare
    const before = entry('reference', 'local', { websocket_rtt_p95: 12, upload: 3.5 });
    const now = withWebSocketP95(undefined, { bandwidth: { ...passingResult().bandwidth!, downloadMbps: undefined } });
    // Act
    const { comparisons } = compareWithBaseline([before], [now]);
    // Assess
    const detailOf = (metric: BaselineMetric) => comparisons.find((comparison) => comparison.metric === metric)?.detail;
    expect(comparisons.every((comparison) => comparison.status === 'missing' || comparison.metric === 'upload')).toBe(true);
    expect(detailOf('websocket_rtt_p95')).toBe('12 ms → — (not measured in this run; not compared)');
    expect(detailOf('http_rtt_p95')).toBe('— → 3.0 ms (not measured in the baseline; not compared)');
    expect(detailOf('download')).toBe('— → — (not measured in either run; not compared)');
    expect(detailOf('upload')).toBe('3.5 Mbit/s → 300 Mbit/s (requires ≥ 1.0 Mbit/s)');
  });
});

describe('compareWithBaseline, bandwidth', () => {
  it.each([
    // [old, new, status]: a regression is falling below the requirement (16) that was met before
    [20, 16, 'ok'],
    [20, 15.9, 'regressed'],
    [16, 15.9, 'regressed'],
    [15.9, 10, 'ok'],
  ] as const)('download %s → %s Mbit/s against 16 required is %s', (oldMbps, newMbps, status) => {
    // Prepare
    const now = passingResult({ bandwidth: { ...passingResult().bandwidth!, downloadMbps: newMbps } });
    // Act
    const comparison = compared(entry('reference', 'local', { download: oldMbps }, { download: 16 }), now, 'download');
    // Assess
    expect(comparison?.status).toBe(status);
  });

  it("takes this run's requirement over the baseline's, the baseline's when this run has none, and says when neither knows one", () => {
    // Prepare: the baseline required 20, this run requires 16
    const before = entry('reference', 'local', { download: 25 }, { download: 20 });
    const now = passingResult({ bandwidth: { ...passingResult().bandwidth!, downloadMbps: 18 } });
    const withoutRequirement = { ...now, bandwidth: { ...now.bandwidth!, minDownloadMbps: undefined } } as unknown as ProbeResult;
    // Act + Assess
    expect(compared(before, now, 'download')).toMatchObject({ status: 'ok', detail: '25 Mbit/s → 18 Mbit/s (requires ≥ 16 Mbit/s)' });
    expect(compared(before, withoutRequirement, 'download')).toMatchObject({
      status: 'regressed',
      detail: '25 Mbit/s → 18 Mbit/s (requires ≥ 20 Mbit/s)',
    });
    expect(compared(entry('reference', 'local', { download: 25 }), withoutRequirement, 'download')).toMatchObject({
      status: 'ok',
      detail: '25 Mbit/s → 18 Mbit/s (no requirement known)',
    });
  });
});

describe('comparisonLine', () => {
  it('ends in REGRESSED, MISSING or ok', () => {
    // Prepare
    const { comparisons } = compareWithBaseline(
      [entry('reference', 'eu-west-1', { websocket_rtt_p95: 1, login_ttfb: 4 })],
      [withWebSocketP95(100, { location: 'eu-west-1' })],
    );
    // Act
    const lines = comparisons.map(comparisonLine);
    // Assess
    expect(lines.slice(0, 3)).toEqual([
      'reference @ eu-west-1 / WebSocket RTT p95: 1.0 ms → 100 ms (+9900 %, +99 ms; allowed +50 % or +20 ms) REGRESSED',
      'reference @ eu-west-1 / HTTP RTT p95: — → 3.0 ms (not measured in the baseline; not compared) MISSING',
      'reference @ eu-west-1 / login TTFB: 4.0 ms → 4.0 ms (+0 %, +0.0 ms; allowed +50 % or +20 ms) ok',
    ]);
  });
});

describe('parseBaseline, unusable files', () => {
  const FIX = ' Pass a file written by "autocrm-synthetics smoke --json FILE" (or a run\'s report.json).';

  it.each([
    ['a bare number', '42', 'baseline old.json: expected an object with a "results" array, got 42.'],
    [
      '"results" that is not an array',
      '{"results": {"target": "a"}}',
      'baseline old.json: expected an object with a "results" array, got an object.',
    ],
    ['a result that is not an object', '{"results": [7]}', 'baseline old.json: results[0]: must be a ProbeResult object, got 7.'],
    [
      'an empty target and a location that is not a string',
      '{"results": [{"target": "", "location": 3}]}',
      'baseline old.json: results[0].target: must be a non-empty string, got ""; results[0].location: must be a non-empty string, got 3.',
    ],
    [
      'an empty location',
      '{"results": [{"target": "a", "location": ""}]}',
      'baseline old.json: results[0].location: must be a non-empty string, got "".',
    ],
    [
      'a section that is not an object',
      '{"results": [{"target": "a", "location": "local", "websocket": "fast"}]}',
      'baseline old.json: results[0].websocket: must be an object, got "fast".',
    ],
    [
      'a figure that is not finite (as JSON cannot say, a string)',
      '{"results": [{"target": "a", "location": "local", "loginPage": {"ttfbMs": "Infinity"}}]}',
      'baseline old.json: results[0].loginPage.ttfbMs: must be a number, got "Infinity".',
    ],
  ])('refuses %s, naming the place', (_what, text, message) => {
    // Act
    const parse = () => parseBaseline(text, 'old.json');
    // Assess
    expect(parse).toThrow(BaselineError);
    expect(parse).toThrow(message + FIX);
  });

  it('names itself BaselineError, and reads absent and null figures as not measured', () => {
    // Prepare
    const text = JSON.stringify({
      results: [{ target: 'a', location: 'local', websocket: null, http: { rttMs: null }, loginPage: { ttfbMs: null } }],
    });
    // Act
    const entries = parseBaseline(text, 'old.json');
    // Assess
    expect(entries).toEqual([{ target: 'a', location: 'local', values: {}, requiredMbps: {} }]);
    expect(new BaselineError('x').name).toBe('BaselineError');
  });
});

describe('baseline entries and browsers', () => {
  const FIREFOX = { name: 'firefox', engine: 'gecko', version: '153.0', userAgent: 'Mozilla/5.0 Firefox/153' } as const;

  it("never compares a round with another browser's entry, even at the same target and location", () => {
    // Prepare: the baseline knows the target in Firefox only
    const baseline = [{ ...entry('reference', 'local', { websocket_rtt_p95: 2 }), browser: 'firefox' }];
    // Act
    const { comparisons, unmatched } = compareWithBaseline(baseline, [withWebSocketP95(2)]);
    // Assess
    expect(comparisons).toEqual([]);
    expect(unmatched).toEqual(['reference']);
  });

  it("names the round's browser on each comparison and its line", () => {
    // Prepare
    const baseline = [{ ...entry('reference', 'local', { websocket_rtt_p95: 2 }), browser: 'firefox' }];
    // Act
    const { comparisons } = compareWithBaseline(baseline, [withWebSocketP95(2, { browser: FIREFOX })]);
    // Assess
    expect(comparisons.map((comparison) => comparison.browser)).toEqual(['firefox', 'firefox', 'firefox', 'firefox', 'firefox']);
    expect(comparisonLine(comparisons[0]!)).toBe(
      'reference [firefox] / WebSocket RTT p95: 2.0 ms → 2.0 ms (+0 %, +0.0 ms; allowed +50 % or +20 ms) ok',
    );
  });

  it('reads a browser whose name is not a string as no browser named (Chromium)', () => {
    // Prepare
    const text = JSON.stringify({ results: [{ target: 'a', location: 'local', browser: { name: 42 } }] });
    // Act + Assess
    expect(parseBaseline(text, 'old.json')).toEqual([{ target: 'a', location: 'local', values: {}, requiredMbps: {} }]);
  });
});

describe('parseBaseline, absent and null', () => {
  it('reads a section without the figure (not only a null one) as not measured', () => {
    // Prepare
    const text = JSON.stringify({
      results: [{ target: 'a', location: 'local', loginPage: {}, bandwidth: { downloadMbps: 20, minDownloadMbps: 16 } }],
    });
    // Act + Assess
    expect(parseBaseline(text, 'old.json')).toEqual([
      { target: 'a', location: 'local', values: { download: 20 }, requiredMbps: { download: 16 } },
    ]);
  });

  it('refuses a file or a result that is JSON null with a BaselineError naming it', () => {
    const FIX = ' Pass a file written by "autocrm-synthetics smoke --json FILE" (or a run\'s report.json).';
    expect(() => parseBaseline('null', 'old.json')).toThrow(
      new BaselineError(`baseline old.json: expected an object with a "results" array, got null.${FIX}`),
    );
    expect(() => parseBaseline('{"results": [null]}', 'old.json')).toThrow(
      new BaselineError(`baseline old.json: results[0]: must be a ProbeResult object, got null.${FIX}`),
    );
  });
});
