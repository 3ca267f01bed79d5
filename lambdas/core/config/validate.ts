import type { AnyArraySpec, AnyObjectSpec, AnySpec, NumberSpec, StringSpec } from './spec';
import { isRequired } from './spec';
import type { ConfigIssue } from './error';
import { FORMATS, formatHint } from './formats';
import { didYouMeanHint } from '../did-you-mean';

/** Keys that must never sit in a config file: a hint towards where secrets belong instead. */
const SECRET_KEYS = ['password', 'passwort', 'secret', 'username', 'user', 'token'];
/** Longest excerpt of a bad value quoted in a message; the rest is elided. */
const MAX_QUOTED_CHARS = 80;

/** Collects issues while the walker descends; paths are built as `a.b[0].c`. */
export type IssueSink = ConfigIssue[];

/**
 * Stands for a value that was present but broke a rule: the cross-key rules see the key as given (no
 * second, misleading issue such as "needs secretArn" for a malformed secretArn) but never use it.
 * Only ever returned together with an issue, so a result without issues never contains it.
 */
export const INVALID: unique symbol = Symbol('invalid');

/** `"crm.pl"`, `0`, `null`, `an array`, `an object`: the value as a user recognizes it. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(withoutUserInfo(value));
    return quoted.length > MAX_QUOTED_CHARS ? `${quoted.slice(0, MAX_QUOTED_CHARS - 4)}…" (${value.length} characters)` : quoted;
  }
  return String(value);
}

/** A URL's user name and password as `***` (a config error must not repeat a secret); anything else as is. */
function withoutUserInfo(value: string): string {
  if (!URL.canParse(value)) return value;
  const url = new URL(value);
  if (url.username === '' && url.password === '') return value;
  if (url.username !== '') url.username = '***';
  if (url.password !== '') url.password = '***';
  return url.href;
}

export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** A key as it can be written after a dot; anything else is quoted in brackets. */
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
/** Longest key quoted in a path: a path must name the key, not repeat a megabyte of it. */
const MAX_PATH_KEY_CHARS = 64;

/**
 * The path of a key the user wrote (an unknown key): `a.b` for a plain key, `a["x y"]` or `a[""]` for
 * any other, so every issue names a path that can be read back, whatever the key is.
 */
export function joinKey(parent: string, key: string): string {
  if (PLAIN_KEY.test(key) && key.length <= MAX_PATH_KEY_CHARS) return joinPath(parent, key);
  const shown = key.length <= MAX_PATH_KEY_CHARS ? key : `${key.slice(0, MAX_PATH_KEY_CHARS)}…`;
  return `${parent}[${JSON.stringify(shown)}]`;
}

function report(issues: IssueSink, path: string, rule: string, value: unknown): typeof INVALID {
  issues.push({ path: path === '' ? '(root)' : path, message: `${rule}, got ${describeValue(value)}` });
  return INVALID;
}

function validateString(spec: StringSpec, value: unknown, path: string, issues: IssueSink): string | typeof INVALID {
  const format = spec.format === undefined ? undefined : FORMATS[spec.format];
  if (typeof value !== 'string' || value.trim() === '') {
    return report(
      issues,
      path,
      format ? `must be a non-empty string that ${format.rule.replace(/^must be /, 'is ')}` : 'must be a non-empty string',
      value,
    );
  }
  const broken = format?.check(value);
  if (broken !== undefined && spec.format !== undefined) {
    issues.push({ path, message: `${broken}, got ${describeValue(value)}.${formatHint(spec.format, value)}`.replace(/\.$/, '') });
    return INVALID;
  }
  return value;
}

/** `a whole number from 1 to 60 minutes`: the range rule of a number spec. */
export function numberRule(spec: NumberSpec): string {
  return `must be ${spec.integer ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max} ${spec.unit}`;
}

function validateNumber(spec: NumberSpec, value: unknown, path: string, issues: IssueSink): number | typeof INVALID {
  const ok = typeof value === 'number' && Number.isFinite(value) && (!spec.integer || Number.isInteger(value));
  if (!ok || value < spec.min || value > spec.max) return report(issues, path, numberRule(spec), value);
  return value;
}

