/**
 * The structural pass of the config at its boundaries, message for message: a value quoted up to
 * its limit, arrays at their item limits, unknown keys with and without a suggestion, a required key,
 * a root that is not an object. Found by mutation testing lambdas/core/config/validate.ts (86.5 %).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type ConfigIssue } from '../../lambdas/core/config';
import { formatHint } from '../../lambdas/core/config/formats';
import { describeValue } from '../../lambdas/core/config/validate';
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
