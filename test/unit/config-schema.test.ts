import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configKeyRows, configKeyTable, docsWithKeyTable, TABLE_END, TABLE_START } from '../../lambdas/core/config/doc-table';
import { configJsonSchema, JSON_SCHEMA_PATH, schemaFileText } from '../../lambdas/core/config/json-schema';
import { isRequired, type AnySpec, type SpecFor } from '../../lambdas/core/config/spec';
import { parseConfig } from '../../lambdas/core/config';

const REGENERATE = 'stale: run `npx tsx config/generate-schema.ts` and commit the result';

type Schema = {
  properties: Record<string, Schema>;
  items?: Schema;
  required?: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
};

/** Follows `targets[].timeouts.roundMs` through the generated schema. */
function schemaAt(key: string): Schema {
  let node = configJsonSchema() as unknown as Schema;
  for (const part of key.split('.')) {
    const name = part.replace(/\[\]$/, '');
    node = node.properties[name] as Schema;
    if (part.endsWith('[]')) node = node.items as Schema;
  }
  return node;
}

describe('generated files', () => {
  it('config/synthetics.schema.json is up to date', () => {
    expect(readFileSync(JSON_SCHEMA_PATH, 'utf8'), REGENERATE).toBe(schemaFileText());
  });

  it('the key table in docs/config.md is up to date', () => {
    const doc = readFileSync('docs/config.md', 'utf8');
    expect(doc, REGENERATE).toBe(docsWithKeyTable(doc));
  });

  it('replaces only the block between the markers, also when the document starts with the first', () => {
    // Act
    const doc = docsWithKeyTable(`${TABLE_START}\nstale\n${TABLE_END}\nafter`);
    // Assess
    expect(doc).toBe(`${TABLE_START}\n${configKeyTable()}\n${TABLE_END}\nafter`);
  });

  it.each([
    ['no marker', 'text'],
    ['only the start marker', `${TABLE_START}\n`],
    ['only the end marker', `x\n${TABLE_END}\n`],
    ['the markers swapped', `x\n${TABLE_END}\n${TABLE_START}\n`],
  ])('refuses a document with %s, naming both markers', (_case, doc) => {
    expect(() => docsWithKeyTable(doc)).toThrow(`docs/config.md needs the markers ${TABLE_START} and ${TABLE_END}`);
  });

  it('writes exactly the schema object: no key whose undefined value the file would drop', () => {
    // Act
    const schema = configJsonSchema();
    // Assess
    expect(JSON.parse(schemaFileText())).toStrictEqual(schema);
  });
});

describe('JSON Schema and validator agree (both come from one spec)', () => {
  it('lists every key of a fully defaulted config, and no other', () => {
    // Prepare: every leaf key of a parsed config (optional pieces pinned), arrays of objects written as `targets[]`
    const pinned = { selector: '#v', ok: 'ok' };
    const config = parseConfig({
      targets: [
        {
          name: 'a',
          loginUrl: 'https://a.example/',
          credentials: {
            secretArn: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:a',
            ...{ usernameSelector: '#u', passwordSelector: '#p', submitSelector: '#s', successSelector: '#h', logoutSelector: '#o' },
          },
          systemCheck: {
            link: 'System-Check',
            linkSelector: '#system-check-link',
            pendingPattern: 'läuft',
            verdicts: { browser: pinned, websocket: pinned, http: pinned },
          },
          websocket: { url: 'wss://a.example/ws' },
          http: { url: 'https://a.example/api/ping' },
          bandwidth: { downloadUrl: 'https://a.example/d?b={bytes}', uploadUrl: 'https://a.example/u' },
        },
      ],
    });
    const leaves: string[] = [];
    const walk = (value: unknown, key: string): void => {
      if (Array.isArray(value) && typeof value[0] === 'object') walk(value[0], `${key}[]`);
      else if (typeof value === 'object' && value !== null && !Array.isArray(value))
        for (const [name, child] of Object.entries(value)) walk(child, key === '' ? name : `${key}.${name}`);
      else leaves.push(key);
    };
    walk(config, '');
    const documented = configKeyRows()
      .filter((row) => row.type !== 'object' && row.type !== 'object[]')
      .map((row) => row.key);
    // Assess: the parsed config lacks only the credential env names (secretArn was used instead) and
    // the optional existing VPCs
    expect(documented.filter((key) => !leaves.includes(key))).toEqual([
      'hardening.existingVpcs[].region',
      'hardening.existingVpcs[].vpcId',
      'hardening.existingVpcs[].subnetIds',
      'targets[].credentials.usernameEnv',
      'targets[].credentials.passwordEnv',
    ]);
    expect(leaves.filter((key) => !documented.includes(key))).toEqual([]);
  });

  it('carries the same defaults, ranges and required keys as the validator', () => {
    expect(schemaAt('schedule')).toMatchObject({ type: 'integer', minimum: 1, maximum: 60, default: 1 });
    expect(schemaAt('targets[].timeouts.roundMs')).toMatchObject({ minimum: 1000, default: 20_000 });
    expect(schemaAt('targets[]').required).toEqual(['name', 'loginUrl']);
    expect(schemaAt('targets[].websocket').required).toEqual(['url']);
    expect(configJsonSchema()).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      additionalProperties: false,
      required: ['targets'],
    });
    expect(schemaAt('homeRegion')).toMatchObject({ enum: expect.arrayContaining(['eu-central-1', 'us-east-1']) });
  });
});

describe('isRequired', () => {
  it('holds for an object with one required key among keys with defaults', () => {
    // Prepare
    const word: AnySpec = { kind: 'string', description: 'A word.' };
    const spec: AnySpec = { kind: 'object', description: 'Both.', fields: { given: word, defaulted: { ...word, default: 'x' } } };
    // Act + Assess
    expect(isRequired(spec)).toBe(true);
    expect(isRequired({ ...spec, fields: { defaulted: { ...word, default: 'x' } } })).toBe(false);
  });
});

describe('spec and TypeScript types agree at compile time', () => {
  it('rejects a spec that misses a key or marks a required key optional', () => {
    const missing: SpecFor<{ a: string; b: number }> = {
      kind: 'object',
      description: '',
      // @ts-expect-error -- `b` is missing from fields
      fields: { a: { kind: 'string', description: '' } },
    };
    const wronglyOptional: SpecFor<{ a: string }> = {
      kind: 'object',
      description: '',
      // @ts-expect-error -- `a` is required in the type, so its spec may not be optional
      fields: { a: { kind: 'string', description: '', optional: true } },
    };
    expect([missing.kind, wronglyOptional.kind]).toEqual(['object', 'object']);
  });
});
