/**
 * Parsing: the structural pass (validate.ts over the spec), the cross-key rules
 * (rules.ts), then defaults that depend on other keys, then a deep freeze.
 */
import { ConfigError, type ConfigIssue } from './error';
import type { AlarmsConfig, MonitorConfig, TargetConfig, ThresholdsConfig } from './types';
import { DEFAULT_ALARMS } from './defaults';
import { anySpec } from './spec';
import { MONITOR_SPEC } from './schema';
import { TARGET_SPEC } from './schema-target';
import { checkMonitor, checkTargets } from './rules';
import { describeValue, INVALID, validateValue } from './validate';

type AlarmThresholds = Pick<AlarmsConfig, 'websocketRttP95Ms' | 'httpRttP95Ms' | 'loginTtfbMs'>;

/** Freezes `value` and everything reachable from it, so no module can change the shared config. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Per-target thresholds default to the alarm thresholds of the same name: one number, two uses. */
function withThresholds(target: TargetConfig, alarms: AlarmThresholds): TargetConfig {
  const thresholds: ThresholdsConfig = {
    websocketRttP95Ms: target.thresholds.websocketRttP95Ms ?? alarms.websocketRttP95Ms,
    httpRttP95Ms: target.thresholds.httpRttP95Ms ?? alarms.httpRttP95Ms,
    loginTtfbMs: target.thresholds.loginTtfbMs ?? alarms.loginTtfbMs,
  };
  return { ...target, thresholds };
}

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

/**
 * Validates the targets of a Lambda event (`{ targets: [...] }`; other keys of the event belong to the
 * handler and are ignored) and returns them with defaults merged, deeply frozen. Thresholds a target
 * leaves out take the default alarm thresholds. Throws a {@link ConfigError} with every problem.
 */
export function parseTargets(raw: unknown, source = 'Lambda event'): readonly TargetConfig[] {
  const issues: ConfigIssue[] = [];
  const event = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  if (!event)
    throw new ConfigError([{ path: '(root)', message: `must be an object with a targets array, got ${describeValue(raw)}` }], source);
  if (event.targets === undefined) throw new ConfigError([{ path: 'targets', message: 'is required (the targets to probe)' }], source);
  const spec = anySpec<TargetConfig[]>({ kind: 'array', items: TARGET_SPEC, minItems: 1, description: 'Targets to probe.' });
  const checked = validateValue(spec, event.targets, 'targets', issues);
  checkTargets(checked, 'targets', issues);
  if (issues.length > 0) throw new ConfigError(issues, source);
  return deepFreeze((checked as TargetConfig[]).map((target) => withThresholds(target, DEFAULT_ALARMS)));
}
