/**
 * The in-page measurements in real Chromium against the real reference target, with its faults.
 * No wall-clock window: a figure is held to what the same run guarantees whatever the machine's load
 * (a fault's delay is a floor, a paced line a ceiling, samples taken one after another cannot add up
 * to more than the time the call took); how close the figures come to the truth is `npm run bench`'s job.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../lambdas/probe/browser';
import { BANDWIDTH_LADDER, measureBandwidth } from '../../lambdas/probe/measure/bandwidth';
import { observeWebSocketHandshakes } from '../../lambdas/probe/measure/handshakes';
import { measureHttp } from '../../lambdas/probe/measure/http';
import { runHttpInPage } from '../../lambdas/probe/measure/http-page';
import { evaluateWithin } from '../../lambdas/probe/measure/in-page';
import { observeRequestTimings, roundTripsAfterWrite } from '../../lambdas/probe/measure/request-timings';
import { ECHO_PREFIX, measureWebSocket } from '../../lambdas/probe/measure/websocket';
import { runWebSocketInPage } from '../../lambdas/probe/measure/websocket-page';
import { degradedReasons } from '../../lambdas/core/thresholds';
import { BURST_MS } from '../../target/pacer';
import { expectJsonSafe, useTargetPage } from './measure-helpers';

const { target, launched, page } = useTargetPage();

beforeEach(() => target().setFaults([]));

/** How many values are not on the page clock's 0.1 ms grid. */
const offGrid = (values: readonly number[]): number => values.filter((v) => Math.abs(v * 10 - Math.round(v * 10)) > 1e-6).length;

const wsConfig = () => ({ url: target().wsUrl, messages: 8, intervalMs: 10, timeoutMs: 1_000 });

/** A server-side delay fires at most one timer tick early (Node's loop clock has 1 ms steps). */
const TIMER_SLACK_MS = 1;

const total = (values: readonly number[] = []): number => values.reduce((sum, value) => sum + value, 0);

/** `act`'s result and the wall time it took, as the test itself sees it. */
async function timed<T>(act: () => Promise<T>): Promise<{ value: T; elapsedMs: number }> {
  const startedMs = performance.now();
  const value = await act();
  return { value, elapsedMs: performance.now() - startedMs };
}

describe('measureWebSocket', () => {
  it('measures connect, upgrade and echo RTT; under ws-delay=50 every echo takes at least 50 ms', async () => {
    // Prepare
    const baseline = await timed(() => measureWebSocket(page(), wsConfig(), 8_000));
    target().setFaults(['ws-delay=50']);
    // Act
    const delayed = await timed(() => measureWebSocket(page(), wsConfig(), 8_000));
    // Assess
    expect(baseline.value.failure).toBeUndefined();
    expect(baseline.value.value).toMatchObject({ sent: 8, lost: 0 });
    expect(baseline.value.value.connectMs).toBeGreaterThan(0);
    expect(baseline.value.value.upgradeMs).toBeGreaterThanOrEqual(0);
    expect(baseline.value.value.rttMs?.samples).toHaveLength(8);
    expect(delayed.value.failure).toBeUndefined();
    const samples = delayed.value.value.rttMs?.samples ?? [];
    expect(samples).toHaveLength(8);
    // the delay is a floor of every echo; echoes sent one after another fit into the call's time
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(50 - TIMER_SLACK_MS);
    expect(total(samples) + 7 * wsConfig().intervalMs).toBeLessThanOrEqual(delayed.elapsedMs);
    expect(total(baseline.value.value.rttMs?.samples)).toBeLessThanOrEqual(baseline.elapsedMs);
    expectJsonSafe([baseline.value, delayed.value]);
  });

  it('reports ws-silent as a websocket failure with every echo lost', async () => {
    target().setFaults(['ws-silent']);
    const outcome = await measureWebSocket(page(), { ...wsConfig(), messages: 3, timeoutMs: 300 }, 8_000);
    expect(outcome.failure?.kind).toBe('websocket');
    expect(outcome.failure?.message).toMatch(/3 of 3 echoes did not come back within 300 ms/);
    expect(outcome.value).toMatchObject({ sent: 3, lost: 3 });
    expect(outcome.value.rttMs).toBeUndefined();
    expectJsonSafe(outcome);
  });

  it('reports a refused upgrade as a websocket failure without connect time', async () => {
    target().setFaults(['ws-refuse']);
    const outcome = await measureWebSocket(page(), wsConfig(), 8_000);
    expect(outcome.failure?.kind).toBe('websocket');
    expect(outcome.failure?.message).toMatch(/could not be opened/);
    expect(outcome.value.connectMs).toBeUndefined();
    expect(outcome.value.sent).toBe(0);
  });

  it('records the close code when the server closes right after the upgrade', async () => {
    target().setFaults(['ws-close-immediately']);
    const outcome = await measureWebSocket(page(), wsConfig(), 8_000);
    expect(outcome.failure?.kind).toBe('websocket');
    expect(outcome.value.closeCode).toBe(1011);
  });
});

