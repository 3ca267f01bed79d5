/**
 * report.html and reports/index.html as a reader sees them: opened in real Chromium, no page error,
 * and every part the on-call engineer looks for is there and drawn (charts with axes and limits,
 * the timeline, links that lead to files, a screenshot that loads at full width).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetConfig } from '../../lambdas/core/config/types';
import { referenceTargetConfig } from '../../lambdas/core/config';
import type { ProbeResult } from '../../lambdas/core/types';
import { launchBrowser, type LaunchedBrowser } from '../../lambdas/probe/browser';
import type { RoundOutcome } from '../../lambdas/round/ports';
import { writeRunReport } from '../../cli/report/write-report';
import { passingResult } from '../smoke/probe-result-fixture';

/** A round of `browser` with figures that cross the reference target's limits where asked. */
function result(browser: string, overrides: Partial<ProbeResult> = {}): ProbeResult {
  const base = passingResult();
  return passingResult({
    browser: { ...(base.browser ?? { version: '147', userAgent: 'x' }), name: browser } as ProbeResult['browser'],
    ...overrides,
  });
}

describe('the HTML report in Chromium', () => {
  let browser: LaunchedBrowser;
  let dir: string;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // Prepare: two runs in one reports folder; the second has two browsers, one failing with a screenshot
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'report-page-'));
    page = await browser.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => void (message.type() === 'error' && pageErrors.push(message.text())));
    await page.setContent('<h1 style="font-size:64px">System-Check: WebSocket FEHLER</h1>');
    const screenshot = await page.screenshot();
    const target: TargetConfig = {
      ...referenceTargetConfig('http://127.0.0.1:9'),
      thresholds: { websocketRttP95Ms: 250, httpRttP95Ms: 500 },
    };
    const failed = result('firefox', {
      status: 'fail',
      failure: { kind: 'websocket', step: 'websocket', message: '20/20 echoes lost' },
      target: target.name,
    });
    const rounds: RoundOutcome[] = [
      { result: result('chromium', { target: target.name }), artifacts: [] },
      {
        result: failed,
        artifacts: [{ kind: 'screenshot', fileName: 'reference-websocket.png', contentType: 'image/png', body: screenshot }],
      },
    ];
    const options = { namespace: 'AutoCRM/Synthetics', datums: [], targets: [target], index: true };
    await writeRunReport(join(dir, '2026-11-27T10-00-00Z'), [rounds[0] as RoundOutcome], {
      ...options,
      generatedAt: '2026-11-27T10:00:00Z',
    });
    await writeRunReport(join(dir, '2026-11-28T10-00-00Z'), rounds, {
      ...options,
      generatedAt: '2026-11-28T10:00:00Z',
      otherFiles: [{ label: 'JUnit XML', path: join(dir, 'smoke.xml') }],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens without a page error and shows every part: links, side by side, thresholds, timeline, charts, evidence', async () => {
    // Act
    await page.goto(pathToFileURL(join(dir, '2026-11-28T10-00-00Z', 'report.html')).href);
    const links = await page.$$eval('#files a', (anchors) => anchors.map((a) => a.getAttribute('href')));
    const columns = await page.$$eval('#overview tr:first-child th a', (cells) => cells.map((cell) => cell.textContent));
    const chartTexts = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => `${svg.getAttribute('class')}: ${svg.textContent}`));
    const image = await page.$eval('.evidence img', (img) => ({
      loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
      width: img.getBoundingClientRect().width,
      section: img.closest('section')?.getBoundingClientRect().width ?? 0,
      href: img.closest('a')?.getAttribute('href'),
    }));
    // Assess
    expect(pageErrors).toEqual([]);
    expect(links).toEqual(['report.json', 'metrics.json', '../smoke.xml', '../index.html']);
    expect(columns).toEqual(['reference @ local · chromium', 'reference @ local · firefox']);
    expect(await page.textContent('#thresholds')).toMatch(/250 ms.*500 ms.*16 Mbit\/s.*1 Mbit\/s.*20\.0 s/s);
    expect(chartTexts.filter((t) => t.startsWith('chart timeline-chart'))).toHaveLength(2);
    expect(chartTexts.find((t) => t.includes('WebSocket echo RTT'))).toMatch(/0 ms.*limit p95 250 ms/s);
    expect(chartTexts.find((t) => t.startsWith('chart bandwidth-chart'))).toMatch(/16 Mbit\/s required.*1 Mbit\/s required/s);
    expect(image.loaded).toBe(true);
    expect(image.width).toBeGreaterThan(image.section * 0.95);
    expect(image.href).toBe('artifacts/reference-websocket.png');
    expect((await stat(join(dir, '2026-11-28T10-00-00Z', 'artifacts', 'reference-websocket.png'))).size).toBeGreaterThan(0);
    expect(await page.textContent('#definitions')).toContain('SystemCheckDuration');
  });

  it('index.html lists both runs, newest first, with a trend line per result', async () => {
    // Act
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    const runs = await page.$$eval('#runs a', (anchors) => anchors.map((a) => a.getAttribute('href')));
    const sparklines = await page.$$eval('#trend svg.sparkline', (svgs) => svgs.length);
    // Assess
    expect(pageErrors).toEqual([]);
    expect(runs).toEqual(['2026-11-28T10-00-00Z/report.html', '2026-11-27T10-00-00Z/report.html']);
    expect(sparklines).toBeGreaterThanOrEqual(2);
    expect(await page.textContent('#runs')).toContain('FAIL (websocket)');
  });
});
