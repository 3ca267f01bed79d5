/**
 * Property: whatever JSON a config file or a Lambda event's targets hold, the parser returns a config
 * or throws a ConfigError, nothing else; every issue names a path that can be read back and a rule;
 * an accepted config parses again to itself. Inputs: a valid config with random edits (values
 * replaced by hostile JSON, keys deleted, odd and prototype keys added) and arbitrary JSON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseTargets } from '../../lambdas/core/config';
import { validRawConfig, validRawTarget } from '../unit/config-fixtures';
import { applyEdits, edit, hostileJson, ISSUE_PATH } from './arbitraries';
import { fuzzRuns } from './settings';

/** A config that uses every section, so edits reach every part of the spec. */
function fullConfig(): Record<string, unknown> {
  const config = validRawConfig();
  const target = (config.targets as Record<string, unknown>[])[0] as Record<string, unknown>;
  Object.assign(target, {
    browsers: ['chromium', 'firefox'],
    systemCheck: { verdicts: { websocket: { selector: '#ws', ok: 'erfolgreich' } } },
    timeouts: { roundMs: 20_000, stepMs: 5_000 },
    thresholds: { websocketRttP95Ms: 200 },
  });
  config.targets = [target, validRawTarget('second')];
  config.schedule = 2;
  return config;
}

/** Runs `parse`; returns its issues (empty when accepted) or fails on any other error. */
function issuesOf(parse: () => unknown): readonly { path: string; message: string }[] {
  try {
    parse();
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
}

function expectWellFormed(issues: readonly { path: string; message: string }[]): void {
  for (const issue of issues) {
    expect(issue.path).toMatch(ISSUE_PATH);
    expect(issue.message.trim()).not.toBe('');
  }
}

describe('fuzzed config parser and validator', () => {
  it('edited configs: a config or a ConfigError whose every issue names a path and a rule', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        expectWellFormed(issuesOf(() => parseConfig(applyEdits(fullConfig(), edits), 'fuzz.json')));
      }),
      fuzzRuns(300),
    );
  });

  it('arbitrary JSON: never anything but a ConfigError', () => {
    fc.assert(
      fc.property(hostileJson, (raw) => {
        expectWellFormed(issuesOf(() => parseConfig(raw)));
      }),
      fuzzRuns(200),
    );
  });

  it('an accepted config is frozen and parses again to itself', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 2 }), (edits) => {
        let config: unknown;
        try {
          config = parseConfig(applyEdits(fullConfig(), edits));
        } catch (error) {
          if (error instanceof ConfigError) return;
          throw error;
        }
        expect(Object.isFrozen(config)).toBe(true);
        expect(parseConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
      }),
      fuzzRuns(200),
    );
  });

  it('Lambda event targets: a target list or a ConfigError with paths', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 4 }), (edits) => {
        const event = applyEdits({ targets: fullConfig().targets }, edits);
        expectWellFormed(issuesOf(() => parseTargets(event)));
      }),
      fuzzRuns(300),
    );
  });
});

describe('hostile config shapes', () => {
  it('an item nested 100 000 arrays deep is one issue with its path, not a stack overflow', () => {
    // Prepare: JSON.parse builds it; naive recursion over it (JSON.stringify included) overflows the stack.
    const depth = 100_000;
    const text = JSON.stringify(validRawConfig()).replace(
      '"probeRegions":[',
      `"probeRegions":["eu-west-1",${'['.repeat(depth)}"x"${']'.repeat(depth)},`,
    );
    // Act
    const issues = issuesOf(() => parseConfig(JSON.parse(text)));
    // Assess
    expect(issues).toContainEqual({ path: 'probeRegions[1]', message: expect.stringMatching(/region.*got an array/) });
  });

  it('20 000 probe regions get one issue each, duplicates found in one pass', () => {
    // Prepare: every item invalid but two duplicates of a valid region.
    const raw = validRawConfig();
    raw.probeRegions = ['eu-west-1', ...Array.from({ length: 20_000 }, (_, index) => `xx-${index}`), 'eu-west-1'];
    // Act
    const issues = issuesOf(() => parseConfig(raw));
    // Assess
    expect(issues.filter((issue) => issue.path.startsWith('probeRegions['))).toHaveLength(20_001);
    expect(issues).toContainEqual({ path: 'probeRegions[20001]', message: 'duplicate of probeRegions[0], got "eu-west-1"' });
  });
});
