/**
 * The rules across keys, called on raw (structurally checked) config objects, each at its boundary:
 * a timeout exactly at its limit passes, one millisecond more is named with the rule and the value.
 * Found by mutation testing lambdas/core/config/rules.ts (73.6 %).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseTargets, type ConfigIssue } from '../../lambdas/core/config';
import { checkMonitor, checkTargets } from '../../lambdas/core/config/rules';
import { firstTarget, thrown, validRawConfig } from './config-fixtures';

/** The issues of one raw target (as `targets[0]`). */
function targetIssues(target: Record<string, unknown>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  checkTargets([{ name: 'a', credentials: { secretArn: 'arn' }, ...target }], 'targets', issues);
  return issues;
}

/** The issues of a raw config. */
function monitorIssues(config: Record<string, unknown>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  checkMonitor(config, issues);
  return issues;
}

const roundOf = (roundMs: number, more: Record<string, unknown> = {}) => ({
  name: `t${roundMs}`,
  credentials: { secretArn: 'arn' },
  timeouts: { roundMs },
  ...more,
});

describe('a target timeout against its round', () => {
  it('allows each step timeout up to the round, not a millisecond more', () => {
    // Act
    const issues = targetIssues({ timeouts: { roundMs: 10_000, navigationMs: 10_000, systemCheckMs: 10_001, stepMs: 10_001 } });
    // Assess
    expect(issues).toEqual([
      { path: 'targets[0].timeouts.systemCheckMs', message: 'must be at most timeouts.roundMs (10000 ms), got 10001' },
      { path: 'targets[0].timeouts.stepMs', message: 'must be at most timeouts.roundMs (10000 ms), got 10001' },
    ]);
    expect(targetIssues({ timeouts: { navigationMs: 99_999 } })).toEqual([]);
  });

  it('judges the navigation timeout against the round too', () => {
    expect(targetIssues({ timeouts: { roundMs: 10_000, navigationMs: 10_001 } })).toEqual([
      { path: 'targets[0].timeouts.navigationMs', message: 'must be at most timeouts.roundMs (10000 ms), got 10001' },
    ]);
  });

  it('allows the bandwidth budget once per direction within the round', () => {
    // Prepare
    const both = { downloadUrl: 'https://x/d', uploadUrl: 'https://x/u' };
    // Act + Assess
    expect(targetIssues({ timeouts: { roundMs: 10_000 }, bandwidth: { ...both, budgetMs: 5_000 } })).toEqual([]);
    expect(targetIssues({ timeouts: { roundMs: 10_000 }, bandwidth: { ...both, budgetMs: 5_001 } })).toEqual([
      { path: 'targets[0].bandwidth.budgetMs', message: '× 2 directions must be at most timeouts.roundMs (10000 ms), got 5001' },
    ]);
    expect(targetIssues({ timeouts: { roundMs: 10_000 }, bandwidth: { uploadUrl: 'https://x/u', budgetMs: 10_001 } })).toEqual([
      { path: 'targets[0].bandwidth.budgetMs', message: '× 1 direction must be at most timeouts.roundMs (10000 ms), got 10001' },
    ]);
  });
});

describe('a WebSocket measurement against its step', () => {
  it('allows the echo timeout up to the step, and the messages only while they end before it', () => {
    // Act + Assess
    expect(targetIssues({ timeouts: { stepMs: 5_000 }, websocket: { timeoutMs: 5_000, messages: 10, intervalMs: 499 } })).toEqual([]);
    expect(targetIssues({ timeouts: { stepMs: 5_000 }, websocket: { timeoutMs: 5_001, messages: 10, intervalMs: 500 } })).toEqual([
      { path: 'targets[0].websocket.timeoutMs', message: 'must be at most timeouts.stepMs (5000 ms), got 5001' },
      {
        path: 'targets[0].websocket.messages',
        message: '× websocket.intervalMs (500 ms) must stay below timeouts.stepMs (5000 ms), got 10 (5000 ms)',
      },
    ]);
  });

  it('judges nothing without a step timeout, a WebSocket section, or both message figures', () => {
    expect(targetIssues({ websocket: { timeoutMs: 99_999 } })).toEqual([]);
    expect(targetIssues({ timeouts: { stepMs: 5_000 } })).toEqual([]);
    expect(targetIssues({ timeouts: { stepMs: 5_000 }, websocket: { messages: 99_999 } })).toEqual([]);
    expect(targetIssues({ timeouts: { stepMs: 5_000 }, websocket: { intervalMs: 99_999 } })).toEqual([]);
  });
});

