/**
 * WebSocket measurement: connect time and echo RTT in the page, upgrade RTT from the browser's
 * network stack (CDP in Chromium, BiDi in Firefox); in Chromium each echo's RTT at full precision
 * from the renderer's own frame timestamps (CDP) where it reported them, in Firefox from the page's
 * unclamped clock (BiDi has no frame events).
 *
 * Failure rule (kind `websocket`): the socket does not open; or any echo is lost; or the socket
 * closes before the last echo; or the page stops answering during the measurement. WebSocket runs
 * over TCP, which never drops a message silently, so an echo missing for `timeoutMs` (seconds) is a
 * stalled connection or a broken server — for autocrm's WebSocket-driven UI that is an outage from
 * the user's chair, not a slow afternoon.
 */
import type { Page } from 'playwright-core';
import type { WebSocketConfig } from '../../core/config/types';
import { distribution, jitter, roundMs } from '../../core/stats';
import type { WebSocketClocks, WebSocketMeasurement } from '../../core/types';
import { observeWebSocketHandshakes } from './handshakes';
import { attachWithin } from './network-session';
import { errorMessage, evaluateWithin, PageTimeoutError, preferBrowserTimings, type MeasureOutcome } from './in-page';
import { runWebSocketInPage, type WsPageResult } from './websocket-page';

/** The start of every echo message (then a nonce per measurement and the message's index). */
export const ECHO_PREFIX = 'autocrm-synthetics:';

/** A socket found on the System-Check page gets this long to echo our first message before we take it as no echo server. */
export const DISCOVERED_ECHO_WAIT_MS = 1_000;

export interface WebSocketMeasureOptions {
  /**
   * The socket is the one the System-Check page opened, not a configured echo endpoint: if it does not
   * echo, the measurement keeps its connect and upgrade times and is not a failure.
   */
  readonly discovered?: boolean;
}

/** Measures one WebSocket from inside `page` (which should be on the target's origin). Never throws. */
export async function measureWebSocket(
  page: Page,
  config: WebSocketConfig,
  budgetMs: number,
  options: WebSocketMeasureOptions = {},
): Promise<MeasureOutcome<WebSocketMeasurement>> {
  const url = absoluteWebSocketUrl(config.url, page.url());
  const discovered = options.discovered === true;
  const source = { source: discovered ? ('discovered' as const) : ('configured' as const) };
  const { observer, leftMs } = await attachWithin(budgetMs, (attachTimeoutMs) =>
    observeWebSocketHandshakes(page, { url, attachTimeoutMs, echoPrefix: ECHO_PREFIX }),
  );
  let raw: WsPageResult;
  try {
    raw = await evaluateWithin(
      page,
      runWebSocketInPage,
      {
        url,
        messages: config.messages,
        intervalMs: config.intervalMs,
        timeoutMs: discovered ? Math.min(config.timeoutMs, DISCOVERED_ECHO_WAIT_MS) : config.timeoutMs,
        budgetMs: leftMs,
        prefix: ECHO_PREFIX,
        stopWhenNoEcho: discovered,
      },
      leftMs,
    );
  } catch (error) {
    await observer.stop();
    // Also when the page stopped answering: during this step the usual cause is the socket itself
    // (e.g. frames of tens of MB keep the page busy), so the failure belongs to the WebSocket.
    const hint = error instanceof PageTimeoutError ? ' (the page stopped answering while the socket was open)' : '';
    return {
      value: { url, ...source, sent: 0, lost: 0 },
      failure: { kind: 'websocket', message: `WebSocket ${url}: ${errorMessage(error)}${hint}` },
    };
  }
  const upgradeMs = await observer.stop();
  const timed = preferBrowserTimings(raw.samples, raw.payloads, observer.echoes(), { browser: observer.clock, page: 'performance-now' });
  const clocks: WebSocketClocks = {
    connectMs: 'performance-now',
    ...(upgradeMs !== undefined && observer.clock ? { upgradeMs: observer.clock } : {}),
    ...(timed.samples.length > 0 ? { rttMs: timed.clocks } : {}),
  };
  const value = {
    ...toMeasurement(url, { ...raw, samples: timed.samples }, upgradeMs, clocks),
    ...source,
    ...(raw.noEcho ? { echoes: false } : {}),
  };
  // a socket of the page's own that does not echo still told us its connect and upgrade times
  const message = raw.noEcho && raw.connected ? undefined : failureMessage(url, raw, config);
  return message === undefined ? { value } : { value, failure: { kind: 'websocket', message } };
}

function toMeasurement(url: string, raw: WsPageResult, upgradeMs: number | undefined, clocks: WebSocketClocks): WebSocketMeasurement {
  const rttMs = distribution(raw.samples);
  const jitterMs = roundMs(jitter(raw.samples));
  const connectMs = raw.connected ? roundMs(raw.connectMs) : undefined;
  return {
    url,
    ...(connectMs !== undefined ? { connectMs } : {}),
    ...(upgradeMs !== undefined ? { upgradeMs } : {}),
    ...(rttMs !== undefined ? { rttMs } : {}),
    ...(jitterMs !== undefined ? { jitterMs } : {}),
    sent: raw.sent,
    lost: raw.lost,
    ...(raw.closedEarly && raw.closeCode !== undefined ? { closeCode: raw.closeCode } : {}),
    ...(raw.connected ? { clocks } : {}),
  };
}

function failureMessage(url: string, raw: WsPageResult, config: WebSocketConfig): string | undefined {
  const code = raw.closeCode !== undefined ? ` (close code ${raw.closeCode})` : '';
  if (!raw.connected) {
    return `WebSocket ${url} could not be opened${code}${raw.error ? `: ${raw.error}` : ''}`;
  }
  if (raw.error !== undefined) return `WebSocket ${url}: ${raw.error}`;
  if (raw.lost > 0) {
    return `WebSocket ${url}: ${raw.lost} of ${raw.sent} echoes did not come back within ${config.timeoutMs} ms`;
  }
  if (raw.closedEarly && raw.samples.length < config.messages) {
    return `WebSocket ${url} was closed${code} after ${raw.samples.length} of ${config.messages} echoes`;
  }
  if (raw.sent === 0) return `WebSocket ${url}: no time left in the budget to send a message`;
  return undefined;
}

/** The config URL as the browser will report it: relative URLs resolve against the page (http→ws). */
export function absoluteWebSocketUrl(configUrl: string, pageUrl: string): string {
  if (/^wss?:\/\//i.test(configUrl)) return configUrl;
  try {
    const resolved = new URL(configUrl, pageUrl);
    resolved.protocol = resolved.protocol === 'https:' ? 'wss:' : 'ws:';
    return resolved.toString();
  } catch {
    return configUrl;
  }
}
