import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../lambdas/core/types';
import { formatProgress, formatResultTable, formatSummary } from '../../cli/report/console';
import { mbps, ms } from '../../cli/report/format';
import { escapeHtml, renderHtmlReport } from '../../cli/report/html';
import { rttChartSvg } from '../../cli/report/svg-chart';

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
    expect(table).toContain('System-Check says: browser "Ihr Browser wird unterstützt."');
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

  it('never prints NaN, Infinity or undefined for absent figures', () => {
    // Act + Assess
    expect(ms(undefined)).toBe('–');
    expect(ms(Number.NaN)).toBe('–');
    expect(mbps(Number.POSITIVE_INFINITY)).toBe('–');
    expect(mbps(15.34)).toBe('15.3 Mbit/s');
    expect(formatResultTable(passingResult({ loginPage: null, websocket: undefined }))).not.toMatch(/NaN|undefined|Infinity/);
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
    const html = renderHtmlReport([{ result: hostile, artifacts: [] }], '2026-11-27T20:00:00Z');
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
      'now',
    );
    // Assess
    expect(html).toContain(`src="data:image/png;base64,${png.toString('base64')}"`);
    expect(html).toContain('href="artifacts/reference-login_page.html"');
  });

  it('draws one bar per RTT sample, and nothing without samples', () => {
    // Act
    const svg = rttChartSvg('WebSocket echo RTT', [1, 2, 4]);
    // Assess
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg).toContain('3 samples, max 4 ms');
    expect(rttChartSvg('none', [])).toBe('');
  });
});
