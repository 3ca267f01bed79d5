import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../lambdas/core/types';
import { formatProgress, formatResultTable, formatSummary } from '../../cli/report/console';
import { mbps, ms } from '../../cli/report/format';
import { escapeHtml, renderHtmlReport } from '../../cli/report/html';
import { samplesChartSvg } from '../../cli/report/svg-chart';
import { bandwidthChartSvg } from '../../cli/report/bandwidth-chart';
import { timelineRows } from '../../cli/report/timeline-chart';
import { renderRunIndex, sparkline } from '../../cli/report/index-page';
import { MAX_LINE_CHARS, wrap } from '../../cli/report/console';

function passingResult(overrides: Partial<ProbeResult> = {}): ProbeResult {
  return {
    runId: 'run-1',
    target: 'reference',
    location: 'local',
    startedAt: '2026-11-27T20:00:00.000Z',
    durationMs: 3_210,
    status: 'pass',
    failure: null,
    degraded: [],
    retried: false,
    steps: [
      { name: 'launch', ok: true, durationMs: 80 },
      { name: 'login_page', ok: true, durationMs: 150 },
      { name: 'system_check', ok: true, durationMs: 240 },
      { name: 'websocket', ok: true, durationMs: 1_500 },
    ],
    loginPage: {
      url: 'http://127.0.0.1/cgi-bin/xorg/crm.pl',
      httpStatus: 200,
      ttfbMs: 14.93,
      loadMs: 33,
      dnsMs: 0,
      elementsFound: true,
      missingElements: [],
      jsErrors: 0,
      fitsFullHd: true,
    },
    systemCheck: {
      url: 'http://127.0.0.1/cgi-bin/xorg/systemcheck.pl',
      durationMs: 240,
      browser: { ok: true, text: 'Ihr Browser wird unterstützt.' },
      websocket: { ok: true, text: 'WebSocket-Verbindung erfolgreich aufgebaut.' },
      http: { ok: true, text: 'HTTP-Verbindung erfolgreich aufgebaut.' },
    },
    browser: { name: 'chromium', engine: 'chromium', version: '147.0.7727.0', userAgent: 'Mozilla/5.0 Chrome/147.0.0.0' },
    websocket: {
      url: 'ws://127.0.0.1/ws',
      connectMs: 4.5,
      rttMs: { samples: [1.2, 1.5, 5.1], p50: 1.5, p95: 5.1, max: 5.1 },
      sent: 3,
      lost: 0,
    },
    artifacts: [],
    ...overrides,
  };
}

