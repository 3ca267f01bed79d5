import type { AnySpec } from './spec';
import { anySpec, isRequired } from './spec';
import type { MonitorConfig } from './types';
import { FORMATS } from './formats';
import { MONITOR_SPEC } from './schema';

type JsonSchema = Record<string, unknown>;

/** Where the generated schema lives in the repo; `$schema` in a config file points here. */
export const JSON_SCHEMA_PATH = 'config/synthetics.schema.json';

function description(spec: AnySpec): string {
  const unit = spec.kind === 'number' ? ` Unit: ${spec.unit}.` : '';
  const cross = spec.crossRule === undefined ? '' : ` Rule: ${spec.crossRule}.`;
  const from = spec.defaultFrom === undefined ? '' : ` Default: ${spec.defaultFrom}.`;
  return `${spec.description}${unit}${from}${cross}`;
}

function node(spec: AnySpec): JsonSchema {
  const common: JsonSchema = { description: description(spec) };
  switch (spec.kind) {
    case 'string':
      return {
        type: 'string',
        minLength: 1,
        ...(spec.format ? FORMATS[spec.format].jsonSchema : {}),
        ...common,
        ...defaults(spec.default),
      };
    case 'number':
      return { type: spec.integer ? 'integer' : 'number', minimum: spec.min, maximum: spec.max, ...common, ...defaults(spec.default) };
    case 'boolean':
      return { type: 'boolean', ...common, ...defaults(spec.default) };
    case 'array':
      return {
        type: 'array',
        items: node(spec.items),
        ...(spec.minItems === undefined ? {} : { minItems: spec.minItems }),
        ...(spec.maxItems === undefined ? {} : { maxItems: spec.maxItems }),
        ...(spec.uniqueItems ? { uniqueItems: true } : {}),
        ...common,
        ...defaults(spec.default),
      };
    case 'object': {
      const properties: JsonSchema = spec.allowSchemaKey
        ? { $schema: { type: 'string', description: 'Path or URL of this JSON Schema (for editors).' } }
        : {};
      for (const [key, field] of Object.entries(spec.fields)) properties[key] = node(field);
      const required = Object.entries(spec.fields)
        .filter(([, field]) => isRequired(field))
        .map(([key]) => key);
      return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false, ...common };
    }
  }
}

function defaults(value: unknown): JsonSchema {
  return value === undefined ? {} : { default: value };
}

/**
 * The JSON Schema (draft 2020-12) of a config file, generated from the same spec the validator walks.
 * Editors use it for completion and squiggles; rules across keys (see `Rule:` in descriptions) are
 * only checked by `parseConfig`.
 */
export function configJsonSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/autocrm/autocrm-synthetics/config/synthetics.schema.json',
    title: 'autocrm-synthetics configuration',
    ...node(anySpec<MonitorConfig>(MONITOR_SPEC)),
  };
}

/** The exact text of config/synthetics.schema.json (2-space JSON and a final newline). */
export function schemaFileText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
