import { ConfigError, type ConfigIssue } from '../core/config/error';
import { parseTargets } from '../core/config/parse-targets';
import { describeValue, joinKey } from '../core/config/validate';
import { didYouMeanHint } from '../core/did-you-mean';
import type { TargetConfig } from '../core/config/types';
import { ENV_KEYS } from './env';

/** Why the handler was invoked: by the schedule, or synchronously as the deploy-time smoke gate. */
export const INVOCATION_MODES = ['scheduled', 'smoke'] as const;
export type InvocationMode = (typeof INVOCATION_MODES)[number];

/** The event the schedule (or the smoke trigger, or a person) sends. */
export interface ProbeEvent {
  /** Targets in config-file form; absent = the targets of the config baked into SYNTHETICS_CONFIG. */
  readonly targets?: readonly unknown[];
  /** @default 'scheduled' */
  readonly mode?: InvocationMode;
}

/** A validated event. */
export interface ResolvedEvent {
  readonly mode: InvocationMode;
  readonly targets: readonly TargetConfig[];
  /** `event` or `SYNTHETICS_CONFIG`: where the targets came from, for the log. */
  readonly source: string;
}

/** An event (or baked config) the handler cannot run: every problem, each starting with its path. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
  /** `event.targets[0].loginUrl: must be …`, one per problem; the message lists them all. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[], fromEvent = true) {
    super(`invalid ${fromEvent ? 'event' : 'event or baked config'}: ${problems.join('; ')}`);
    this.problems = Object.freeze([...problems]);
  }
}

const EVENT_KEYS = ['targets', 'mode'];

/**
 * Validates the event like any config: unknown keys, a bad mode and every target problem are
 * reported together. Without `targets`, the config baked into the environment is used.
 */
export function resolveEvent(event: unknown, configJson: string | undefined): ResolvedEvent {
  const record = readEventObject(event);
  const problems: string[] = [];
  for (const key of Object.keys(record)) {
    if (!EVENT_KEYS.includes(key))
      problems.push(`${joinKey('event', key)}: unknown key; allowed keys are ${EVENT_KEYS.join(', ')}.${didYouMeanHint(key, EVENT_KEYS)}`);
  }
  const mode = record.mode ?? 'scheduled';
  if (!(INVOCATION_MODES as readonly unknown[]).includes(mode)) {
    problems.push(`event.mode: must be one of ${INVOCATION_MODES.join(', ')}, got ${describeValue(mode)}`);
  }
  const fromEvent = record.targets !== undefined;
  const rawTargets = fromEvent ? { targets: record.targets } : bakedTargets(configJson);
  const source = fromEvent ? 'event' : ENV_KEYS.config;
  let targets: readonly TargetConfig[] = [];
  if (typeof rawTargets === 'string') {
    problems.push(rawTargets);
  } else {
    try {
      targets = parseTargets({ targets: rawTargets.targets }, source);
    } catch (error) {
      problems.push(...describeConfigError(error, source));
    }
  }
  if (problems.length > 0) throw new InvalidEventError(problems, fromEvent);
  return { mode: mode as InvocationMode, targets, source };
}

/** The event as a record; anything but an object (or nothing) cannot be read at all. */
function readEventObject(event: unknown): Record<string, unknown> {
  if (event === undefined || event === null) return {};
  if (typeof event !== 'object' || Array.isArray(event)) {
    throw new InvalidEventError([
      `event: must be a JSON object like {"targets": [...], "mode": "scheduled"}, got ${Array.isArray(event) ? 'an array' : typeof event}`,
    ]);
  }
  return event as Record<string, unknown>;
}

/** The targets of the baked config, or the problem (as text) why there are none. */
function bakedTargets(configJson: string | undefined): { targets: unknown } | string {
  if (configJson === undefined) {
    return `event.targets: missing, and ${ENV_KEYS.config} is not set; pass targets in the event or deploy with the CDK stack, which sets ${ENV_KEYS.config}`;
  }
  let config: unknown;
  try {
    config = JSON.parse(configJson);
  } catch {
    return `${ENV_KEYS.config}: not JSON; redeploy so the stack writes the config again`;
  }
  const targets = (config as { targets?: unknown } | null)?.targets;
  return targets === undefined ? `${ENV_KEYS.config}.targets: missing` : { targets };
}

/** A ConfigError's issues (path + rule) with the event's prefix; anything else is passed on by its message. */
function describeConfigError(error: unknown, source: string): string[] {
  const prefix = source === 'event' ? 'event.' : `${source}.`;
  if (error instanceof ConfigError && error.issues.length > 0) {
    return error.issues.map((issue) => formatIssue(issue, prefix));
  }
  return [error instanceof Error ? error.message : String(error)];
}

function formatIssue(issue: ConfigIssue, prefix: string): string {
  const where = issue.path !== '' && issue.path !== '(root)' ? issue.path : 'targets';
  return `${prefix}${where}: ${issue.message}`;
}
