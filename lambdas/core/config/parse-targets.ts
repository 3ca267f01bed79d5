/**
 * Parsing a Lambda event's targets: the structural pass over the target spec, the rules across
 * targets, defaults, a deep freeze. Apart from parse.ts (the whole config) so that the Lambda bundle
 * carries the target spec only, not the monitor's (regions, alarms, schedule).
 */
import { ConfigError, type ConfigIssue } from './error';
import type { AlarmsConfig, TargetConfig, ThresholdsConfig } from './types';
import { DEFAULT_ALARMS } from './defaults';
import { anySpec } from './spec';
import { TARGET_SPEC } from './schema-target';
import { checkTargets } from './rules';
import { describeValue, validateValue } from './validate';

/** The alarm thresholds a target's own thresholds default to. */
export type AlarmThresholds = Pick<AlarmsConfig, 'websocketRttP95Ms' | 'httpRttP95Ms' | 'loginTtfbMs'>;

/** Freezes `value` and everything reachable from it, so no module can change the shared config. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Per-target thresholds default to the alarm thresholds of the same name: one number, two uses. */
export function withThresholds(target: TargetConfig, alarms: AlarmThresholds): TargetConfig {
  const thresholds: ThresholdsConfig = {
    websocketRttP95Ms: target.thresholds.websocketRttP95Ms ?? alarms.websocketRttP95Ms,
    httpRttP95Ms: target.thresholds.httpRttP95Ms ?? alarms.httpRttP95Ms,
    loginTtfbMs: target.thresholds.loginTtfbMs ?? alarms.loginTtfbMs,
  };
  return { ...target, thresholds };
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
