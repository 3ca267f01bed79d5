/**
 * The three browsers the requirement names, for real: Firefox (firefox-esr over WebDriver BiDi),
 * Chrome's identity and Edge's identity on Chromium, each a whole round against the reference target.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceTargetConfig } from '../../lambdas/core/config';
import type { TargetConfig } from '../../lambdas/core/config/types';
import type { ClockSource, SampleClocks } from '../../lambdas/core/types';
import { launchBrowser } from '../../lambdas/probe/browser';
import { chromiumBrandList, secChUa } from '../../lambdas/probe/browsers/client-hints';
import { openProbeContext } from '../../lambdas/probe/browsers/probe-context';
import { probeTarget } from '../../lambdas/probe/probe-target';
import { startTarget, VERDICT_TEXTS, type RunningTarget } from '../../target/index';
import { browserDescendants } from './browser-processes';

const PASSWORD = 'Browsers-Secret-4e1b';

/** Samples counted under the given clocks; -1 when any sample came from another clock. */
function sampleCount(clocks: SampleClocks | undefined, allowed: readonly ClockSource[]): number {
  const entries = Object.entries(clocks ?? {}) as [ClockSource, number][];
  return entries.every(([clock]) => allowed.includes(clock)) ? entries.reduce((sum, [, count]) => sum + count, 0) : -1;
}
/** Above the rounds' generous budgets. */
const ROUND_TEST_TIMEOUT_MS = 180_000;
const ALL_STEPS = ['launch', 'login_page', 'system_check', 'websocket', 'http', 'bandwidth', 'login'];

describe('a whole round in each browser', { timeout: ROUND_TEST_TIMEOUT_MS }, () => {
  let target: RunningTarget;
  let full: TargetConfig;

  beforeAll(async () => {
    target = await startTarget({ credentials: { username: 'demo', password: PASSWORD } });
    // Generous budgets: a 2-core machine shared by parallel test workers can stall Firefox for seconds.
    const reference = referenceTargetConfig(target.origin);
    full = {
      ...reference,
      timeouts: { ...reference.timeouts, roundMs: 90_000, stepMs: 30_000, systemCheckMs: 30_000, navigationMs: 30_000 },
      websocket: reference.websocket && { ...reference.websocket, timeoutMs: 10_000 },
    };
  });
  afterAll(async () => {
    await target.close();
  });

  it('passes in real Firefox, with Firefox’s own user agent and every figure’s clock named', async () => {
    // Act
    const { result } = await probeTarget(full, {
      location: 'local',
      browser: 'firefox',
      credentials: { username: 'demo', password: PASSWORD },
    });
    // Assess
    expect(result.failure).toBeNull();
    expect(result.steps.map((step) => [step.name, step.ok])).toEqual(ALL_STEPS.map((name) => [name, true]));
    expect(result.browser).toMatchObject({ name: 'firefox', engine: 'gecko', version: expect.stringMatching(/^\d+\.\d+/) });
    expect(result.browser?.userAgent).toMatch(/ Gecko\/\d+ Firefox\/\d+\.0$/);
    expect(result.systemCheck?.browser).toMatchObject({ ok: true, text: VERDICT_TEXTS.browserOk });
    expect(result.systemCheck?.clocks).toEqual({ pageWebSocketUpgradeMs: 'bidi' });
    expect(result.websocket?.clocks).toEqual({ connectMs: 'performance-now', upgradeMs: 'bidi', rttMs: { 'performance-now': 20 } });
    expect(result.websocket?.upgradeMs).toBeGreaterThan(0);
    expect(result.http?.clocks).toEqual({ rttMs: { 'resource-timing': 10 } });
    expect(result.bandwidth?.meetsRequirement).toBe(true);
    expect(result.login).toMatchObject({ ok: true, loggedOut: true });
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
    expect(browserDescendants()).toEqual([]);
  });

  it('passes with Edge’s identity on Chromium, and says it is Chromium underneath', async () => {
    // Act
    const { result } = await probeTarget(full, {
      location: 'local',
      browser: 'edge',
      credentials: { username: 'demo', password: PASSWORD },
    });
    // Assess
    expect(result.failure).toBeNull();
    expect(result.steps.map((step) => [step.name, step.ok])).toEqual(ALL_STEPS.map((name) => [name, true]));
    expect(result.browser).toMatchObject({ name: 'edge', engine: 'chromium' });
    expect(result.browser?.userAgent).toMatch(
      /^Mozilla\/5\.0 \(Windows NT 10\.0; Win64; x64\) .* Chrome\/(\d+)\.0\.0\.0 Safari\/537\.36 Edg\/\1\.0\.0\.0$/,
    );
    // Chromium's clocks (DevTools where it attached in time, else the page's), never Firefox's
    expect(result.websocket?.clocks?.connectMs).toBe('performance-now');
    expect(sampleCount(result.websocket?.clocks?.rttMs, ['devtools', 'performance-now'])).toBe(20);
    expect(sampleCount(result.http?.clocks?.rttMs, ['devtools', 'resource-timing'])).toBe(10);
    expect(browserDescendants()).toEqual([]);
  });

  it('reports a missing Firefox as a probe error that says how to fix it, and Chromium still probes', async () => {
    // Act
    const firefox = await probeTarget(full, {
      location: 'local',
      browser: 'firefox',
      launch: { env: { FIREFOX_PATH: '/nonexistent/firefox' } },
    });
    const chromium = await probeTarget(full, { location: 'local', browser: 'chromium' });
    // Assess
    expect(firefox.result.status).toBe('error');
    expect(firefox.result.failure).toEqual({
      kind: 'probe_error',
      step: 'launch',
      message: 'Firefox not found at /nonexistent/firefox; install firefox-esr (apt-get install firefox-esr) or set FIREFOX_PATH',
    });
    expect(firefox.result.browser).toEqual({ name: 'firefox', engine: 'gecko', version: null, userAgent: null });
    expect(chromium.result.status === 'pass' || chromium.result.status === 'degraded').toBe(true);
    expect(browserDescendants()).toEqual([]);
  });
});

