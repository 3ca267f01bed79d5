/**
 * The bench's browser side, run inside the client namespace (`ip netns exec NS npx tsx bench/client.ts
 * PLAN_JSON`): launches the browser (Chromium, or Firefox with the probe's or Firefox's default timer
 * precision), opens the target's ping URL (so the page is on the target origin), runs the planned
 * measurements and prints one JSON line with every outcome.
 */
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import type { Page, Response } from 'playwright-core';
import { findProcessesWithMarker, launchBrowser, type LaunchOptions } from '../lambdas/probe/browser';
import { measureBandwidth } from '../lambdas/probe/measure/bandwidth';
import { measureHttp } from '../lambdas/probe/measure/http';
import { measureWebSocket } from '../lambdas/probe/measure/websocket';
import { BANDWIDTH_SLACK_MS } from '../lambdas/probe/measurements';

/** Upper bound on the rounds of one client run, whatever the plan asks (the benches ask for 2 or 3). */
const MAX_REPEATS = 10;

export interface ClientPlan {
  readonly origin: string;
  readonly kind: 'bandwidth' | 'latency';
  /** @default 'chromium' */
  readonly browser?: 'chromium' | 'firefox';
  /**
   * Firefox's page clocks: `probe` = the probe profile's (unclamped), `default` = Firefox's own
   * (`privacy.reduceTimerPrecision` on: 1 ms steps), to show what the preferences buy. @default 'probe'
   */
  readonly firefoxTimers?: 'probe' | 'default';
  readonly repeats: number;
  /** Bandwidth: bytes cap and time budget per direction. */
  readonly maxBytes?: number;
  readonly budgetMs?: number;
}

/** Firefox's own timer preferences, which the probe profile turns off. */
const FIREFOX_DEFAULT_TIMERS = { 'privacy.reduceTimerPrecision': true, 'privacy.reduceTimerPrecision.unconditional': true };

/**
 * HTTP round trips of the monitor's measured pings (`_acs=<nonce>-<i>`, i ≥ 1) from the browser's
 * own network events (WebDriver BiDi in Firefox): request sent → first response byte, by URL.
 */
function watchPingTimings(page: Page): { take(): number[] } {
  const byUrl = new Map<string, number>();
  page.on('response', (response: Response) => {
    if (!/[?&]_acs=[a-z0-9]+-([1-9]\d*)$/.test(response.url())) return;
    const { requestStart, responseStart } = response.request().timing();
    if (requestStart >= 0 && responseStart >= requestStart) byUrl.set(response.url(), responseStart - requestStart);
  });
  return {
    take() {
      const samples = [...byUrl.values()];
      byUrl.clear();
      return samples;
    },
  };
}

/**
 * Chromium sets each of its threads' nice value by the thread's type, whatever it was started with:
 * its network service thread runs at 0 even under `nice -n -10`, behind curl and the ws client. So
 * before each round every thread of this browser gets the niceness the bench gave this process
 * (threads Chromium starts later keep their own until the next round).
 */
function reniceThreads(marker: string): void {
  const nice = getPriority();
  for (const pid of findProcessesWithMarker(marker)) {
    let threads: string[] = [];
    try {
      threads = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // the process has just ended
    }
    for (const tid of threads) {
      try {
        setPriority(Number(tid), nice);
      } catch {
        // the thread has just ended
      }
    }
  }
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '{}') as ClientPlan;
  const options: LaunchOptions =
    plan.browser === 'firefox'
      ? { browser: 'firefox', ...(plan.firefoxTimers === 'default' ? { firefoxPrefs: FIREFOX_DEFAULT_TIMERS } : {}) }
      : { browser: 'chromium' };
  const launched = await launchBrowser(options);
  try {
    const page = await launched.browser.newPage();
    await page.goto(`${plan.origin}/api/ping`, { timeout: 10_000 });
    const pings = watchPingTimings(page);
    const outcomes: unknown[] = [];
    for (let repeat = 0; repeat < Math.min(plan.repeats, MAX_REPEATS); repeat += 1) {
      reniceThreads(launched.marker);
      if (plan.kind === 'bandwidth') {
        const config = {
          downloadUrl: `${plan.origin}/download?bytes={bytes}`,
          uploadUrl: `${plan.origin}/upload`,
          minDownloadMbps: 16,
          minUploadMbps: 1,
          maxBytes: plan.maxBytes ?? 25_000_000,
          budgetMs: plan.budgetMs ?? 6_000,
        };
        // the journey's bandwidth step budget: both directions plus their slack
        outcomes.push(await measureBandwidth(page, config, 2 * config.budgetMs + BANDWIDTH_SLACK_MS));
      } else {
        const websocket = await measureWebSocket(
          page,
          { url: `${plan.origin.replace(/^http/, 'ws')}/ws`, messages: 20, intervalMs: 50, timeoutMs: 2_000 },
          10_000,
        );
        const http = await measureHttp(page, { url: `${plan.origin}/api/ping`, samples: 10 }, 10_000);
        // Firefox only (Chromium's pages report no request timing to Playwright without CDP work of its own)
        const protocolHttpMs = launched.engine === 'gecko' ? pings.take() : [];
        outcomes.push({ websocket, http, protocolHttpMs });
      }
    }
    process.stdout.write(`${JSON.stringify({ ok: true, version: launched.browser.version(), outcomes })}\n`);
  } finally {
    await launched.close();
  }
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exitCode = 1;
});
