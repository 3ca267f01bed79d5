import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_ALARMS,
  DEFAULT_TIMEOUTS,
  FIREFOX_LAUNCH_MARGIN_MS,
  LAUNCH_MARGIN_MS,
  parseConfig,
  parseTargets,
  roundInvocationMs,
  referenceTargetConfig,
  targetFromUrl,
} from '../../lambdas/core/config';
import { firstTarget, thrown, validRawConfig, validRawTarget } from './config-fixtures';

describe('parseConfig with a valid config', () => {
  it('merges every default once', () => {
    // Prepare
    const raw = { targets: [{ name: 'autocrm', loginUrl: 'https://crm.example/cgi-bin/xorg/crm.pl' }] };
    // Act
    const config = parseConfig(raw);
    // Assess
    expect(config).toMatchObject({
      namespace: 'AutoCRM/Synthetics',
      homeRegion: 'eu-central-1',
      probeRegions: ['eu-central-1', 'eu-west-1', 'eu-west-3'],
      schedule: 1,
      memoryMb: 2048,
      artifactsRetentionDays: 30,
      smokeTrigger: false,
      alarms: {
        outageQuorum: 2,
        critical: { emails: [], httpsUrls: [] },
        websocketRttP95Ms: 250,
        httpRttP95Ms: 500,
        loginTtfbMs: 1500,
        minDownloadMbps: 16,
      },
    });
    const [target] = config.targets;
    expect(target).toEqual({
      name: 'autocrm',
      loginUrl: 'https://crm.example/cgi-bin/xorg/crm.pl',
      browsers: ['chromium'],
      // no selector, pattern or wording of any page: the login form, link and verdicts are discovered
      expectSelectors: [],
      systemCheck: { verdicts: { browser: {}, websocket: {}, http: {} } },
      timeouts: { navigationMs: 10_000, systemCheckMs: 12_000, stepMs: 8_000, roundMs: 20_000 },
      measurePageEndpoints: true,
      thresholds: { websocketRttP95Ms: 250, httpRttP95Ms: 500, loginTtfbMs: 1500 },
    });
  });

  it('fills the defaults of every measurement section that is present', () => {
    // Act
    const [target] = parseConfig(validRawConfig()).targets;
    // Assess
    expect(target?.websocket).toEqual({ url: 'wss://crm.example/ws', messages: 20, intervalMs: 50, timeoutMs: 2000 });
    expect(target?.http).toEqual({ url: 'https://crm.example/api/ping', samples: 10 });
    expect(target?.bandwidth).toMatchObject({ minDownloadMbps: 16, minUploadMbps: 1, maxBytes: 8_000_000, budgetMs: 6000 });
    expect(target?.credentials).toEqual({ usernameEnv: 'AUTOCRM_USERNAME', passwordEnv: 'AUTOCRM_PASSWORD' });
  });

  it('keeps what the user set and takes thresholds from the alarms unless set per target', () => {
    // Prepare
    const raw = validRawConfig();
    raw.alarms = { websocketRttP95Ms: 300, loginTtfbMs: 900 };
    firstTarget(raw).thresholds = { loginTtfbMs: 700 };
    firstTarget(raw).timeouts = { stepMs: 5000 };
    // Act
    const [target] = parseConfig(raw).targets;
    // Assess
    expect(target?.thresholds).toEqual({ websocketRttP95Ms: 300, httpRttP95Ms: DEFAULT_ALARMS.httpRttP95Ms, loginTtfbMs: 700 });
    expect(target?.timeouts).toEqual({ ...DEFAULT_TIMEOUTS, stepMs: 5000 });
  });

  it('lowers the default outage quorum to the number of probe regions, never an explicit one', () => {
    // Prepare
    const oneRegion = { ...validRawConfig(), probeRegions: ['eu-central-1'] };
    const explicit = { ...validRawConfig(), probeRegions: ['eu-central-1'], alarms: { outageQuorum: 2 } };
    // Act
    const config = parseConfig(oneRegion);
    const error = thrown(() => parseConfig(explicit)) as ConfigError;
    // Assess
    expect(config.alarms.outageQuorum).toBe(1);
    expect(error.issues).toEqual([{ path: 'alarms.outageQuorum', message: 'must be at most the number of probeRegions (1), got 2' }]);
  });

  it('freezes the result deeply, down to the arrays of a target', () => {
    // Act
    const config = parseConfig(validRawConfig());
    // Assess
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.alarms.critical.emails)).toBe(true);
    expect(Object.isFrozen(config.targets[0]?.systemCheck.verdicts.http)).toBe(true);
    expect(() => (config.targets[0]?.expectSelectors as string[]).push('#x')).toThrow(TypeError);
  });

  it('does not share default arrays between results', () => {
    // Act
    const first = parseConfig(validRawConfig());
    const second = parseConfig(validRawConfig());
    // Assess
    expect(first.probeRegions).not.toBe(second.probeRegions);
    expect(first.targets[0]?.expectSelectors).not.toBe(second.targets[0]?.expectSelectors);
  });

  it('accepts the $schema key at the top level only', () => {
    // Prepare
    const raw = { ...validRawConfig(), $schema: './config/synthetics.schema.json' };
    const nested = validRawConfig();
    firstTarget(nested).$schema = 'x';
    // Act + Assess
    expect(parseConfig(raw).targets).toHaveLength(1);
    expect((thrown(() => parseConfig(nested)) as ConfigError).issues[0]?.path).toBe('targets[0].$schema');
  });

  it('is idempotent: a parsed config, serialized, parses to the same config', () => {
    // Prepare
    const config = parseConfig(validRawConfig());
    // Act
    const again = parseConfig(JSON.parse(JSON.stringify(config)));
    // Assess
    expect(again).toEqual(config);
  });

  it('validates the example synthetics.config.json shipped in the repo', () => {
    // Prepare
    const raw: unknown = JSON.parse(readFileSync('synthetics.config.example.json', 'utf8'));
    // Act
    const config = parseConfig(raw, 'synthetics.config.json');
    // Assess
    expect(config.targets[0]?.loginUrl).toBe('https://www.autocrm.de/cgi-bin/xorg/crm.pl');
    expect(config.alarms.critical.emails).toEqual(['oncall@example.com']);
    for (const target of config.targets)
      expect(roundInvocationMs(target.timeouts.roundMs, 'firefox')).toBeLessThan(config.schedule * 60_000);
  });
});

