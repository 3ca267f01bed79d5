/**
 * The structural pass of the config at its boundaries, message for message: a value quoted up to
 * its limit, arrays at their item limits, unknown keys with and without a suggestion, a required key,
 * a root that is not an object. Found by mutation testing lambdas/core/config/validate.ts (86.5 %).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type ConfigIssue } from '../../lambdas/core/config';
import { formatHint } from '../../lambdas/core/config/formats';
import { judgeVerdict } from '../../lambdas/core/discovery/judge-verdict';
import type { AnySpec } from '../../lambdas/core/config/spec';
import { describeValue, validateValue } from '../../lambdas/core/config/validate';
import { firstTarget, validRawConfig } from './config-fixtures';

/** The issues `parseConfig` reports for `raw`; [] when it parses. */
function issuesOf(raw: unknown): readonly ConfigIssue[] {
  try {
    parseConfig(raw);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
}

describe('describeValue', () => {
  it('quotes a string whole up to 80 characters with its quotes, and cuts a longer one, saying its length', () => {
    // Prepare: 78 characters + 2 quotes = 80
    const fits = 'a'.repeat(78);
    const longer = 'a'.repeat(79);
    // Act + Assess
    expect(describeValue(fits)).toBe(`"${fits}"`);
    expect(describeValue(longer)).toBe(`"${'a'.repeat(75)}…" (79 characters)`);
  });

  it('names null, arrays, objects and other values as a user recognizes them', () => {
    expect([null, [1], { a: 1 }, 0, false, undefined].map(describeValue)).toEqual([
      'null',
      'an array',
      'an object',
      '0',
      'false',
      'undefined',
    ]);
  });
});

describe('parseConfig, structure', () => {
  it('names a root that is not an object as (root)', () => {
    expect(issuesOf(5)).toEqual([{ path: '(root)', message: 'must be an object, got 5' }]);
    expect(issuesOf([])).toEqual([{ path: '(root)', message: 'must be an object, got an array' }]);
  });

  it('takes up to 50 targets and not one more', () => {
    // Prepare
    const targets = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ ...firstTarget(validRawConfig()), name: `t${index}` }));
    // Act
    const fifty = issuesOf({ ...validRawConfig(), schedule: 60, targets: targets(50) }).filter((issue) =>
      issue.message.startsWith('must have'),
    );
    const fiftyOne = issuesOf({ ...validRawConfig(), schedule: 60, targets: targets(51) }).filter((issue) =>
      issue.message.startsWith('must have'),
    );
    // Assess
    expect(fifty).toEqual([]);
    expect(fiftyOne).toEqual([{ path: 'targets', message: 'must have at most 50 items, got 51' }]);
  });

  it('needs at least one target, in the singular', () => {
    expect(issuesOf({ ...validRawConfig(), targets: [] })).toEqual([{ path: 'targets', message: 'must have at least 1 item, got 0' }]);
  });

  it('lists the known keys for an unknown key that resembles none, and suggests the one it resembles', () => {
    // Act
    const unrelated = issuesOf({ ...validRawConfig(), alarms: { zebra: 1 } });
    const typo = issuesOf({ ...validRawConfig(), alarms: { outageQuroum: 1 } });
    // Assess
    expect(unrelated).toHaveLength(1);
    expect(unrelated[0]?.path).toBe('alarms.zebra');
    expect(unrelated[0]?.message).toMatch(/^unknown key\. Known keys: [a-zA-Z0-9]+(, [a-zA-Z0-9]+)+$/);
    expect(unrelated[0]?.message).toContain('outageQuorum');
    expect(typo).toEqual([{ path: 'alarms.outageQuroum', message: 'unknown key. Did you mean "outageQuorum"?' }]);
  });

  it("names a required key with its description, without the description's final full stop", () => {
    // Prepare
    const raw = validRawConfig();
    delete firstTarget(raw).loginUrl;
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('targets[0].loginUrl');
    expect(issues[0]?.message).toMatch(/^is required \(.*[^.]\)$/);
  });

  it('quotes the description of a required key whole, full stops inside it included', () => {
    // Prepare
    const raw = validRawConfig();
    firstTarget(raw).http = {};
    // Act + Assess
    expect(issuesOf(raw)).toEqual([{ path: 'targets[0].http.url', message: 'is required (Small no-store endpoint, e.g. /api/ping)' }]);
  });

  it('names an unknown key of up to 64 characters whole, and cuts a longer one at 64 with an ellipsis', () => {
    // Prepare
    const plain64 = 'k'.repeat(64);
    const spaced64 = `${'k'.repeat(62)} x`;
    const plain65 = 'k'.repeat(65);
    const raw = { ...validRawConfig(), [plain64]: 1, [spaced64]: 1, [plain65]: 1 };
    // Act
    const paths = issuesOf(raw).map((issue) => issue.path);
    // Assess
    expect(paths).toEqual([plain64, `[${JSON.stringify(spaced64)}]`, `["${'k'.repeat(64)}…"]`]);
  });

  it('refuses a number written as a string, and NaN, for a key that takes fractions', () => {
    // Prepare
    const asString = validRawConfig();
    firstTarget(asString).bandwidth.minDownloadMbps = '16';
    const notANumber = validRawConfig();
    firstTarget(notANumber).bandwidth.minDownloadMbps = Number.NaN;
    // Act + Assess
    expect(issuesOf(asString)).toEqual([
      { path: 'targets[0].bandwidth.minDownloadMbps', message: 'must be a number from 0.1 to 10000 Mbit/s, got "16"' },
    ]);
    expect(issuesOf(notANumber)).toEqual([
      { path: 'targets[0].bandwidth.minDownloadMbps', message: 'must be a number from 0.1 to 10000 Mbit/s, got NaN' },
    ]);
  });

  it('reports each invalid item of a list without duplicates once, never as a duplicate of another invalid item', () => {
    // Prepare
    const raw = { ...validRawConfig(), probeRegions: ['eu-central-1', 'mars-1', 'mars-1', 'eu-central-1'] };
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues.map((issue) => issue.path)).toEqual(['probeRegions[1]', 'probeRegions[2]', 'probeRegions[3]']);
    expect(issues[0]?.message).toMatch(/^must be a commercial AWS region such as eu-central-1, got "mars-1"/);
    expect(issues[2]?.message).toBe('duplicate of probeRegions[0], got "eu-central-1"');
  });

  it('states a minimum of more than one item in the plural', () => {
    // Prepare
    const spec: AnySpec = { kind: 'array', items: { kind: 'string', description: 'A word.' }, minItems: 2, description: 'Words.' };
    const issues: ConfigIssue[] = [];
    // Act
    validateValue(spec, ['one'], 'words', issues);
    // Assess
    expect(issues).toEqual([{ path: 'words', message: 'must have at least 2 items, got 1' }]);
  });

  it('refuses an empty string for a formatted key with the format\'s rule, as "is …"', () => {
    // Prepare
    const raw = validRawConfig();
    firstTarget(raw).loginUrl = '  ';
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues).toEqual([
      {
        path: 'targets[0].loginUrl',
        message: expect.stringMatching(/^must be a non-empty string that is an absolute http\(s\) URL.*, got " {2}"$/),
      },
    ]);
  });
});

