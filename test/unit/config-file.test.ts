import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../cli/config-file';
import { ConfigError } from '../../lambdas/core/config';
import { jsonErrorPosition } from '../../lambdas/core/config/json-position';
import { thrown, validRawConfig } from './config-fixtures';

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'config-file-test-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadConfigFile', () => {
  it('reads, validates and freezes a config file (BOM and $schema allowed)', () => {
    // Prepare
    const path = write('ok.json', `\uFEFF${JSON.stringify({ $schema: './config/synthetics.schema.json', ...validRawConfig() }, null, 2)}`);
    // Act
    const config = loadConfigFile(path);
    // Assess
    expect(config.targets[0]?.name).toBe('autocrm');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('says "file not found" for a missing file, not "invalid config"', () => {
    // Prepare
    const path = join(dir, 'nope.json');
    // Act
    const error = thrown(() => loadConfigFile(path)) as ConfigError;
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`file not found: ${path}`);
    expect(error.issues).toEqual([{ path, message: `file not found: ${path}` }]);
  });

  it('refuses a directory', () => {
    // Prepare
    const path = join(dir, 'a-directory.json');
    mkdirSync(path);
    // Act
    const error = thrown(() => loadConfigFile(path)) as ConfigError;
    // Assess
    expect(error.message).toBe(`not a file: ${path} is a folder`);
  });

  it('gives line and column of invalid JSON', () => {
    // Prepare
    const path = write('broken.json', '{\n  "schedule": 1,\n  "targets": [ }\n}\n');
    // Act
    const error = thrown(() => loadConfigFile(path)) as ConfigError;
    // Assess
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toBe(`${path}:3:16`);
    expect(error.message).toBe(`not a JSON file: ${path} (line 3, column 16: Unexpected token '}')`);
  });

  it('says "not a JSON file" with the place, not a stack overflow, for nesting deeper than any config', () => {
    // Prepare: 100 000 unclosed arrays after a valid start (within the file size limit)
    const path = write('deep.json', `{"targets": ${'['.repeat(100_000)}`);
    // Act
    const error = thrown(() => loadConfigFile(path)) as ConfigError;
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(new RegExp(`^not a JSON file: .*deep\\.json \\(line 1, column ${13 + 100_000}: `));
  });

  it('reports every rule broken inside the file, with the file as source', () => {
    // Prepare
    const path = write('bad.json', JSON.stringify({ schedule: 0, targets: [] }));
    // Act
    const error = thrown(() => loadConfigFile(path)) as ConfigError;
    // Assess
    expect(error.source).toBe(path);
    expect(error.message.split('\n')[0]).toBe(`invalid config: ${path} (2 problems):`);
    expect(error.issues.map((issue) => issue.path)).toEqual(['schedule', 'targets']);
  });
});

describe('jsonErrorPosition', () => {
  it.each([
    ['{"a": }', { line: 1, column: 7 }],
    ['{\n "a": 1,\n}', { line: 3, column: 1 }],
    ['', { line: 1, column: 1 }],
    ['[1 2]', { line: 1, column: 4 }],
    ['{"a": 1} x', { line: 1, column: 10 }],
    ['{"a": tru}', { line: 1, column: 7 }],
  ])('locates the error in %j', (text, position) => {
    expect(jsonErrorPosition(text)).toEqual(position);
  });

  it('finds nothing in valid JSON', () => {
    expect(jsonErrorPosition(' {"a": [true, null, -1.5e3, "x\\u00e4\\n"], "b": {}} ')).toBeUndefined();
  });

  it('locates an error after nesting 100 000 deep, and finds none in such nesting closed', () => {
    // Prepare
    const depth = 100_000;
    // Act + Assess
    expect(jsonErrorPosition(`${'[{"a":'.repeat(depth)}x`)).toEqual({ line: 1, column: 6 * depth + 1 });
    expect(jsonErrorPosition(`${'[{"a":'.repeat(depth)}1${'}]'.repeat(depth)}`)).toBeUndefined();
    expect(jsonErrorPosition(`${'['.repeat(depth)}${']'.repeat(depth - 1)}}`)).toEqual({ line: 1, column: 2 * depth });
  });
});