describe('all problems at once', () => {
  it('reports three mistakes as three issues, each with its path, in one ConfigError', () => {
    // Prepare
    const raw = validRawConfig();
    raw.schedule = 0;
    firstTarget(raw).loginUrl = 'crm.pl';
    firstTarget(raw).websocket.messages = -5;
    // Act
    const error = thrown(() => parseConfig(raw, 'synthetics.config.json')) as ConfigError;
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.name).toBe('ConfigError');
    expect(error.source).toBe('synthetics.config.json');
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['schedule', 'targets[0].loginUrl', 'targets[0].websocket.messages']);
    expect(error.message).toMatch(/^invalid config: synthetics\.config\.json \(3 problems\):\n/);
    expect(error.message).toContain('targets[0].loginUrl: must be an absolute http(s) URL, got "crm.pl"');
    expect(error.message).toContain('docs/config.md');
  });

  it('never quotes the value of an unknown key (it may be a secret)', () => {
    // Prepare
    const raw = validRawConfig();
    firstTarget(raw).credentials = { usernameEnv: 'U', passwordEnv: 'P', password: 'S3cr3t-planted' };
    // Act
    const error = thrown(() => parseConfig(raw)) as ConfigError;
    // Assess
    expect(error.issues.map((issue) => issue.path)).toEqual(['targets[0].credentials.password']);
    expect(error.message).not.toContain('S3cr3t-planted');
  });

  it('says "invalid config" alone when the source is not known', () => {
    // Act
    const error = thrown(() => parseConfig({ ...validRawConfig(), schedule: 0 })) as ConfigError;
    // Assess
    expect(error.source).toBeUndefined();
    expect(error.message).toMatch(/^invalid config \(1 problem\):\n {2}schedule: must be a whole number from 1 to 60 minutes, got 0\n/);
  });
});

describe('parseTargets (Lambda events)', () => {
  it('round-trips the targets of a parsed config, the way CDK puts them into the schedule input', () => {
    // Prepare
    const config = parseConfig(validRawConfig());
    const event: unknown = JSON.parse(JSON.stringify({ targets: config.targets, runId: 'ignored-by-parseTargets' }));
    // Act
    const targets = parseTargets(event);
    // Assess
    expect(targets).toEqual(config.targets);
    expect(Object.isFrozen(targets[0]?.timeouts)).toBe(true);
  });

  it('names the event as the source', () => {
    // Act
    const error = thrown(() => parseTargets({ targets: [{ name: 'x' }] })) as ConfigError;
    // Assess
    expect(error.message).toMatch(/^invalid config: Lambda event \(1 problem\):\n {2}targets\[0\]\.loginUrl: is required/);
  });
});

