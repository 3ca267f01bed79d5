/**
 * Step 3 of the journey: the engine's own measurements in the System-Check page (same origin as
 * the target, so Resource Timing is complete), each a recorded step within the round deadline.
 */
import type { Page } from 'playwright-core';
import { DEFAULT_HTTP, DEFAULT_WEBSOCKET } from '../core/config/defaults';
import type { HttpConfig, TargetConfig, WebSocketConfig } from '../core/config/types';
import type { Deadline } from '../core/deadline';
import { endpointToMeasure } from '../core/discovery/endpoints';
import type { BandwidthMeasurement, EndpointSeen, HttpMeasurement, WebSocketMeasurement } from '../core/types';
import { stepBudget } from './bounded';
import { measureBandwidth } from './measure/bandwidth';
import { measureHttp } from './measure/http';
import type { MeasureOutcome } from './measure/in-page';
import { measureWebSocket } from './measure/websocket';
import type { RoundRecorder } from './round-recorder';

export interface Measurements {
  websocket?: WebSocketMeasurement;
  http?: HttpMeasurement;
  bandwidth?: BandwidthMeasurement;
}

/** Slack for a bandwidth step beyond its two per-direction budgets (warm-up, setup). */
export const BANDWIDTH_SLACK_MS = 2_000;

/** The endpoints the System-Check page itself used (measured when the config names none). */
export interface PageEndpoints {
  readonly websocket: readonly EndpointSeen[];
  readonly http: readonly EndpointSeen[];
}

/** The configured echo endpoint, else the socket the page opened on its own site (not necessarily an echo). */
function websocketPlan(
  target: TargetConfig,
  seen: PageEndpoints,
  pageUrl: string,
): { config: WebSocketConfig; discovered: boolean } | undefined {
  if (target.websocket) return { config: target.websocket, discovered: false };
  if (!target.measurePageEndpoints) return undefined;
  const url = endpointToMeasure(seen.websocket, pageUrl, 'websocket');
  return url ? { config: { url, ...DEFAULT_WEBSOCKET }, discovered: true } : undefined;
}

function httpPlan(target: TargetConfig, seen: PageEndpoints, pageUrl: string): { config: HttpConfig; discovered: boolean } | undefined {
  if (target.http) return { config: target.http, discovered: false };
  if (!target.measurePageEndpoints) return undefined;
  const url = endpointToMeasure(seen.http, pageUrl, 'http');
  return url ? { config: { url, ...DEFAULT_HTTP }, discovered: true } : undefined;
}

/**
 * Runs every measurement the target configures, and WebSocket/HTTP RTT against the page's own
 * endpoints where the config names none; each failure is recorded on its own step.
 */
export async function runMeasurements(
  page: Page,
  target: TargetConfig,
  deadline: Deadline,
  recorder: RoundRecorder,
  seen: PageEndpoints = { websocket: [], http: [] },
): Promise<Measurements> {
  const found: Measurements = {};
  const judge = <T>(outcome: MeasureOutcome<T>) => outcome.failure;
  const websocket = websocketPlan(target, seen, page.url());
  if (websocket) {
    const outcome = await recorder.run(
      'websocket',
      'websocket',
      () =>
        measureWebSocket(page, websocket.config, stepBudget(deadline, target.timeouts.stepMs, 'the WebSocket measurement'), {
          discovered: websocket.discovered,
        }),
      judge,
    );
    if (outcome) found.websocket = outcome.value;
  }
  const http = httpPlan(target, seen, page.url());
  if (http) {
    const outcome = await recorder.run(
      'http',
      'http',
      () =>
        measureHttp(page, http.config, stepBudget(deadline, target.timeouts.stepMs, 'the HTTP measurement'), {
          discovered: http.discovered,
        }),
      judge,
    );
    if (outcome) found.http = outcome.value;
  }
  if (target.bandwidth && (target.bandwidth.downloadUrl || target.bandwidth.uploadUrl)) {
    const config = target.bandwidth;
    const capMs = Math.max(target.timeouts.stepMs, 2 * config.budgetMs + BANDWIDTH_SLACK_MS);
    const outcome = await recorder.run(
      'bandwidth',
      'http',
      () => measureBandwidth(page, config, stepBudget(deadline, capMs, 'the bandwidth measurement')),
      judge,
    );
    if (outcome) found.bandwidth = outcome.value;
  }
  return found;
}
