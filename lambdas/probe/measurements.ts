/**
 * Step 3 of the journey: the engine's own measurements in the System-Check page (same origin as
 * the target, so Resource Timing is complete), each a recorded step within the round deadline.
 */
import type { Page } from 'playwright-core';
import type { TargetConfig } from '../core/config/types';
import type { Deadline } from '../core/deadline';
import type { BandwidthMeasurement, HttpMeasurement, WebSocketMeasurement } from '../core/types';
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

/** Runs every measurement the target configures; each failure is recorded on its own step. */
export async function runMeasurements(
  page: Page,
  target: TargetConfig,
  deadline: Deadline,
  recorder: RoundRecorder,
): Promise<Measurements> {
  const found: Measurements = {};
  const judge = <T>(outcome: MeasureOutcome<T>) => outcome.failure;
  if (target.websocket) {
    const config = target.websocket;
    const outcome = await recorder.run(
      'websocket',
      'websocket',
      () => measureWebSocket(page, config, stepBudget(deadline, target.timeouts.stepMs, 'the WebSocket measurement')),
      judge,
    );
    if (outcome) found.websocket = outcome.value;
  }
  if (target.http) {
    const config = target.http;
    const outcome = await recorder.run(
      'http',
      'http',
      () => measureHttp(page, config, stepBudget(deadline, target.timeouts.stepMs, 'the HTTP measurement')),
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