describe('roundInvocationMs', () => {
  it("is one round plus its browser's launch margin, whatever else the config holds", () => {
    expect(roundInvocationMs(20_000, 'chromium')).toBe(20_000 + LAUNCH_MARGIN_MS);
    expect(roundInvocationMs(20_000, 'edge')).toBe(20_000 + LAUNCH_MARGIN_MS);
    expect(roundInvocationMs(20_000, 'firefox')).toBe(20_000 + FIREFOX_LAUNCH_MARGIN_MS);
  });

  it('lets any number of targets and browsers share a 1-minute schedule', () => {
    // Prepare: 20 targets in all three browsers, default round budgets
    const raw = validRawConfig();
    raw.schedule = 1;
    raw.targets = Array.from({ length: 20 }, (_, i) => ({ ...validRawTarget(`t${i}`), browsers: ['chromium', 'firefox', 'edge'] }));
    // Act
    const config = parseConfig(raw);
    // Assess
    expect(config.targets).toHaveLength(20);
  });
});

describe('referenceTargetConfig', () => {
  it('points every measurement at the reference target origin', () => {
    // Act
    const target = referenceTargetConfig('http://127.0.0.1:34567');
    // Assess
    expect(target).toMatchObject({
      name: 'reference',
      loginUrl: 'http://127.0.0.1:34567/cgi-bin/xorg/crm.pl',
      websocket: { url: 'ws://127.0.0.1:34567/ws', messages: 20 },
      http: { url: 'http://127.0.0.1:34567/api/ping', samples: 10 },
      bandwidth: {
        downloadUrl: 'http://127.0.0.1:34567/download?bytes={bytes}',
        uploadUrl: 'http://127.0.0.1:34567/upload',
        minDownloadMbps: 16,
      },
      thresholds: { websocketRttP95Ms: 250 },
    });
    expect(target.credentials).toBeUndefined();
    expect(Object.isFrozen(target.bandwidth)).toBe(true);
  });

  it('names the reference target profile as the source of a bad name', () => {
    // Act
    const error = thrown(() => referenceTargetConfig('http://127.0.0.1:34567', 'no spaces')) as ConfigError;
    // Assess
    expect(error.source).toBe('reference target profile');
    expect(error.issues.map((issue) => issue.path)).toEqual(['targets[0].name']);
  });

  it('uses wss for an https origin and accepts a trailing path', () => {
    expect(referenceTargetConfig('https://localhost:8443/whatever').websocket?.url).toBe('wss://localhost:8443/ws');
  });
});

describe('targetFromUrl', () => {
  it("leaves everything to discovery (the page's own endpoints included), and guesses bandwidth only when asked", () => {
    // Act
    const target = targetFromUrl('https://www.autocrm.de/cgi-bin/xorg/crm.pl');
    const withBandwidth = targetFromUrl('http://127.0.0.1:8080/cgi-bin/xorg/crm.pl', { name: 'local', bandwidth: true });
    // Assess
    expect(target).toMatchObject({ name: 'www-autocrm-de', expectSelectors: [], systemCheck: { verdicts: { browser: {} } } });
    expect(target.websocket).toBeUndefined();
    expect(target.http).toBeUndefined();
    expect(target.bandwidth).toBeUndefined();
    expect(withBandwidth).toMatchObject({ name: 'local', bandwidth: { downloadUrl: 'http://127.0.0.1:8080/download?bytes={bytes}' } });
  });

  it('takes a name as the second argument', () => {
    expect(targetFromUrl('http://127.0.0.1:8080/cgi-bin/xorg/crm.pl', 'demo').name).toBe('demo');
    expect(targetFromUrl('http://127.0.0.1:8080/cgi-bin/xorg/crm.pl').name).toBe('127-0-0-1-8080');
  });

  it('derives a name from any host: one "-" for each run of other characters, at most 64 characters', () => {
    // Prepare
    const longHost = `${'monitor-'.repeat(10)}example.com`;
    // Act + Assess
    expect(targetFromUrl('http://[::1]:8080/login').name).toBe('-1-8080');
    expect(targetFromUrl(`https://${longHost}/login`).name).toBe('monitor-'.repeat(8));
  });

  it('rejects a relative URL with the rule and the value, naming --url as the source', () => {
    // Act
    const error = thrown(() => targetFromUrl('crm.pl')) as ConfigError;
    // Assess
    expect(error.issues).toEqual([{ path: 'loginUrl', message: 'must be an absolute http(s) URL, got "crm.pl"' }]);
    expect(error.source).toBe('--url');
  });

  it('names --url as the source of a bad name too', () => {
    // Act
    const error = thrown(() => targetFromUrl('http://127.0.0.1:8080/login', 'no spaces')) as ConfigError;
    // Assess
    expect(error.source).toBe('--url');
    expect(error.issues.map((issue) => issue.path)).toEqual(['targets[0].name']);
  });
});