describe('hostile targets', () => {
  it('ws-garbage: answers that are not the echo count as lost, the socket failure is recorded', async () => {
    target().setFaults(['ws-garbage']);
    const outcome = await measureWebSocket(page(), { ...wsConfig(), messages: 3, timeoutMs: 500 }, 8_000);
    expect(outcome.failure?.kind).toBe('websocket');
    expect(outcome.value.lost).toBeGreaterThan(0);
    expect(outcome.value.rttMs).toBeUndefined();
    expectJsonSafe(outcome);
  });
});

describe('measureHttp', () => {
  it('times warm requests; under http-delay=80 every request takes at least 80 ms', async () => {
    // Prepare
    const baseline = await timed(() => measureHttp(page(), { url: target().pingUrl, samples: 5 }, 8_000));
    target().setFaults(['http-delay=80']);
    // Act
    const delayed = await timed(() => measureHttp(page(), { url: target().pingUrl, samples: 5 }, 8_000));
    // Assess
    expect(baseline.value.failure).toBeUndefined();
    expect(baseline.value.value.rttMs?.samples).toHaveLength(5);
    expect(baseline.value.value.failedRequests).toBe(0);
    expect(delayed.value.failure).toBeUndefined();
    const samples = delayed.value.value.rttMs?.samples ?? [];
    expect(samples).toHaveLength(5);
    // the delay is a floor of every request; requests sent one after another fit into the call's time
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(80 - TIMER_SLACK_MS);
    expect(total(samples)).toBeLessThanOrEqual(delayed.elapsedMs);
    expect(total(baseline.value.value.rttMs?.samples)).toBeLessThanOrEqual(baseline.elapsedMs);
    expectJsonSafe([baseline.value, delayed.value]);
  });

  it("reads each request's timing over CDP at full precision, the same figure the page sees clamped to 0.1 ms", async () => {
    // Prepare
    const observer = await observeRequestTimings(page(), target().pingUrl);
    // Act
    const raw = await evaluateWithin(
      page(),
      runHttpInPage,
      { url: target().pingUrl, samples: 8, budgetMs: 8_000, maxBodyBytes: 65_536 },
      8_000,
    );
    const timings = await observer.stop();
    const measured = await measureHttp(page(), { url: target().pingUrl, samples: 8 }, 8_000);
    // Assess: one timing per measured request; request sent → first byte within the clamp (0.1 ms per
    // timestamp, with jitter) of the page's figure; the round trip after the write lies between the
    // figures from sendEnd and from sendStart
    expect(raw.urls).toHaveLength(8);
    const roundTrips = roundTripsAfterWrite(timings);
    for (const [index, url] of raw.urls.entries()) {
      const timing = timings.get(url);
      expect(timing).toBeDefined();
      const { sendStartMs = Number.NaN, sendEndMs = Number.NaN, firstByteMs = Number.NaN } = timing ?? {};
      expect(Math.abs(firstByteMs - sendStartMs - (raw.samples[index] ?? Number.NaN))).toBeLessThanOrEqual(0.25);
      expect(sendEndMs).toBeGreaterThanOrEqual(sendStartMs);
      expect(roundTrips.get(url)).toBeGreaterThanOrEqual(firstByteMs - sendEndMs - 1e-9);
      expect(roundTrips.get(url)).toBeLessThanOrEqual(firstByteMs - sendStartMs + 1e-9);
    }
    // the page's figures sit on the 0.1 ms grid; measureHttp's do not (µs precision)
    expect(offGrid(raw.samples)).toBe(0);
    expect(offGrid(measured.value.rttMs?.samples ?? [])).toBeGreaterThan(4);
  });

  it('reports a failing ping as an http failure', async () => {
    target().setFaults(['http-check-fail']);
    const outcome = await measureHttp(page(), { url: target().pingUrl, samples: 3 }, 8_000);
    expect(outcome.failure?.kind).toBe('http');
    expect(outcome.failure?.message).toMatch(/HTTP status 503/);
    expect(outcome.value.failedRequests).toBeGreaterThan(0);
    expectJsonSafe(outcome);
  });
});

