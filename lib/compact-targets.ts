import { parseTargets } from '../lambdas/core/config';
import {
  DEFAULT_ALARMS,
  DEFAULT_BANDWIDTH,
  DEFAULT_BROWSERS,
  DEFAULT_EXPECT_SELECTORS,
  DEFAULT_HTTP,
  DEFAULT_TIMEOUTS,
  DEFAULT_WEBSOCKET,
} from '../lambdas/core/config/defaults';
import type { TargetConfig } from '../lambdas/core/config/types';

/** Every default a target can carry, in the shape of a target: values equal to these are left out. */
const TARGET_DEFAULTS: Readonly<Record<string, unknown>> = {
  browsers: DEFAULT_BROWSERS,
  expectSelectors: DEFAULT_EXPECT_SELECTORS,
  systemCheck: { verdicts: { browser: {}, websocket: {}, http: {} } },
  timeouts: DEFAULT_TIMEOUTS,
  websocket: DEFAULT_WEBSOCKET,
  http: DEFAULT_HTTP,
  measurePageEndpoints: true,
  bandwidth: DEFAULT_BANDWIDTH,
  thresholds: {
    websocketRttP95Ms: DEFAULT_ALARMS.websocketRttP95Ms,
    httpRttP95Ms: DEFAULT_ALARMS.httpRttP95Ms,
    loginTtfbMs: DEFAULT_ALARMS.loginTtfbMs,
  },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function prune(value: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const fallback = defaults[key];
    if (fallback !== undefined && JSON.stringify(item) === JSON.stringify(fallback)) continue;
    kept[key] = isPlainObject(item) && isPlainObject(fallback) ? prune(item, fallback) : item;
  }
  return kept;
}

/**
 * The targets in config-file form without the values that are defaults anyway: what the schedule
 * sends and the environment carries (Lambda allows 4 KB of environment, EventBridge 8 KB of input).
 * The handler's `parseTargets` merges the defaults back; when that would not give exactly `targets`
 * (a default changed shape), the full targets are returned instead, so compaction can never change
 * what is probed.
 */
export function compactTargets(targets: readonly TargetConfig[]): readonly unknown[] {
  const compact = targets.map((target) => prune(target as unknown as Record<string, unknown>, TARGET_DEFAULTS));
  const restored = parseTargets({ targets: compact }, 'compacted targets');
  return JSON.stringify(restored) === JSON.stringify(targets) ? compact : targets;
}
