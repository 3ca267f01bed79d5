/**
 * Random and hostile inputs for the boundary properties: JSON values as a config file or a Lambda event
 * may hold them, keys that name Object.prototype's members, numbers CloudWatch refuses, and strings
 * that break naive escaping (lone surrogates, control characters, markup, percent signs).
 */
import fc from 'fast-check';

/** Keys that must be unknown keys wherever they appear. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'] as const;

/** Strings a careless parser, escaper or path builder trips over. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    'a\udc00b',
    '%',
    '%E0%A4%A',
    '&amp;<script>',
    '"; DROP',
    '[redacted]',
    'a.b',
    '[0]',
    '${x}',
    '\n\t\r',
    'é́',
    '🦀',
    'crm.pl',
    'https://',
    'wss://x/ws',
    'arn:aws:secretsmanager:eu-central-1:123456789012:secret:x',
    'eu-central-1',
    'x'.repeat(5_000),
  ),
);

/** Object keys: plain, empty, odd and prototype member names. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), hostileString);

/** Numbers a JSON document can hold, plus the ones only JS can make (NaN, ±Infinity, -0). */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    2 ** 53 + 2,
    1e308,
    -1e308,
    2 ** 360,
    2 ** 361,
    -(2 ** 361),
    5e-324,
    1e-300,
    Number.NaN,
    Infinity,
    -Infinity,
  ),
);

/** Any JSON value, with hostile keys and leaves, a few levels deep. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber.filter(Number.isFinite),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map(ownObject),
  ),
})).value;

/** An object whose keys are all own keys, `__proto__` included, as JSON.parse builds it. */
export function ownObject(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
  return object;
}

/** A deep copy through JSON text: what a config file or event would deliver (`__proto__` stays an own key). */
export function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** One edit of a JSON document: where (a path of keys/indexes into it) and what. */
export type Edit =
  | { readonly op: 'replace'; readonly pick: number; readonly value: unknown }
  | { readonly op: 'delete'; readonly pick: number }
  | { readonly op: 'add'; readonly pick: number; readonly key: string; readonly value: unknown };

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), pick: fc.nat(), value: hostileJson }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('add' as const), pick: fc.nat(), key: hostileKey, value: hostileJson }),
);

type Container = Record<string, unknown> | unknown[];
interface Slot {
  readonly parent: Container;
  readonly key: string | number;
}

/** Every (container, key) pair of a document, depth first: the places an edit can act on. */
function slots(node: unknown): Slot[] {
  if (typeof node !== 'object' || node === null) return [];
  const container = node as Container;
  const keys: (string | number)[] = Array.isArray(container) ? container.map((_, index) => index) : Object.keys(container);
  return keys.flatMap((key) => [{ parent: container, key }, ...slots((container as Record<string | number, unknown>)[key])]);
}

/** Every object of a document (where a key can be added), depth first, the root first. */
function objects(node: unknown): Record<string, unknown>[] {
  if (typeof node !== 'object' || node === null) return [];
  const children = Array.isArray(node) ? node : Object.values(node);
  return [...(Array.isArray(node) ? [] : [node as Record<string, unknown>]), ...children.flatMap(objects)];
}

/** `document` (a fresh copy) with the edits applied in order; an edit with nowhere to act does nothing. */
export function applyEdits(document: unknown, edits: readonly Edit[]): unknown {
  const copy = viaJson(document);
  for (const change of edits) {
    if (change.op === 'add') {
      const targets = objects(copy);
      const target = targets[change.pick % Math.max(1, targets.length)];
      if (target) Object.defineProperty(target, change.key, { value: change.value, enumerable: true, configurable: true, writable: true });
      continue;
    }
    const places = slots(copy);
    const place = places[change.pick % Math.max(1, places.length)];
    if (!place) continue;
    const parent = place.parent as Record<string | number, unknown>;
    if (change.op === 'replace')
      Object.defineProperty(parent, place.key, { value: change.value, enumerable: true, configurable: true, writable: true });
    else if (Array.isArray(parent)) parent.splice(place.key as number, 1);
    else delete parent[place.key];
  }
  return viaJson(copy);
}

/**
 * A path as the validator writes it: `(root)`, or segments `key`, `[0]` or `["odd key"]` joined by dots,
 * e.g. `targets[0].timeouts.stepMs` or `targets[0][""]`.
 */
export const ISSUE_PATH =
  /^(?:\(root\)|(?:[A-Za-z_$][\w$-]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])(?:\.[A-Za-z_$][\w$-]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*)$/;
