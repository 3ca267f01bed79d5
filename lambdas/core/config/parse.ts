/**
 * Parsing a whole config: the structural pass (validate.ts over the spec), the cross-key rules
 * (rules.ts), then defaults that depend on other keys, then a deep freeze. A Lambda event's targets:
 * parse-targets.ts.
 */
import { ConfigError, type ConfigIssue } from './error';
import type { MonitorConfig } from './types';
import { DEFAULT_ALARMS } from './defaults';
import { deepFreeze, withThresholds } from './parse-targets';
import { anySpec } from './spec';
import { MONITOR_SPEC } from './schema';
import { checkMonitor } from './rules';
import { INVALID, validateValue } from './validate';

/**
 * With fewer probe regions than the default quorum (e.g. one region), the default becomes the number
 * of regions, so a user is never told about a key they did not set. An explicit quorum stays checked.
 */
function capDefaultQuorum(raw: unknown, checked: Record<string, unknown>): void {
  const rawAlarms = (raw as { alarms?: unknown }).alarms;
  const setByUser =
    typeof rawAlarms === 'object' && rawAlarms !== null && (rawAlarms as { outageQuorum?: unknown }).outageQuorum !== undefined;
  const alarms = checked.alarms as { outageQuorum?: unknown } | typeof INVALID | undefined;
  if (setByUser || !Array.isArray(checked.probeRegions) || typeof alarms !== 'object' || alarms === null) return;
  if (checked.probeRegions.length > 0) alarms.outageQuorum = Math.min(DEFAULT_ALARMS.outageQuorum, checked.probeRegions.length);
}

/**
 * Validates a parsed config file (CLI start, CDK synth) and returns it with defaults merged, deeply
 * frozen. Throws a {@link ConfigError} that lists every problem with its path.
 * @param raw the parsed JSON
 * @param source file name for the message, e.g. `synthetics.config.json`
 */
export function parseConfig(raw: unknown, source?: string): MonitorConfig {
  const issues: ConfigIssue[] = [];
  const checked = validateValue(anySpec<MonitorConfig>(MONITOR_SPEC), raw, '', issues);
  if (checked !== INVALID) {
    capDefaultQuorum(raw, checked as Record<string, unknown>);
    checkMonitor(checked as Record<string, unknown>, issues);
  }
  if (issues.length > 0) throw new ConfigError(issues, source);
  const config = checked as MonitorConfig;
  return deepFreeze({ ...config, targets: config.targets.map((target) => withThresholds(target, config.alarms)) });
}
