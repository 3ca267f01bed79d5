/**
 * Keys that name Object.prototype's members are unknown keys like any other, at every level of the
 * config and of a Lambda event: the validator compares keys against its own fields only. JSON.parse
 * makes `__proto__` an own key (not the prototype), so each case goes through JSON text.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseTargets } from '../../lambdas/core/config';
import { MONITOR_SPEC } from '../../lambdas/core/config/schema';
import { anySpec, type AnySpec } from '../../lambdas/core/config/spec';
import type { MonitorConfig } from '../../lambdas/core/config/types';
import { resolveEvent } from '../../lambdas/runtime/event';
import { thrown, validRawConfig } from './config-fixtures';

const PROTOTYPE_KEYS = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** Every object in the config spec, as a list of steps from the root (`0` = the first array item). */
function objectPaths(spec: AnySpec, steps: (string | number)[] = []): (string | number)[][] {
  if (spec.kind === 'array') return objectPaths(spec.items, [...steps, 0]);
  if (spec.kind !== 'object') return [];
  return [steps, ...Object.entries(spec.fields).flatMap(([key, field]) => objectPaths(field, [...steps, key]))];
}

/** `targets[0].systemCheck.verdicts`: the steps as the validator writes a path. */
function pathOf(steps: readonly (string | number)[]): string {
  return steps.reduce<string>((path, step) => (typeof step === 'number' ? `${path}[${step}]` : path ? `${path}.${step}` : step), '');
}

/**
 * A valid config with `key` planted as an own key of the object at `steps` (made where the fixture has
 * none), passed through JSON text as a config file would be.
 */
function plant(steps: readonly (string | number)[], key: string): unknown {
  const raw = validRawConfig();
  let node: Record<string | number, unknown> = raw;
  steps.forEach((step, index) => {
    const next = steps[index + 1];
    if (typeof node[step] !== 'object' || node[step] === null) node[step] = typeof next === 'number' ? [] : {};
    node = node[step] as Record<string | number, unknown>;
  });
  Object.defineProperty(node, key, { value: { planted: true }, enumerable: true, configurable: true, writable: true });
  return JSON.parse(JSON.stringify(raw)) as unknown;
}

const PATHS = objectPaths(anySpec<MonitorConfig>(MONITOR_SPEC));
const CASES = PATHS.flatMap((steps) => PROTOTYPE_KEYS.map((key) => ({ at: pathOf(steps) || '(root)', steps, key })));

describe('prototype keys in a config', () => {
  it('covers every object of the spec', () => {
    // 1 root + alarms (2 topics) + targets[0] and its sections: a spec change shows up here.
    expect(PATHS.length).toBeGreaterThanOrEqual(15);
  });

  it('JSON text makes __proto__ an own key, not the prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"schedule": 5}}') as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it.each(CASES)('$key at $at is an unknown key with its path', ({ steps, key }) => {
    // Act
    const error = thrown(() => parseConfig(plant(steps, key), 'synthetics.config.json'));
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    const path = steps.length === 0 ? key : `${pathOf(steps)}.${key}`;
    const issue = (error as ConfigError).issues.find((candidate) => candidate.path === path);
    expect(issue?.message).toMatch(/^unknown key\./);
    // The did-you-mean never offers Object.prototype's members ("function Object() { [native code] }").
    expect(issue?.message).not.toMatch(/native code|\[object Object\]/);
  });

  it('accepts a clean config, and a parsed one has no prototype keys of its own', () => {
    const config = parseConfig(JSON.parse(JSON.stringify(validRawConfig())) as unknown);
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.hasOwn(config, 'constructor')).toBe(false);
  });

  it.each(['constructor', '__proto__', 'toString'])('browser %j is refused without a did-you-mean from Object.prototype', (name) => {
    const raw = validRawConfig() as { targets: Record<string, unknown>[] };
    (raw.targets[0] as Record<string, unknown>).browsers = [name];
    const error = thrown(() => parseConfig(raw)) as ConfigError;
    const issue = error.issues.find((candidate) => candidate.path === 'targets[0].browsers[0]');
    expect(issue?.message).toBe(`must be one of "chromium", "firefox", "edge", got "${name}"`);
  });
});

describe('prototype keys in a Lambda event', () => {
  const targetCases = CASES.filter(({ steps }) => steps[0] === 'targets' && steps.length > 1);

  it.each(targetCases)('$key at $at of a target is refused by parseTargets and the event', ({ steps, key }) => {
    // Prepare: the event carries the targets of the planted config.
    const { targets } = plant(steps, key) as { targets: unknown[] };
    const path = `${pathOf(steps)}.${key}`;
    // Act + Assess: the core parser and the handler's event reader.
    const error = thrown(() => parseTargets({ targets })) as ConfigError;
    expect(error.issues.find((issue) => issue.path === path)?.message).toMatch(/^unknown key\./);
    expect(() => resolveEvent({ targets }, undefined)).toThrow(`event.${path}: unknown key.`);
  });

  it.each(PROTOTYPE_KEYS)('%s at the top of the event is an unknown event key', (key) => {
    const event = JSON.parse(`{"${key}": {"targets": []}}`) as unknown;
    expect(() => resolveEvent(event, '{"targets": []}')).toThrow(`event.${key}: unknown key`);
  });
});
