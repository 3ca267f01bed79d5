import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseTargets } from '../../lambdas/core/config';
import { firstTarget, thrown, validRawConfig, validRawTarget } from './config-fixtures';

interface BadInput {
  readonly name: string;
  /** Breaks one thing in a valid config (or, for events, returns the whole event). */
  readonly input: () => unknown;
  readonly kind?: 'config' | 'event';
  readonly path: string;
  readonly rule: RegExp;
}

/** A valid config with one mistake made by `breakIt`. */
function config(breakIt: (config: Record<string, unknown>) => void): () => unknown {
  return () => {
    const raw = validRawConfig();
    breakIt(raw);
    return raw;
  };
}

/** A valid config whose first target gets one mistake. */
function target(breakIt: (target: ReturnType<typeof firstTarget>) => void): () => unknown {
  return config((raw) => breakIt(firstTarget(raw)));
}

const CASES: readonly BadInput[] = [
  { name: 'config is an array', input: () => [], path: '(root)', rule: /must be an object, got an array/ },
  { name: 'config is null', input: () => null, path: '(root)', rule: /must be an object, got null/ },
  {
    name: 'schedule as a string',
    input: config((c) => (c.schedule = '5')),
    path: 'schedule',
    rule: /must be a whole number from 1 to 60 minutes, got "5"/,
  },
  { name: 'schedule zero', input: config((c) => (c.schedule = 0)), path: 'schedule', rule: /from 1 to 60 minutes, got 0/ },
  { name: 'schedule fractional', input: config((c) => (c.schedule = 1.5)), path: 'schedule', rule: /whole number.*got 1\.5/ },
  {
    name: 'unknown top-level key',
    input: config((c) => (c.schedul = 2)),
    path: 'schedul',
    rule: /unknown key\. Did you mean "schedule"\?/,
  },
  {
    name: 'unknown target key',
    input: target((t) => (t.loginUlr = 'x')),
    path: 'targets[0].loginUlr',
    rule: /unknown key\. Did you mean "loginUrl"\?/,
  },
  // Found by the fuzzer (test/fuzz/config.test.ts): an empty key gave the path "" (or "targets[0].").
  { name: 'an empty key', input: config((c) => (c[''] = 1)), path: '[""]', rule: /^unknown key\./ },
  { name: 'a key with a dot', input: target((t) => (t['login.url'] = 'x')), path: 'targets[0]["login.url"]', rule: /^unknown key\./ },
  {
    name: 'password in the config',
    input: target((t) => (t.password = 'hunter2')),
    path: 'targets[0].password',
    rule: /never put credentials into the config/,
  },
  {
    name: 'relative login URL',
    input: target((t) => (t.loginUrl = 'crm.pl')),
    path: 'targets[0].loginUrl',
    rule: /must be an absolute http\(s\) URL, got "crm\.pl"/,
  },
  {
    name: 'ftp login URL',
    input: target((t) => (t.loginUrl = 'ftp://crm.example/crm.pl')),
    path: 'targets[0].loginUrl',
    rule: /absolute http\(s\) URL, got "ftp:/,
  },
  {
    name: 'login URL with a password',
    input: target((t) => (t.loginUrl = 'https://u:p@crm.example/')),
    path: 'targets[0].loginUrl',
    rule: /must not contain a user name or password/,
  },
  { name: 'login URL a number', input: target((t) => (t.loginUrl = 42)), path: 'targets[0].loginUrl', rule: /non-empty string .*got 42/ },
  { name: 'missing login URL', input: target((t) => delete t.loginUrl), path: 'targets[0].loginUrl', rule: /is required/ },
  {
    name: 'http WebSocket URL',
    input: target((t) => (t.websocket.url = 'https://crm.example/ws')),
    path: 'targets[0].websocket.url',
    rule: /ws:\/\/ or wss:\/\/ URL/,
  },
  {
    name: 'relative HTTP ping URL',
    input: target((t) => (t.http.url = '/api/ping')),
    path: 'targets[0].http.url',
    rule: /absolute http\(s\) URL, got "\/api\/ping"/,
  },
  {
    name: 'download URL without {bytes}',
    input: target((t) => (t.bandwidth.downloadUrl = 'https://crm.example/download')),
    path: 'targets[0].bandwidth.downloadUrl',
    rule: /placeholder \{bytes\}/,
  },
  {
    name: 'bandwidth without URLs',
    input: target((t) => (t.bandwidth = {})),
    path: 'targets[0].bandwidth',
    rule: /needs downloadUrl or uploadUrl/,
  },
  {
    name: 'negative step timeout',
    input: target((t) => (t.timeouts = { stepMs: -1 })),
    path: 'targets[0].timeouts.stepMs',
    rule: /from 500 to 120000 ms, got -1/,
  },
  {
    name: 'zero round timeout',
    input: target((t) => (t.timeouts = { roundMs: 0 })),
    path: 'targets[0].timeouts.roundMs',
    rule: /from 1000 to 880000 ms, got 0/,
  },
  {
    name: 'absurd navigation timeout',
    input: target((t) => (t.timeouts = { navigationMs: 10_000_000 })),
    path: 'targets[0].timeouts.navigationMs',
    rule: /from 500 to 120000 ms, got 10000000/,
  },
  {
    name: 'step timeout over the round',
    input: target((t) => (t.timeouts = { stepMs: 25_000 })),
    path: 'targets[0].timeouts.stepMs',
    rule: /must be at most timeouts\.roundMs \(20000 ms\), got 25000/,
  },
  {
    name: 'zero echo messages',
    input: target((t) => (t.websocket.messages = 0)),
    path: 'targets[0].websocket.messages',
    rule: /from 1 to 150 messages, got 0/,
  },
  {
    name: 'echo messages over the datum limit',
    input: target((t) => (t.websocket.messages = 1000)),
    path: 'targets[0].websocket.messages',
    rule: /from 1 to 150/,
  },
  {
    name: 'echo train longer than the step',
    input: target((t) => Object.assign(t.websocket, { messages: 100, intervalMs: 100 })),
    path: 'targets[0].websocket.messages',
    rule: /must stay below timeouts\.stepMs \(8000 ms\), got 100 \(10000 ms\)/,
  },
  {
    name: 'echo timeout over the step',
    input: target((t) => (t.websocket.timeoutMs = 9_000)),
    path: 'targets[0].websocket.timeoutMs',
    rule: /at most timeouts\.stepMs \(8000 ms\), got 9000/,
  },
  {
    name: 'fractional HTTP samples',
    input: target((t) => (t.http.samples = 2.5)),
    path: 'targets[0].http.samples',
    rule: /whole number from 1 to 150 requests, got 2\.5/,
  },
  {
    name: 'bandwidth budget over the round',
    input: target((t) => (t.bandwidth.budgetMs = 15_000)),
    path: 'targets[0].bandwidth.budgetMs',
    rule: /× 2 directions must be at most timeouts\.roundMs/,
  },
  {
    name: 'absurd byte cap',
    input: target((t) => (t.bandwidth.maxBytes = 1e12)),
    path: 'targets[0].bandwidth.maxBytes',
    rule: /from 100000 to 200000000 bytes/,
  },
  {
    name: 'region typo',
    input: config((c) => (c.probeRegions = ['eu-central1', 'eu-west-1'])),
    path: 'probeRegions[0]',
    rule: /commercial AWS region .*got "eu-central1"\. Did you mean "eu-central-1"\?/,
  },
  {
    name: 'home region that does not exist',
    input: config((c) => (c.homeRegion = 'mars-north-1')),
    path: 'homeRegion',
    rule: /commercial AWS region/,
  },
  {
    name: 'GovCloud region',
    input: config((c) => (c.probeRegions = ['us-gov-west-1', 'eu-west-1'])),
    path: 'probeRegions[0]',
    rule: /commercial AWS region/,
  },
  { name: 'no probe regions', input: config((c) => (c.probeRegions = [])), path: 'probeRegions', rule: /at least 1 item, got 0/ },
  {
    name: 'duplicate probe region',
    input: config((c) => (c.probeRegions = ['eu-west-1', 'eu-west-3', 'eu-west-1'])),
    path: 'probeRegions[2]',
    rule: /duplicate of probeRegions\[0\]/,
  },
  {
    name: 'quorum above the regions',
    input: config((c) => (c.alarms = { outageQuorum: 4 })),
    path: 'alarms.outageQuorum',
    rule: /at most the number of probeRegions \(3\), got 4/,
  },
  {
    name: "schedule shorter than one round's invocation",
    input: config((c) => (c.targets = [validRawTarget('a'), { ...validRawTarget('b'), timeouts: { roundMs: 40_000 } }])),
    path: 'schedule',
    rule: /must be longer than the slowest round's invocation \(targets\[1\] "b" in chromium: 40000 ms round \+ 20000 ms launch margin = 60000 ms\), got 1 minute; raise schedule to 2 or shorten targets\[1\]\.timeouts\.roundMs/,
  },
  {
    name: 'duplicate target names',
    input: config((c) => ((c.targets = [validRawTarget('a'), validRawTarget('a')]), (c.schedule = 2))),
    path: 'targets[1].name',
    rule: /must be unique, got "a"/,
  },
  {
    name: 'target name with a space',
    input: target((t) => (t.name = 'auto crm')),
    path: 'targets[0].name',
    rule: /letters, digits, "-" or "_", got "auto crm"/,
  },
  {
    name: 'invalid verdict regex',
    input: target((t) => (t.systemCheck = { verdicts: { http: { ok: '(' } } })),
    path: 'targets[0].systemCheck.verdicts.http.ok',
    rule: /valid regular expression \(.*Unterminated group\), got "\("/,
  },
  {
    name: 'invalid pending regex',
    input: target((t) => (t.systemCheck = { pendingPattern: '[' })),
    path: 'targets[0].systemCheck.pendingPattern',
    rule: /valid regular expression/,
  },
  {
    name: 'empty verdict selector',
    input: target((t) => (t.systemCheck = { verdicts: { browser: { selector: ' ' } } })),
    path: 'targets[0].systemCheck.verdicts.browser.selector',
    rule: /must be a non-empty string/,
  },
  {
    name: 'bad e-mail',
    input: config((c) => (c.alarms = { critical: { emails: ['oncall(at)example.com'] } })),
    path: 'alarms.critical.emails[0]',
    rule: /must be an e-mail address/,
  },
  {
    name: 'http notification URL',
    input: config((c) => (c.alarms = { warning: { httpsUrls: ['http://hooks.example/x'] } })),
    path: 'alarms.warning.httpsUrls[0]',
    rule: /absolute https URL/,
  },
  { name: 'alarms null', input: config((c) => (c.alarms = null)), path: 'alarms', rule: /must be an object, got null/ },
  { name: 'no targets', input: config((c) => (c.targets = [])), path: 'targets', rule: /at least 1 item, got 0/ },
  { name: 'targets missing', input: config((c) => delete c.targets), path: 'targets', rule: /is required/ },
  { name: 'memory below one vCPU', input: config((c) => (c.memoryMb = 1024)), path: 'memoryMb', rule: /from 1769 to 10240 MB, got 1024/ },
  { name: 'reserved namespace', input: config((c) => (c.namespace = 'AWS/Lambda')), path: 'namespace', rule: /not starting with AWS\// },
  {
    name: 'smokeTrigger as a string',
    input: config((c) => (c.smokeTrigger = 'yes')),
    path: 'smokeTrigger',
    rule: /must be true or false, got "yes"/,
  },
  {
    name: 'expectSelectors not an array',
    input: target((t) => (t.expectSelectors = '#username')),
    path: 'targets[0].expectSelectors',
    rule: /must be an array/,
  },
  {
    name: 'only a user name variable',
    input: target((t) => (t.credentials = { usernameEnv: 'U' })),
    path: 'targets[0].credentials.passwordEnv',
    rule: /is required when usernameEnv is set/,
  },
  {
    name: 'bad secret ARN',
    input: target((t) => (t.credentials = { secretArn: 'my-secret' })),
    path: 'targets[0].credentials.secretArn',
    rule: /Secrets Manager secret ARN/,
  },
  {
    name: 'event is a string',
    kind: 'event',
    input: () => 'targets',
    path: '(root)',
    rule: /must be an object with a targets array, got "targets"/,
  },
  { name: 'event without targets', kind: 'event', input: () => ({ runId: 'x' }), path: 'targets', rule: /is required/ },
  {
    name: 'event target with a typo',
    kind: 'event',
    input: () => ({ targets: [{ ...validRawTarget('a'), timeout: {} }] }),
    path: 'targets[0].timeout',
    rule: /Did you mean "timeouts"\?/,
  },
  {
    name: 'event round timeout as text',
    kind: 'event',
    input: () => ({ targets: [{ ...validRawTarget('a'), timeouts: { roundMs: '20s' } }] }),
    path: 'targets[0].timeouts.roundMs',
    rule: /whole number .* ms, got "20s"/,
  },
];

describe('bad config and event input', () => {
  it("accepts the valid config and event every case starts from, so each rejection below is the case's own mistake", () => {
    // Act
    const config = parseConfig(validRawConfig(), 'test.json');
    const targets = parseTargets({ targets: [validRawTarget('a')] });
    // Assess
    expect(config.targets.map((t) => t.name)).toEqual(['autocrm']);
    expect(targets.map((t) => t.name)).toEqual(['a']);
  });

  it.each(CASES)('rejects $name at $path', ({ input, kind, path, rule }) => {
    // Prepare
    const raw = input();
    // Act
    const error = thrown(() => (kind === 'event' ? parseTargets(raw) : parseConfig(raw, 'test.json')));
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    const { issues, message } = error as ConfigError;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.message).toMatch(rule);
    expect(message).toContain(`${path}: ${issues[0]?.message}`);
  });
});
