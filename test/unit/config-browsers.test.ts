import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseTargets } from '../../lambdas/core/config';
import { configJsonSchema } from '../../lambdas/core/config/json-schema';
import { firstTarget, thrown, validRawConfig, validRawTarget } from './config-fixtures';

/** Parses a valid config whose first target lists `browsers` (schedule long enough unless given); returns the issues. */
function issuesFor(browsers: unknown, schedule = 5): readonly { path: string; message: string }[] {
  const raw = validRawConfig();
  firstTarget(raw).browsers = browsers;
  raw.schedule = schedule;
  const error = thrown(() => parseConfig(raw, 'test.json'));
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues;
}

describe('targets[].browsers', () => {
  it('defaults to Chromium alone', () => {
    // Act
    const config = parseConfig(validRawConfig(), 'test.json');
    // Assess
    expect(config.targets[0]?.browsers).toEqual(['chromium']);
  });

  it('keeps every listed browser in the given order', () => {
    // Prepare
    const raw = validRawConfig();
    raw.schedule = 2;
    firstTarget(raw).browsers = ['firefox', 'edge', 'chromium'];
    // Act
    const config = parseConfig(raw, 'test.json');
    // Assess
    expect(config.targets[0]?.browsers).toEqual(['firefox', 'edge', 'chromium']);
  });

  it.each([
    ['firefix', 'Did you mean "firefox"?'],
    ['Edge', 'Did you mean "edge"?'],
    ['chrome', 'Did you mean "chromium"?'],
    ['msedge', 'Did you mean "edge"?'],
  ])('rejects %s with a did-you-mean', (name, hint) => {
    // Act
    const issues = issuesFor(['chromium', name]);
    // Assess
    expect(issues).toEqual([
      { path: 'targets[0].browsers[1]', message: `must be one of "chromium", "firefox", "edge", got "${name}". ${hint}` },
    ]);
  });

  it('rejects a name nothing resembles without a guess', () => {
    // Act
    const issues = issuesFor(['safari']);
    // Assess
    expect(issues).toEqual([{ path: 'targets[0].browsers[0]', message: 'must be one of "chromium", "firefox", "edge", got "safari"' }]);
  });

  it('rejects an empty list and a duplicate', () => {
    // Assess
    expect(issuesFor([])).toEqual([{ path: 'targets[0].browsers', message: 'must have at least 1 item, got 0' }]);
    expect(issuesFor(['edge', 'edge'])).toEqual([
      { path: 'targets[0].browsers[1]', message: 'duplicate of targets[0].browsers[0], got "edge"' },
    ]);
  });

  it('counts one round per browser against the schedule', () => {
    // Act: 3 browsers × 20 s + 20 s launch margin = 80 s, not shorter than a 1-minute schedule
    const issues = issuesFor(['chromium', 'firefox', 'edge'], 1);
    // Assess
    expect(issues).toEqual([
      {
        path: 'schedule',
        message:
          'must be longer than the probe timeout (3 rounds of 1 target × browsers (60000 ms) + 20000 ms launch margin = 80000 ms), ' +
          'got 1 minute; raise schedule to 2 or shorten targets[].timeouts.roundMs or list fewer browsers',
      },
    ]);
  });

  it('is checked in a Lambda event too', () => {
    // Act
    const error = thrown(() => parseTargets({ targets: [{ ...validRawTarget('a'), browsers: ['firefox', 'opera'] }] }));
    // Assess
    expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual(['targets[0].browsers[1]']);
  });

  it('offers the names to editors as an enum', () => {
    // Act
    const schema = configJsonSchema() as { properties: { targets: { items: { properties: Record<string, unknown> } } } };
    // Assess
    expect(schema.properties.targets.items.properties.browsers).toMatchObject({
      type: 'array',
      items: { type: 'string', enum: ['chromium', 'firefox', 'edge'] },
      default: ['chromium'],
      uniqueItems: true,
    });
  });
});