describe('a System-Check that rejects one browser', { timeout: 3 * ROUND_TEST_TIMEOUT_MS }, () => {
  let target: RunningTarget;
  let journeyOnly: TargetConfig;

  beforeAll(async () => {
    target = await startTarget();
    const reference = referenceTargetConfig(target.origin);
    journeyOnly = {
      ...reference,
      websocket: undefined,
      http: undefined,
      bandwidth: undefined,
      timeouts: { ...reference.timeouts, roundMs: 90_000, systemCheckMs: 30_000, navigationMs: 30_000 },
    };
  });
  afterAll(async () => {
    await target.close();
  });

  it.each([
    ['reject-firefox', 'firefox'],
    ['reject-edge', 'edge'],
  ] as const)('%s fails only %s, as browser_unsupported', async (fault, rejected) => {
    // Prepare
    target.setFaults([fault]);
    // Act: the same target in all three browsers, one round each
    const outcomes: Record<string, { status: string; kind?: string; verdict?: boolean | null }> = {};
    for (const browser of ['chromium', 'firefox', 'edge'] as const) {
      const { result } = await probeTarget(journeyOnly, { location: 'local', browser });
      outcomes[browser] = { status: result.status, kind: result.failure?.kind, verdict: result.systemCheck?.browser.ok };
    }
    // Assess
    for (const browser of ['chromium', 'firefox', 'edge']) {
      expect(outcomes[browser], browser).toEqual(
        browser === rejected
          ? { status: 'fail', kind: 'browser_unsupported', verdict: false }
          : { status: 'pass', kind: undefined, verdict: true },
      );
    }
  });
});

describe('the user agent a round reports', () => {
  let server: Server;
  let origin: string;
  const agents: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      agents.push(request.headers['user-agent'] ?? '');
      response.setHeader('content-type', 'text/html');
      response.end('<!doctype html><title>agent</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(['chromium', 'edge', 'firefox'] as const)('is what %s pages and the server see', async (browser) => {
    // Prepare
    const launched = await launchBrowser({ browser });
    try {
      const probe = await openProbeContext(launched);
      agents.length = 0;
      // Act
      await probe.page.goto(`${origin}/`);
      const pageSays = await probe.page.evaluate(() => navigator.userAgent);
      // Assess
      expect(probe.userAgent).toBe(pageSays);
      expect(agents.length).toBeGreaterThan(0);
      expect(new Set(agents)).toEqual(new Set([pageSays])); // Firefox asks for a favicon too
    } finally {
      await launched.close();
    }
  });
});

