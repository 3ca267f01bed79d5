/**
 * `run` and `smoke` with a target in all three browsers, real Chromium and Firefox against the
 * reference target: one round per browser, side by side in the console, report.json and JUnit.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../lambdas/core/types';
import { startTarget, type RunningTarget } from '../../target/index';

const BIN = join(process.cwd(), 'bin', 'autocrm-synthetics.mjs');
/** Three rounds, one of them Firefox, on a 2-core machine shared with other test workers. */
const CLI_TIMEOUT_MS = 240_000;

function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: CLI_TIMEOUT_MS }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('run and smoke with three browsers', { timeout: CLI_TIMEOUT_MS + 30_000 }, () => {
  let dir: string;
  let target: RunningTarget;
  let config: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'autocrm-browsers-'));
    target = await startTarget();
    config = join(dir, 'browsers.config.json');
    // The journey only (no measurements), with budgets a busy machine cannot break.
    const timeouts = { roundMs: 60_000, navigationMs: 30_000, systemCheckMs: 30_000, stepMs: 30_000 };
    const targets = [{ name: 'reference', loginUrl: target.loginUrl, browsers: ['chromium', 'firefox', 'edge'], timeouts }];
    await writeFile(config, JSON.stringify({ schedule: 5, targets }));
  });
  afterAll(async () => {
    await target.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('run probes every configured browser and shows them side by side', async () => {
    // Prepare
    const out = join(dir, 'run');
    // Act
    const { code, stdout } = await cli(['run', '--config', config, '--out', out]);
    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(/^reference @ local: PASS/m);
    expect(stdout).toMatch(/^reference @ local \[firefox\]: PASS/m);
    expect(stdout).toMatch(/^reference @ local \[edge\]: PASS/m);
    expect(stdout).toMatch(/launch +ok .*Firefox \d+\.\d+/);
    expect(stdout).toMatch(/launch +ok .*Edge identity on Chromium \d+\./);
    expect(stdout).toMatch(/^3 rounds \(1 target in 3 browsers\): 3 pass\./m);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    const overview = /<section id="overview">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect([...overview.matchAll(/<th><a href="#result-\d">([^<]+)<\/a><\/th>/g)].map((m) => m[1])).toEqual([
      'reference @ local · chromium',
      'reference @ local · firefox',
      'reference @ local · edge',
    ]);
    expect(overview).toMatch(
      /<th>browser<\/th><td[^>]*>Chrome [\d.]+ \(chromium\)<\/td><td[^>]*>Firefox [\d.]+ \(gecko\)<\/td><td[^>]*>Edge [\d.]+ \(chromium\)<\/td>/,
    );
    const results = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as ProbeResult[];
    expect(results.map((r) => [r.browser?.name, r.browser?.engine, r.status])).toEqual([
      ['chromium', 'chromium', 'pass'],
      ['firefox', 'gecko', 'pass'],
      ['edge', 'chromium', 'pass'],
    ]);
    const metrics = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8')) as {
      MetricData: { MetricName: string; Dimensions: { Name: string; Value: string }[] }[];
    };
    const availabilityBrowsers = metrics.MetricData.filter((d) => d.MetricName === 'Availability')
      .flatMap((d) => d.Dimensions.filter((x) => x.Name === 'Browser').map((x) => x.Value))
      .sort();
    expect(availabilityBrowsers).toEqual(['chromium', 'edge', 'firefox']);
  });

  it('smoke without Firefox: a probe error for Firefox, the other browsers’ rounds still reported, a JUnit suite each', async () => {
    // Prepare
    const junit = join(dir, 'smoke.xml');
    const json = join(dir, 'smoke.json');
    // Act
    const { code, stdout } = await cli(['smoke', '--config', config, '--junit', junit, '--json', json], {
      FIREFOX_PATH: '/nonexistent/firefox',
    });
    // Assess
    expect(code).toBe(3);
    expect(stdout).toMatch(
      /reference \[firefox\] \/ launch: ERROR probe_error — .*Firefox not found at \/nonexistent\/firefox; install firefox-esr/,
    );
    const report = JSON.parse(await readFile(json, 'utf8')) as { results: ProbeResult[] };
    expect(report.results.map((r) => [r.browser?.name, r.status])).toEqual([
      ['chromium', 'pass'],
      ['firefox', 'error'],
      ['edge', 'pass'],
    ]);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await readFile(junit, 'utf8')) as {
      testsuites: { testsuite: { name: string; errors: string; testcase: { classname: string }[] }[] };
    };
    const suites = xml.testsuites.testsuite;
    expect(suites.map((s) => [s.name, s.errors, s.testcase[0]?.classname])).toEqual([
      ['reference', '0', 'autocrm-synthetics.reference.local.chromium'],
      ['reference [firefox]', '1', 'autocrm-synthetics.reference.local.firefox'],
      ['reference [edge]', '0', 'autocrm-synthetics.reference.local.edge'],
    ]);
  });
});
