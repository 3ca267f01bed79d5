/**
 * A small declarative description of the config: one tree drives the validator (validate.ts),
 * the JSON Schema for editors (json-schema.ts) and the key table in docs/config.md, so the
 * three can never disagree. `SpecFor<T>` ties the tree to the TypeScript types in types.ts:
 * a missing or extra key, or an optional key not marked `optional`, is a compile error.
 */

/** Value formats with their own check (formats.ts). */
export type StringFormat =
  | 'http-url'
  | 'https-url'
  | 'ws-url'
  | 'download-url'
  | 'email'
  | 'regex'
  | 'region'
  | 'env-name'
  | 'secret-arn'
  | 'vpc-id'
  | 'subnet-id'
  | 'namespace'
  | 'target-name'
  | 'browser';

interface BaseSpec {
  /** One sentence for the schema and the docs table. */
  readonly description: string;
  /** Absent in the input → absent in the result (no default). */
  readonly optional?: boolean;
  /** Rules checked across keys (rules.ts), stated for the docs and the schema description. */
  readonly crossRule?: string;
  /** An optional key that `parseConfig` fills from another key (docs only), e.g. `alarms.loginTtfbMs`. */
  readonly defaultFrom?: string;
}

export interface StringSpec extends BaseSpec {
  readonly kind: 'string';
  readonly default?: string;
  readonly format?: StringFormat;
}

export interface NumberSpec extends BaseSpec {
  readonly kind: 'number';
  /** Whole numbers only. */
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
  /** Unit shown in messages and docs (`ms`, `minutes`, `Mbit/s`, ...). */
  readonly unit: string;
  readonly default?: number;
}

export interface BooleanSpec extends BaseSpec {
  readonly kind: 'boolean';
  readonly default?: boolean;
}

export interface ArraySpec<T> extends BaseSpec {
  readonly kind: 'array';
  readonly items: SpecFor<T>;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** Duplicates are reported at the later index. */
  readonly uniqueItems?: boolean;
  readonly default?: readonly T[];
}

export interface ObjectSpec<T> extends BaseSpec {
  readonly kind: 'object';
  readonly fields: FieldsFor<T>;
  /** Accept a `$schema` key (the root of a config file points editors at the JSON Schema). */
  readonly allowSchemaKey?: boolean;
}

/** The spec of a value of type T (string, number, boolean, array or object). */
export type SpecFor<T> = [T] extends [string]
  ? StringSpec
  : [T] extends [number]
    ? NumberSpec
    : [T] extends [boolean]
      ? BooleanSpec
      : T extends readonly (infer U)[]
        ? ArraySpec<U>
        : T extends object
          ? ObjectSpec<T>
          : never;

/** Every key of T, `optional: true` exactly where T's key is optional. */
export type FieldsFor<T> = {
  readonly [K in keyof T]-?: undefined extends T[K]
    ? SpecFor<Exclude<T[K], undefined>> & { readonly optional: true }
    : SpecFor<T[K]> & { readonly optional?: false };
};

/** The spec of a key that is always present in the result (required in the input, or defaulted). */
export type Mandatory<T> = SpecFor<T> & { readonly optional?: false };

/** Any spec node, for the generic walkers. */
export type AnySpec = StringSpec | NumberSpec | BooleanSpec | AnyArraySpec | AnyObjectSpec;
export interface AnyArraySpec extends BaseSpec {
  readonly kind: 'array';
  readonly items: AnySpec;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly default?: readonly unknown[];
}
export interface AnyObjectSpec extends BaseSpec {
  readonly kind: 'object';
  readonly fields: Readonly<Record<string, AnySpec>>;
  readonly allowSchemaKey?: boolean;
}

/** Widens a typed spec to the generic shape the walkers take. */
export function anySpec<T>(spec: SpecFor<T>): AnySpec {
  return spec as unknown as AnySpec;
}

/** True when the input must contain this key: no default, not optional, and not an object made only of defaults. */
export function isRequired(spec: AnySpec): boolean {
  if (spec.optional) return false;
  if (spec.kind === 'object') return Object.values(spec.fields).some(isRequired);
  return spec.default === undefined;
}