describe('console report', () => {
  it('prints one row per step with duration and what the step found', () => {
    // Act
    const table = formatResultTable(passingResult());
    // Assess
    expect(table).toMatch(/^reference @ local: PASS in 3\.2 s/);
    expect(table).toMatch(/login_page {4}ok {2}150 ms {4}HTTP 200 · TTFB 14\.9 ms · load 33 ms · DNS 0 ms/);
    expect(table).toMatch(/system_check {2}ok {2}240 ms {4}browser ok · websocket ok · http ok/);
    expect(table).toMatch(/websocket {5}ok {2}1\.5 s {5}connect 4\.5 ms · RTT p50 1\.5 ms \/ p95 5\.1 ms \/ max 5\.1 ms · lost 0\/3/);
    expect(table).toContain('  System-Check says:\n    browser    "Ihr Browser wird unterstützt."');
  });

  it('shows the failure with kind, step and message, and the failed step as FAIL', () => {
    // Prepare
    const failed = passingResult({
      status: 'fail',
      failure: { kind: 'http_status', step: 'login_page', message: 'login page answered HTTP 500' },
      steps: [
        { name: 'launch', ok: true, durationMs: 80 },
        { name: 'login_page', ok: false, durationMs: 40, failureKind: 'http_status', message: 'login page answered HTTP 500' },
      ],
      systemCheck: null,
      artifacts: [{ kind: 'screenshot', path: 'reports/x/artifacts/reference-login_page.png', bytes: 1234 }],
    });
    // Act
    const table = formatResultTable(failed);
    // Assess
    expect(table).toMatch(/FAIL \(http_status\)/);
    expect(table).toMatch(/login_page {2}FAIL {2}40 ms {5}http_status: login page answered HTTP 500/);
    expect(table).toContain('failure: http_status at login_page: login page answered HTTP 500');
    expect(table).toContain('artifact: reports/x/artifacts/reference-login_page.png (1234 bytes)');
  });

  it('formats progress lines, degraded reasons and the summary', () => {
    // Act + Assess
    expect(formatProgress({ target: 't', type: 'step_end', attempt: 1, step: 'http', ok: false, durationMs: 12, message: 'boom' })).toBe(
      '[t]   http FAIL (12 ms) — boom',
    );
    expect(formatProgress({ target: 't', type: 'round_start', attempt: 2 })).toBe('[t] round started (retry 1)');
    expect(formatProgress({ target: 't', type: 'step_start', attempt: 1, step: 'http' })).toBeUndefined();
    expect(formatResultTable(passingResult({ status: 'degraded', degraded: ['bandwidth'] }))).toMatch(/DEGRADED \(bandwidth\)/);
    expect(formatSummary([passingResult(), passingResult({ status: 'fail' }), passingResult()])).toBe('3 targets: 2 pass, 1 fail');
  });

  it('names the browser of a Firefox or Edge round and counts rounds when a target runs in several browsers', () => {
    // Prepare
    const identity = (name: 'chromium' | 'firefox' | 'edge') => ({
      name,
      engine: name === 'firefox' ? ('gecko' as const) : ('chromium' as const),
      version: '1.0',
      userAgent: `${name} agent`,
    });
    const rounds = [
      passingResult({ browser: identity('chromium') }),
      passingResult({ browser: identity('firefox'), status: 'fail' }),
      passingResult({ browser: identity('edge') }),
    ];
    // Act + Assess
    expect(rounds.map((result) => formatResultTable(result).split('\n')[0])).toEqual([
      'reference @ local: PASS in 3.2 s',
      'reference @ local [firefox]: FAIL in 3.2 s',
      'reference @ local [edge]: PASS in 3.2 s',
    ]);
    expect(formatProgress({ target: 't', browser: 'firefox', type: 'round_start', attempt: 1 })).toBe('[t] [firefox] round started');
    expect(formatSummary(rounds)).toBe('3 rounds (1 target in 3 browsers): 2 pass, 1 fail');
    expect(formatSummary([rounds[0]!, passingResult({ target: 'staging', browser: identity('chromium') })])).toBe('2 targets: 2 pass');
  });

  it('never prints NaN, Infinity or undefined for absent figures', () => {
    // Act + Assess
    expect(ms(undefined)).toBe('–');
    expect(ms(Number.NaN)).toBe('–');
    expect(mbps(Number.POSITIVE_INFINITY)).toBe('–');
    expect(mbps(15.34)).toBe('15.3 Mbit/s');
    expect(formatResultTable(passingResult({ loginPage: null, websocket: undefined }))).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe('console width', () => {
  it(`keeps every line of a long result within ${MAX_LINE_CHARS} columns`, () => {
    // Prepare
    const long = 'x'.repeat(250);
    const result = passingResult({
      failure: { kind: 'content', step: 'system_check', message: `verdicts not shown: ${'word '.repeat(60)}` },
      systemCheck: { ...passingResult().systemCheck!, browser: { ok: false, text: long } },
    });
    // Act
    const lines = formatResultTable(result).split('\n');
    // Assess
    expect(lines.filter((line) => line.length > MAX_LINE_CHARS)).toEqual([]);
    expect(lines.find((line) => line.startsWith('  failure: '))).toMatch(/^ {2}failure: content at system_check: verdicts not shown: word/);
    expect(lines.filter((line) => /^ {4}word word/.test(line)).length).toBeGreaterThan(0);
    expect(lines).toContain(`    browser    "${'x'.repeat(89)}…"`);
  });

  it('wraps at the dots between figures first', () => {
    // Act + Assess
    expect(wrap('aaa · bbb · ccc', 9)).toEqual(['aaa · bbb', 'ccc']);
    expect(wrap('short', 9)).toEqual(['short']);
  });
});

describe('HTML report', () => {
  it('escapes everything the target controls, so a hostile verdict text cannot inject markup', () => {
    // Prepare
    const hostile = passingResult({
      target: '<b>t</b>',
      systemCheck: { ...passingResult().systemCheck!, browser: { ok: false, text: '<script>alert(1)</script>' } },
    });
    // Act
    const html = renderHtmlReport([{ result: hostile, artifacts: [] }], { generatedAt: '2026-11-27T20:00:00Z' });
    // Assess
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;t&lt;/b&gt;');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  it('inlines screenshots as data URIs and links the page HTML', () => {
    // Prepare
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    // Act
    const html = renderHtmlReport(
      [
        {
          result: passingResult(),
          artifacts: [
            { kind: 'screenshot', fileName: 'reference-login_page.png', contentType: 'image/png', body: png },
            { kind: 'html', fileName: 'reference-login_page.html', contentType: 'text/html', body: Buffer.from('<p>x</p>') },
          ],
        },
      ],
      { generatedAt: 'now' },
    );
    // Assess
    expect(html).toContain(`src="data:image/png;base64,${png.toString('base64')}"`);
    expect(html).toContain('href="artifacts/reference-login_page.html"');
  });

  it('draws one bar per RTT sample on a ms axis, with the measured p95 and the configured limit labelled', () => {
    // Act
    const svg = samplesChartSvg({ title: 'WebSocket echo RTT', sampleName: 'echo', samplesMs: [1, 2, 4], p95Ms: 4, limitMs: 5 });
    // Assess
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg).toContain('WebSocket echo RTT: 3 echos, ms');
    expect(svg).toContain('>0 ms</text>');
    expect(svg).toContain('>6 ms</text>'); // the axis reaches past the limit
    expect(svg).toContain('>p95 4 ms</text>');
    expect(svg).toContain('>limit p95 5 ms</text>');
    expect(svg).toContain('echo # (in the order sent)');
    expect(samplesChartSvg({ title: 'none', sampleName: 'echo', samplesMs: [] })).toBe('');
  });

  it('names a limit far above every sample instead of squashing the bars', () => {
    // Act
    const svg = samplesChartSvg({ title: 'HTTP RTT', sampleName: 'request', samplesMs: [1, 2], limitMs: 500 });
    // Assess
    expect(svg).toContain('>limit p95 500 ms (above the scale)</text>');
    expect(svg).not.toContain('>500 ms</text>');
  });

  it('draws download and upload on a log Mbit/s axis with the 16 and 1 Mbit/s requirements', () => {
    // Act
    const svg = bandwidthChartSvg({
      downloadMbps: 8.2,
      uploadMbps: 40,
      downloadBytes: 1,
      uploadBytes: 1,
      minDownloadMbps: 16,
      minUploadMbps: 1,
      meetsRequirement: false,
    });
    // Assess
    expect(svg).toContain('>16 Mbit/s required</text>');
    expect(svg).toContain('>1 Mbit/s required</text>');
    expect(svg).toContain('>8.2 Mbit/s</text>');
    expect(svg).toMatch(/>1<\/text>.*>10<\/text>.*>100<\/text>/);
    expect(svg).toContain('fill="#c0392b"'); // the download below its requirement is red
  });

  it('lays the steps end to end on the timeline, splits system_check at SystemCheckDuration and shows the rest of the round', () => {
    // Act
    const rows = timelineRows(passingResult({ durationMs: 2_100, systemCheck: { ...passingResult().systemCheck!, durationMs: 100 } }));
    // Assess
    expect(rows.map((row) => row.label)).toEqual(['launch', 'login_page', 'system_check', 'websocket', 'closing']);
    const systemCheck = rows[2]?.segments ?? [];
    expect(systemCheck.map((segment) => [segment.fromMs, segment.toMs])).toEqual([
      [230, 370],
      [370, 470],
    ]);
    expect(rows[4]?.segments[0]).toMatchObject({ fromMs: 1_970, toMs: 2_100 });
  });

  it('draws a retried round with its failed attempt first and the reported steps where the retry started', () => {
    // Act: the retry's four steps (1 970 ms in all) started 3 s into a 6 s round
    const rows = timelineRows(passingResult({ retried: true, attemptOffsetMs: 3_000, durationMs: 6_000 }));
    // Assess
    expect(rows.map((row) => row.label)).toEqual(['before retry', 'launch', 'login_page', 'system_check', 'websocket', 'closing']);
    expect(rows[0]?.segments[0]).toMatchObject({ fromMs: 0, toMs: 3_000 });
    expect(rows[1]?.segments[0]).toMatchObject({ fromMs: 3_000, toMs: 3_080 });
    expect(rows[5]?.segments[0]).toMatchObject({ fromMs: 4_970, toMs: 6_000 });
  });

  it('puts several browsers and targets side by side, marks a missed limit and lists the thresholds in force', () => {
    // Prepare
    const chromium = passingResult({ browser: { name: 'chromium', engine: 'chromium', version: '147', userAgent: 'x' } });
    const firefox = passingResult({
      browser: { name: 'firefox', engine: 'gecko', version: '153', userAgent: 'y' },
      websocket: { ...passingResult().websocket!, rttMs: { samples: [300], p50: 300, p95: 300, max: 300 } },
    });
    // Act
    const html = renderHtmlReport(
      [chromium, firefox].map((result) => ({ result, artifacts: [] })),
      {
        generatedAt: 'now',
        limits: new Map([['reference', { websocketRttP95Ms: 250, minDownloadMbps: 16, minUploadMbps: 1, roundMs: 20_000 }]]),
        links: [{ label: 'report.json', href: 'report.json' }],
      },
    );
    // Assess
    expect(html).toContain('>reference @ local · chromium</a></th><th><a href="#result-2">reference @ local · firefox</a>');
    expect(html).toContain('<td class="num over">300 ms</td>');
    expect(html).toMatch(
      /<tr><th>browser<\/th><td class="num ">Chrome 147 \(chromium\)<\/td><td class="num ">Firefox 153 \(gecko\)<\/td><\/tr>/,
    );
    expect(html).toMatch(/<h2>Thresholds in force<\/h2>[\s\S]*<td>reference<\/td><td class="num">250 ms<\/td><td class="num">none<\/td>/);
    expect(html).toContain('<a href="report.json">report.json</a>');
  });

  it('lists runs newest first with a trend line per result', () => {
    // Act
    const html = renderRunIndex(
      [
        { folder: '2026-11-28T10-00-00Z', results: [passingResult({ status: 'fail' })] },
        { folder: '2026-11-27T10-00-00Z', results: [passingResult()] },
      ],
      'now',
    );
    // Assess
    expect(html.indexOf('2026-11-28T10-00-00Z/report.html')).toBeLessThan(html.indexOf('2026-11-27T10-00-00Z/report.html'));
    expect(html).toContain('class="fail">FAIL');
    expect(html).toContain('<svg class="sparkline"');
    expect(sparkline([undefined], 'x', ms)).toBe('–');
    expect(sparkline([2290.4, 1500.2], 'x', mbps)).toMatch(
      /<title>x: 2 runs, from 1500 Mbit\/s to 2290 Mbit\/s, latest 1500 Mbit\/s<\/title>.*<\/svg> 1500 Mbit\/s$/,
    );
  });
});