describe('a URL with credentials in the config', () => {
  it.each([
    ['https://demo:hunter2@crm.example/cgi-bin/xorg/crm.pl', '"https://***:***@crm.example/cgi-bin/xorg/crm.pl"'],
    ['https://demo@crm.example/', '"https://***@crm.example/"'],
    ['https://:hunter2@crm.example/', '"https://:***@crm.example/"'],
    ['ftp://demo:hunter2@crm.example/', '"ftp://***:***@crm.example/"'],
  ])('is refused without repeating its user name or password: %s', (loginUrl, shown) => {
    // Prepare
    const raw = validRawConfig();
    firstTarget(raw).loginUrl = loginUrl;
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('targets[0].loginUrl');
    expect(issues[0]?.message).toContain(`got ${shown}`);
    expect(JSON.stringify(issues)).not.toContain('hunter2');
    expect(JSON.stringify(issues)).not.toContain('demo');
  });

  it('quotes a URL without credentials as written', () => {
    expect(describeValue('ftp://crm.example/x')).toBe('"ftp://crm.example/x"');
    // as written, not as the URL parser would normalize it (lower-case host, a path added)
    expect(describeValue('ftp://CRM.example')).toBe('"ftp://CRM.example"');
  });
});

describe('a regular expression in the config', () => {
  it.each(['ok\\-', 'bestanden{', 'ok]'])('is refused when the probe could not compile it (case-insensitive, Unicode): %s', (pattern) => {
    // Prepare
    const raw = validRawConfig();
    firstTarget(raw).systemCheck = { pendingPattern: pattern, verdicts: { http: { ok: pattern } } };
    // Act
    const issues = issuesOf(raw);
    // Assess
    expect(issues.map((issue) => issue.path)).toEqual(['targets[0].systemCheck.pendingPattern', 'targets[0].systemCheck.verdicts.http.ok']);
    expect(issues[0]?.message).toMatch(/^must be a valid regular expression \(.+\), got "/);
    expect(issues[0]?.message.endsWith(`got ${JSON.stringify(pattern)}`)).toBe(true);
  });

  it('is accepted when the verdict judge can use it', () => {
    // Prepare
    const raw = validRawConfig();
    firstTarget(raw).systemCheck = { pendingPattern: 'läuft \\d+ s', verdicts: { http: { ok: 'HTTP/\\d aktiv' } } };
    // Act
    const config = parseConfig(raw);
    // Assess
    const { pendingPattern, verdicts } = config.targets[0]!.systemCheck;
    expect(judgeVerdict('HTTP/3 AKTIV', { ok: verdicts.http.ok, pending: pendingPattern }).outcome).toBe('pass');
    expect(judgeVerdict('läuft 5 s', { ok: verdicts.http.ok, pending: pendingPattern }).outcome).toBe('pending');
  });
});

describe('format hints', () => {
  it('reads a browser alias in any case and with spaces around it', () => {
    expect(formatHint('browser', ' Google-Chrome ')).toBe(' Did you mean "chromium"?');
    expect(formatHint('browser', 'MSEdge')).toBe(' Did you mean "edge"?');
  });

  it('gives no hint for a format without suggestions, even for a value one edit from a browser or region', () => {
    expect(formatHint('target-name', 'chrome')).toBe('');
    expect(formatHint('target-name', 'firefix')).toBe('');
  });
});