describe('sections and credentials of a target', () => {
  it('needs a bandwidth section to name at least one direction', () => {
    expect(targetIssues({ bandwidth: {} })).toEqual([
      { path: 'targets[0].bandwidth', message: 'needs downloadUrl or uploadUrl (or leave bandwidth out), got neither' },
    ]);
    expect(targetIssues({ bandwidth: { downloadUrl: 'https://x/d' } })).toEqual([]);
    expect(targetIssues({ bandwidth: { uploadUrl: 'https://x/u' } })).toEqual([]);
  });

  it.each([
    [{ usernameEnv: 'U' }, [{ path: 'targets[0].credentials.passwordEnv', message: 'is required when usernameEnv is set' }]],
    [{ passwordEnv: 'P' }, [{ path: 'targets[0].credentials.usernameEnv', message: 'is required when passwordEnv is set' }]],
    [{}, [{ path: 'targets[0].credentials', message: 'needs secretArn (Lambda) or usernameEnv and passwordEnv (CLI), got neither' }]],
    [{ usernameEnv: 'U', passwordEnv: 'P' }, []],
    [{ secretArn: 'arn' }, []],
  ])('credentials %j give %j', (credentials, issues) => {
    expect(targetIssues({ credentials })).toEqual(issues);
  });

  it('needs unique names, naming the first holder; targets that are not objects or have no string name are skipped', () => {
    // Prepare
    const issues: ConfigIssue[] = [];
    // Act
    checkTargets([{ name: 'a', credentials: {} }, 7, { name: 'b' }, { name: 'a' }, { name: 3 }, { name: 3 }], 'targets', issues);
    // Assess
    expect(issues.filter((issue) => issue.path.endsWith('.name'))).toEqual([
      { path: 'targets[3].name', message: 'must be unique, got "a" (also targets[0].name)' },
    ]);
    expect(issues.map((issue) => issue.path)).toEqual(['targets[0].credentials', 'targets[3].name']);
  });
});

describe('the schedule against the probe timeout', () => {
  it('needs the schedule longer than a round plus its launch margin: equal is too short', () => {
    // Act: 40 s + 20 s margin = exactly 1 minute; 39.999 s fits
    const equal = monitorIssues({ schedule: 1, targets: [roundOf(40_000)] });
    const fits = monitorIssues({ schedule: 1, targets: [roundOf(39_999)] });
    // Assess
    expect(equal).toEqual([
      {
        path: 'schedule',
        message:
          'must be longer than the slowest round\'s invocation (targets[0] "t40000" in chromium: 40000 ms round + 20000 ms launch margin = 60000 ms), ' +
          'got 1 minute; raise schedule to 2 or shorten targets[0].timeouts.roundMs',
      },
    ]);
    expect(fits).toEqual([]);
  });

  it("judges the slowest round's invocation, each browser with its own launch margin", () => {
    // Act
    const issues = monitorIssues({
      schedule: 1,
      targets: [roundOf(40_000, { browsers: ['chromium', 'firefox'] }), roundOf(10_000, { browsers: [] })],
    });
    // Assess
    expect(issues).toEqual([
      {
        path: 'schedule',
        message:
          'must be longer than the slowest round\'s invocation (targets[0] "t40000" in firefox: 40000 ms round + 25000 ms launch margin = 65000 ms), ' +
          'got 1 minute; raise schedule to 2 or shorten targets[0].timeouts.roundMs',
      },
    ]);
  });

  it('names the Lambda maximum when the rounds exceed it, and allows exactly the maximum', () => {
    // Act
    const over = monitorIssues({ schedule: 60, targets: [roundOf(880_001)] });
    const atMaximum = monitorIssues({ schedule: 60, targets: [roundOf(880_000)] });
    // Assess
    expect(over).toEqual([
      {
        path: 'targets[0].timeouts.roundMs',
        message:
          'the round\'s invocation (targets[0] "t880001" in chromium: 880001 ms round + 20000 ms launch margin = 900001 ms) must be at most ' +
          'the Lambda maximum of 900000 ms',
      },
    ]);
    expect(atMaximum).toEqual([]);
  });

  it('names the first of two equally slow rounds', () => {
    // Act
    const issues = monitorIssues({ schedule: 1, targets: [roundOf(40_000), { ...roundOf(40_000), name: 'second' }] });
    // Assess
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain('(targets[0] "t40000" in chromium: ');
  });

  it('names a target without a usable name by its index alone', () => {
    // Act
    const issues = monitorIssues({ schedule: 1, targets: [{ ...roundOf(40_000), name: 7 }] });
    // Assess
    expect(issues.filter((issue) => issue.path === 'schedule').map((issue) => issue.message)).toEqual([
      "must be longer than the slowest round's invocation (targets[0] in chromium: 40000 ms round + 20000 ms launch margin = 60000 ms), " +
        'got 1 minute; raise schedule to 2 or shorten targets[0].timeouts.roundMs',
    ]);
  });

  it('says minutes in the plural for a schedule of more than one minute', () => {
    expect(monitorIssues({ schedule: 2, targets: [roundOf(100_000)] })).toEqual([
      {
        path: 'schedule',
        message:
          'must be longer than the slowest round\'s invocation (targets[0] "t100000" in chromium: 100000 ms round + 20000 ms launch margin = 120000 ms), ' +
          'got 2 minutes; raise schedule to 3 or shorten targets[0].timeouts.roundMs',
      },
    ]);
  });

  it('judges a target with an empty browser list in its default browser', () => {
    // Act
    const issues = monitorIssues({ schedule: 1, targets: [roundOf(40_000, { browsers: [] })] });
    // Assess
    expect(issues.map((issue) => issue.path)).toEqual(['schedule']);
    expect(issues[0]?.message).toContain('(targets[0] "t40000" in chromium: 40000 ms round');
  });

  it('is not judged without a schedule, without targets, or while a round budget is unknown', () => {
    expect(monitorIssues({ targets: [roundOf(99_000)] })).toEqual([]);
    expect(monitorIssues({ schedule: 1, targets: [] })).toEqual([]);
    expect(monitorIssues({ schedule: 1, targets: [roundOf(99_000), { name: 'b', credentials: { secretArn: 'arn' } }] })).toEqual([]);
    expect(monitorIssues({ schedule: 1, targets: 'all' })).toEqual([]);
  });
});