describe('Firefox page clocks', () => {
  it('are unclamped in the probe profile (Firefox rounds them to 1 ms by default)', async () => {
    // Prepare
    const launched = await launchBrowser({ browser: 'firefox' });
    try {
      const { page } = await openProbeContext(launched);
      // Act: the smallest step between consecutive performance.now() readings
      const smallestStepMs = await page.evaluate(() => {
        let smallest = Number.POSITIVE_INFINITY;
        let last = performance.now();
        for (let i = 0; i < 100_000; i += 1) {
          const now = performance.now();
          if (now > last) smallest = Math.min(smallest, now - last);
          last = now;
        }
        return smallest;
      });
      // Assess: Firefox's clamps are 1 ms and 0.02 ms
      expect(smallestStepMs).toBeLessThan(0.01);
    } finally {
      await launched.close();
    }
  });
});

/**
 * A page that shows, in its title, what its first script saw of `navigator.userAgentData` (the
 * brands, the platform) and that opens popups by a `target=_blank` link and by `window.open`.
 */
const IDENTITY_PAGE = `<!doctype html><title>?</title>
<a id="tab" href="/popup-link" target="_blank">tab</a> <button id="open" onclick="window.open('/popup-open')">open</button>
<script>document.title = JSON.stringify({ brands: navigator.userAgentData.brands.map((b) => b.brand), platform: navigator.userAgentData.platform });</script>`;

describe('Edge identity', () => {
  let server: Server;
  let origin: string;
  const requests: { path: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push({ path: request.url ?? '', headers: request.headers });
      response.setHeader('content-type', 'text/html');
      response.end(IDENTITY_PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('is what every page sees, popups and new tabs from their first request and first script on', async () => {
    // Prepare
    const launched = await launchBrowser({ browser: 'edge' });
    try {
      const { context, page } = await openProbeContext(launched);
      // Act
      await page.goto(`${origin}/`);
      const [tab] = await Promise.all([context.waitForEvent('page'), page.click('#tab')]);
      const [opened] = await Promise.all([context.waitForEvent('page'), page.click('#open')]);
      await Promise.all([tab.waitForLoadState('load'), opened.waitForLoadState('load')]);
      const seen = await Promise.all([page, tab, opened].map(async (p) => JSON.parse(await p.title()) as unknown));
      const highEntropy = await opened.evaluate(() =>
        (
          navigator as unknown as { userAgentData: { getHighEntropyValues(h: string[]): Promise<unknown> } }
        ).userAgentData.getHighEntropyValues(['fullVersionList']),
      );
      // Assess: the pages' own scripts
      for (const view of seen) expect(view).toEqual({ brands: ['Microsoft Edge', 'Not.A/Brand', 'Chromium'], platform: 'Windows' });
      expect(highEntropy).toMatchObject({
        fullVersionList: expect.arrayContaining([expect.objectContaining({ brand: 'Microsoft Edge' })]),
      });
      // Assess: what the server got
      expect(requests.map((r) => r.path)).toEqual(['/', '/popup-link', '/popup-open']);
      for (const { headers } of requests) {
        expect(headers['sec-ch-ua']).toMatch(/^"Microsoft Edge";v="(\d+)", "Not\.A\/Brand";v="8", "Chromium";v="\1"$/);
        expect(headers['sec-ch-ua-platform']).toBe('"Windows"');
        expect(headers['user-agent']).toMatch(/ Edg\/\d+\.0\.0\.0$/);
        expect(headers['accept-language']).toBe('de-DE');
      }
    } finally {
      await launched.close();
    }
  });

  it('orders and greases its brands exactly like the Chromium underneath orders its own', async () => {
    // Prepare: Chrome's identity keeps Chromium's own client hints (headless shell: "HeadlessChrome")
    const launched = await launchBrowser({ browser: 'chromium' });
    try {
      const { page } = await openProbeContext(launched);
      const major = Number(launched.browser.version().split('.')[0]);
      requests.length = 0;
      // Act
      await page.goto(`${origin}/native`);
      // Assess
      expect(requests[0]?.headers['sec-ch-ua']).toBe(secChUa(chromiumBrandList('HeadlessChrome', major)));
    } finally {
      await launched.close();
    }
  });
});