function validateArray(spec: AnyArraySpec, value: unknown, path: string, issues: IssueSink): unknown[] | typeof INVALID {
  if (!Array.isArray(value)) return report(issues, path, 'must be an array', value);
  const min = spec.minItems ?? 0;
  if (value.length < min) {
    issues.push({ path, message: `must have at least ${min} item${min === 1 ? '' : 's'}, got ${value.length}` });
    return INVALID;
  }
  if (spec.maxItems !== undefined && value.length > spec.maxItems) {
    issues.push({ path, message: `must have at most ${spec.maxItems} items, got ${value.length}` });
    return INVALID;
  }
  const result = value.map((item, index) => validateValue(spec.items, item, joinPath(path, index), issues));
  if (spec.uniqueItems) checkUnique(result, path, issues);
  return result;
}

/**
 * Reports every later duplicate of an item. Only valid items are compared, as their checked form (a
 * shape the spec bounds), in one pass: an invalid item already has its issue, and comparing the raw
 * input would stringify whatever depth it has and take quadratic time over a long array.
 */
function checkUnique(items: readonly unknown[], path: string, issues: IssueSink): void {
  const firstIndexOf = new Map<string, number>();
  items.forEach((item, index) => {
    if (item === INVALID) return;
    const key = JSON.stringify(item);
    const first = firstIndexOf.get(key);
    if (first === undefined) firstIndexOf.set(key, index);
    else issues.push({ path: joinPath(path, index), message: `duplicate of ${joinPath(path, first)}, got ${describeValue(item)}` });
  });
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  if (SECRET_KEYS.includes(key.toLowerCase())) {
    return 'unknown key; never put credentials into the config: use credentials.usernameEnv/passwordEnv (CLI) or credentials.secretArn (Lambda)';
  }
  const hint = didYouMeanHint(key, known);
  return `unknown key.${hint === '' ? ` Known keys: ${known.join(', ')}` : hint}`;
}

function validateObject(spec: AnyObjectSpec, value: unknown, path: string, issues: IssueSink): Record<string, unknown> | typeof INVALID {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return report(issues, path, 'must be an object', value);
  const input = value as Record<string, unknown>;
  const known = Object.keys(spec.fields);
  for (const key of Object.keys(input)) {
    // Own keys only: `key in fields` would take `constructor`, `toString` or `__proto__` (an own key
    // after JSON.parse) for known keys, through Object.prototype.
    if (Object.hasOwn(spec.fields, key) || (spec.allowSchemaKey && key === '$schema')) continue;
    issues.push({ path: joinKey(path, key), message: unknownKeyMessage(key, known) });
  }
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec.fields)) {
    const fieldPath = joinPath(path, key);
    const raw = Object.hasOwn(input, key) ? input[key] : undefined;
    const checked = raw === undefined ? defaultOf(field, fieldPath, issues) : validateValue(field, raw, fieldPath, issues);
    if (checked !== undefined) result[key] = checked;
  }
  return result;
}

/** The value of an absent key: its default, an object of defaults, nothing (optional), or an issue. */
function defaultOf(spec: AnySpec, path: string, issues: IssueSink): unknown {
  if (spec.optional) return undefined;
  if (spec.kind === 'object') return validateObject(spec, {}, path, issues);
  if (spec.default !== undefined) return structuredClone(spec.default);
  if (isRequired(spec)) issues.push({ path, message: `is required (${spec.description.replace(/\.$/, '')})` });
  return undefined;
}

/**
 * Checks `value` against `spec`, appends every problem to `issues` and returns the value with defaults
 * merged ({@link INVALID} where it was invalid). Never throws; the caller decides what issues mean.
 */
export function validateValue(spec: AnySpec, value: unknown, path: string, issues: IssueSink): unknown {
  switch (spec.kind) {
    case 'string':
      return validateString(spec, value, path, issues);
    case 'number':
      return validateNumber(spec, value, path, issues);
    case 'boolean':
      return typeof value === 'boolean' ? value : report(issues, path, 'must be true or false', value);
    case 'array':
      return validateArray(spec, value, path, issues);
    case 'object':
      return validateObject(spec, value, path, issues);
  }
}
