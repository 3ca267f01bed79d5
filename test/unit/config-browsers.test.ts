import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseTargets } from '../../lambdas/core/config';
import { configJsonSchema } from '../../lambdas/core/config/json-schema';
import { firstTarget, thrown, validRawConfig, validRawTarget } from './config-fixtures';

/** Parses a valid config whose first target lists `browsers` (schedule long enough unless given); returns the issues. */
/** The problems of the valid config with these browsers (none when it parses). */
function issuesFor(browsers: unknown, schedule = 5, roundMs?: number): readonly { path: string; message: string }[] {
  const raw = validRawConfig();
  firstTarget(raw).browsers = browsers;
  if (roundMs !== undefined) firstTarget(raw).timeouts = { roundMs };
  raw.schedule = schedule;
  try {
    parseConfig(raw, 'test.json');
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
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

  it('checks each browser as its own invocation against the schedule, not their sum', () => {
    // Act: three browsers, each its own invocation: 20 s + 20 s (25 s in Firefox) fit a 1-minute schedule
    const fitting = issuesFor(['chromium', 'firefox', 'edge'], 1);
    // Assess
    expect(fitting).toEqual([]);
  });

  it("names the pair whose round does not fit, with Firefox's own launch margin", () => {
    // Act: a 36 s round fits in Chromium (56 s) but not in Firefox (61 s)
    const issues = issuesFor(['chromium', 'firefox'], 1, 36_000);
    // Assess
    expect(issues).toEqual([
      {
        path: 'schedule',
        message:
          'must be longer than the slowest round\'s invocation (targets[0] "autocrm" in firefox: 36000 ms round + 25000 ms launch margin = 61000 ms), ' +
          'got 1 minute; raise schedule to 2 or shorten targets[0].timeouts.roundMs',
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