describe('the outage quorum against the probe regions', () => {
  it('allows a quorum up to the number of regions, and judges no quorum without regions', () => {
    const regions = ['eu-central-1', 'eu-west-1', 'eu-west-3'];
    expect(monitorIssues({ probeRegions: regions, alarms: { outageQuorum: 3 } })).toEqual([]);
    expect(monitorIssues({ probeRegions: regions, alarms: { outageQuorum: 4 } })).toEqual([
      { path: 'alarms.outageQuorum', message: 'must be at most the number of probeRegions (3), got 4' },
    ]);
    expect(monitorIssues({ probeRegions: [], alarms: { outageQuorum: 4 } })).toEqual([]);
    expect(monitorIssues({ alarms: { outageQuorum: 4 } })).toEqual([]);
    expect(monitorIssues({ probeRegions: regions, alarms: [4] })).toEqual([]);
  });
});

describe('rules over a config with invalid values', () => {
  /** The issues `parse` throws; fails the test when it throws anything but a ConfigError. */
  function issuesThrown(parse: () => unknown): readonly ConfigIssue[] {
    const error = thrown(parse);
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }

  it.each([
    ['bandwidth', 'must be an object, got "x"'],
    ['credentials', 'must be an object, got "x"'],
    ['websocket', 'must be an object, got "x"'],
    ['timeouts', 'must be an object, got "x"'],
  ])('reports a %s that is not an object once, with no rule about its keys', (key, message) => {
    // Prepare
    const raw = validRawConfig();
    firstTarget(raw)[key] = 'x';
    // Act
    const issues = issuesThrown(() => parseConfig(raw));
    // Assess
    expect(issues).toEqual([{ path: `targets[0].${key}`, message }]);
  });

  it('reports a target that is not an object once, and leaves the schedule to be judged once every round is known', () => {
    // Prepare
    const raw = validRawConfig();
    raw.schedule = 1;
    raw.targets = ['x', { ...firstTarget(validRawConfig()), timeouts: { roundMs: 40_000 } }];
    // Act
    const issues = issuesThrown(() => parseConfig(raw));
    // Assess
    expect(issues).toEqual([{ path: 'targets[0]', message: 'must be an object, got "x"' }]);
  });

  it('names a round over the Lambda maximum also when the schedule is invalid too: every problem at once', () => {
    // Prepare
    const raw = validRawConfig();
    raw.schedule = 0;
    firstTarget(raw).browsers = ['firefox'];
    firstTarget(raw).timeouts = { roundMs: 880_000 };
    // Act
    const issues = issuesThrown(() => parseConfig(raw));
    // Assess
    expect(issues.map((issue) => issue.path)).toEqual(['schedule', 'targets[0].timeouts.roundMs']);
    expect(issues[1]?.message).toContain('must be at most the Lambda maximum of 900000 ms');
  });

  it("names a Lambda event's rule issues by their path in the event", () => {
    // Act
    const issues = issuesThrown(() =>
      parseTargets({ targets: [{ ...firstTarget(validRawConfig()), timeouts: { roundMs: 30_000, stepMs: 30_001 } }] }),
    );
    // Assess
    expect(issues).toEqual([{ path: 'targets[0].timeouts.stepMs', message: 'must be at most timeouts.roundMs (30000 ms), got 30001' }]);
  });
});