const bandwidthConfig = () => ({
  downloadUrl: target().downloadUrl,
  uploadUrl: target().uploadUrl,
  minDownloadMbps: 16,
  minUploadMbps: 1,
  maxBytes: 10_000_000,
  budgetMs: 3_000,
});

/**
 * The most a line paced at `rate` can show: every timed transfer moves at least the ladder's
 * `startBytes`, and at most the pacer's burst of it passes ahead of the line. A busy machine only
 * lowers a figure, so this ceiling holds under any load (the figure's accuracy is the bench's job).
 */
function lineCeilingMbps(rate: number): number {
  const lineMs = (BANDWIDTH_LADDER.startBytes * 8) / (rate * 1_000);
  return (rate * lineMs) / (lineMs - BURST_MS);
}

describe('measureBandwidth', () => {
  it('throttle=8 measures below 16 Mbit/s and degrades the round for bandwidth', async () => {
    target().setFaults(['throttle=8']);
    const outcome = await measureBandwidth(page(), bandwidthConfig(), 8_000);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.value.downloadMbps).toBeGreaterThan(0);
    expect(outcome.value.downloadMbps).toBeLessThanOrEqual(lineCeilingMbps(8));
    expect(lineCeilingMbps(8)).toBeLessThan(16);
    expect(outcome.value.uploadMbps).toBeGreaterThan(0);
    expect(outcome.value.uploadMbps).toBeLessThanOrEqual(lineCeilingMbps(8));
    expect(outcome.value.meetsRequirement).toBe(false);
    expect(degradedReasons({ bandwidth: outcome.value }, {})).toEqual(['bandwidth']);
    expectJsonSafe(outcome);
  });

  it('throttle=40: both figures stay under the line, and the DSL-16000 verdict follows them', async () => {
    target().setFaults(['throttle=40']);
    const outcome = await measureBandwidth(page(), bandwidthConfig(), 8_000);
    expect(outcome.failure).toBeUndefined();
    const { downloadMbps = Number.NaN, uploadMbps = Number.NaN } = outcome.value;
    expect(downloadMbps).toBeGreaterThan(0);
    expect(downloadMbps).toBeLessThanOrEqual(lineCeilingMbps(40));
    expect(uploadMbps).toBeGreaterThan(0);
    expect(uploadMbps).toBeLessThanOrEqual(lineCeilingMbps(40));
    const meets = downloadMbps >= 16 && uploadMbps >= 1;
    expect(outcome.value.meetsRequirement).toBe(meets);
    expect(degradedReasons({ bandwidth: outcome.value }, {})).toEqual(meets ? [] : ['bandwidth']);
  });

  it.each(['download-oversize', 'gzip-bomb'])('%s is a content failure and reading stops at the size asked', async (fault) => {
    target().setFaults([fault]);
    const config = { ...bandwidthConfig(), uploadUrl: undefined };
    const outcome = await measureBandwidth(page(), config, 8_000);
    expect(outcome.failure?.kind).toBe('content');
    expect(outcome.failure?.message).toMatch(/more than the \d+ bytes asked for/);
    // Reading stops within one decoded chunk past the size asked (Chromium hands over up to ~2 MiB of
    // inflated body at once); the bomb itself inflates to 1 GiB and the oversized answer to 10x.
    expect(outcome.value.downloadBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(outcome.value.downloadMbps).toBeUndefined();
    expectJsonSafe(outcome);
  });
});

describe('observeWebSocketHandshakes while the page sends', () => {
  it('stops watching after the upgrade, so the echoes it is watching carry no DevTools work', async () => {
    // Prepare (on the shared page: under --single-process, closing a page of its own would end the shared browser)
    const observer = await observeWebSocketHandshakes(page(), { url: target().wsUrl });
    await page().evaluate(async (url) => {
      const socket = new WebSocket(url);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      (globalThis as { watchedSocket?: WebSocket }).watchedSocket = socket;
    }, target().wsUrl);
    // Act: 20 echoes (40 frames), all sent after the upgrade the observer stops watching on
    const echoed = await page().evaluate(async () => {
      const socket = (globalThis as { watchedSocket?: WebSocket }).watchedSocket as WebSocket;
      let count = 0;
      for (let index = 0; index < 20; index += 1) {
        await new Promise<void>((resolve) => {
          socket.onmessage = () => resolve();
          socket.send(`frame ${index}`);
        });
        count += 1;
      }
      socket.close();
      return count;
    });
    const upgradeMs = await observer.stop();
    // Assess: the upgrade is still measured; a watching observer would have seen all 40 frames, and at
    // most the first few can pass before Network.disable (sent at the upgrade) reaches the renderer
    expect(echoed).toBe(20);
    expect(upgradeMs).toBeGreaterThanOrEqual(0);
    expect(observer.framesSeen()).toBeLessThan(40);
  });
});

