import type { AnySpec } from './spec';
import { anySpec, isRequired } from './spec';
import type { MonitorConfig } from './types';
import { FORMATS } from './formats';
import { MONITOR_SPEC } from './schema';

/** One row of the configuration table in docs/config.md. */
export interface ConfigKeyRow {
  readonly key: string;
  readonly type: string;
  readonly default: string;
  readonly unit: string;
  readonly rule: string;
  readonly description: string;
}

function typeOf(spec: AnySpec): string {
  if (spec.kind === 'array') return `${typeOf(spec.items)}[]`;
  if (spec.kind === 'number') return spec.integer ? 'integer' : 'number';
  return spec.kind;
}

function defaultOf(spec: AnySpec): string {
  if (isRequired(spec)) return 'required';
  if (spec.defaultFrom) return `= \`${spec.defaultFrom}\``;
  if (spec.optional || spec.kind === 'object') return spec.optional ? '(none)' : '';
  return spec.default === undefined ? '' : `\`${JSON.stringify(spec.default)}\``;
}

function ruleOf(spec: AnySpec): string {
  const rules: string[] = [];
  if (spec.kind === 'number') rules.push(`${spec.min} to ${spec.max}${spec.integer ? ', whole' : ''}`);
  if (spec.kind === 'string' && spec.format) rules.push(FORMATS[spec.format].rule.replace(/^must be /, ''));
  if (spec.kind === 'string' && !spec.format) rules.push('non-empty');
  if (spec.kind === 'array' && spec.items.kind === 'string' && !spec.items.format) rules.push('each non-empty');
  if (spec.kind === 'array' && spec.items.kind === 'string' && spec.items.format) {
    rules.push(`each ${FORMATS[spec.items.format].rule.replace(/^must be /, '')}`);
  }
  if (spec.kind === 'array' && spec.minItems) rules.push(`at least ${spec.minItems}`);
  if (spec.kind === 'array' && spec.maxItems) rules.push(`at most ${spec.maxItems}`);
  if (spec.kind === 'array' && spec.uniqueItems) rules.push('no duplicates');
  if (spec.crossRule) rules.push(spec.crossRule);
  return rules.join('; ');
}

function collect(spec: AnySpec, key: string, rows: ConfigKeyRow[]): void {
  if (key !== '') {
    const unit = spec.kind === 'number' ? spec.unit : '';
    rows.push({ key, type: typeOf(spec), default: defaultOf(spec), unit, rule: ruleOf(spec), description: spec.description });
  }
  if (spec.kind === 'object')
    for (const [name, field] of Object.entries(spec.fields)) collect(field, key === '' ? name : `${key}.${name}`, rows);
  if (spec.kind === 'array' && spec.items.kind === 'object') collect(spec.items, `${key}[]`, rows);
}

/** Every key of the config (`targets[].timeouts.roundMs`), in file order, for the docs table. */
export function configKeyRows(): readonly ConfigKeyRow[] {
  const rows: ConfigKeyRow[] = [];
  collect(anySpec<MonitorConfig>(MONITOR_SPEC), '', rows);
  return rows.filter((row) => !row.key.endsWith('[]') || row.type !== 'object');
}

/** The rows as a Markdown table (the generated block of docs/config.md). */
export function configKeyTable(): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const lines = ['| Key | Type | Default | Unit | Rule | Meaning |', '| --- | --- | --- | --- | --- | --- |'];
  for (const row of configKeyRows()) {
    lines.push(
      `| \`${row.key}\` | ${row.type} | ${escape(row.default)} | ${row.unit} | ${escape(row.rule)} | ${escape(row.description)} |`,
    );
  }
  return lines.join('\n');
}

export const TABLE_START = '<!-- GENERATED:config-keys (npx tsx config/generate-schema.ts) -->';
export const TABLE_END = '<!-- /GENERATED:config-keys -->';

/** `doc` with the block between the markers replaced by the current key table; throws if a marker is missing. */
export function docsWithKeyTable(doc: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`docs/config.md needs the markers ${TABLE_START} and ${TABLE_END}`);
  return `${doc.slice(0, start + TABLE_START.length)}\n${configKeyTable()}\n${doc.slice(end)}`;
}