describe('observeWebSocketHandshakes with echoes to time', () => {
  it("times each echo from the browser's frame timestamps at full precision, the figure the page sees clamped to 0.1 ms", async () => {
    // Prepare
    const url = target().wsUrl;
    const observer = await observeWebSocketHandshakes(page(), { url, echoPrefix: ECHO_PREFIX });
    // another socket to the same URL opens first (as the System-Check page's own may): echoes are matched by payload
    await page().evaluate(async (wsUrl) => {
      const other = new WebSocket(wsUrl);
      await new Promise((resolve, reject) => {
        other.onopen = resolve;
        other.onerror = reject;
      });
      (globalThis as { otherSocket?: WebSocket }).otherSocket = other;
    }, url);
    // Act: the page's own echo loop (12 messages) while the observer watches, then the whole measurement
    const raw = await evaluateWithin(
      page(),
      runWebSocketInPage,
      { url, messages: 12, intervalMs: 10, timeoutMs: 1_000, budgetMs: 8_000, prefix: ECHO_PREFIX },
      8_000,
    );
    const upgradeMs = await observer.stop();
    const measured = await measureWebSocket(page(), { ...wsConfig(), messages: 12 }, 8_000);
    // Assess: one frame-timed round trip per echo. The page stamps before its send and in its
    // listener, around the renderer's frame stamps, so the frame-timed figure is at most the page's
    // (plus the page clock's clamp: 0.1 ms per stamp, with jitter); how much smaller it is depends on
    // how soon the listener ran, which a busy machine delays, so no lower bound is asserted.
    expect(upgradeMs).toBeGreaterThanOrEqual(0);
    expect(raw.payloads).toHaveLength(12);
    for (const [index, payload] of raw.payloads.entries()) {
      const fine = observer.echoes().get(payload);
      expect(fine).toBeGreaterThan(0);
      expect(fine).toBeLessThanOrEqual((raw.samples[index] ?? Number.NaN) + 0.25);
    }
    // the page's figures sit on the 0.1 ms grid; measureWebSocket's do not (µs precision)
    expect(offGrid(raw.samples)).toBe(0);
    expect(offGrid(measured.value.rttMs?.samples ?? [])).toBeGreaterThan(6);
  });
});

describe('observeWebSocketHandshakes', () => {
  it('records the upgrade time of the WebSocket the System-Check page opens itself', async () => {
    // Prepare
    const checkPage = await launched().browser.newPage();
    try {
      const observer = await observeWebSocketHandshakes(checkPage);
      // Act
      const { elapsedMs } = await timed(async () => {
        await checkPage.goto(target().systemCheckUrl);
        await checkPage.waitForSelector('#check-websocket[data-state="ok"]', { timeout: 10_000 });
      });
      const upgradeMs = await observer.stop();
      // Assess: the upgrade happened while the page loaded and ran its check
      expect(upgradeMs).toBeGreaterThanOrEqual(0);
      expect(upgradeMs).toBeLessThanOrEqual(elapsedMs);
    } finally {
      await checkPage.close();
    }
  });
});

describe('a page stuck in an endless script', () => {
  it('ends the measurement at its budget as a timeout', async () => {
    // Prepare: its own browser, because with --single-process (Lambda) all pages share one renderer
    // thread, and the endless loop would stall the other tests' page too.
    target().setFaults(['js-loop']);
    const own = await launchBrowser();
    try {
      const stuckPage = await own.browser.newPage();
      await stuckPage.goto(target().systemCheckUrl);
      // Act
      const outcome = await measureHttp(stuckPage, { url: target().pingUrl, samples: 3 }, 1_000);
      // Assess (how long it took is held to the budget with an injected clock: measure-budget.test.ts)
      expect(outcome.failure?.kind).toBe('timeout');
      expect(outcome.value.rttMs).toBeUndefined();
    } finally {
      await own.close(1_000);
    }
  });
});
