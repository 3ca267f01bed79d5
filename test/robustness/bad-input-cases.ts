/**
 * Malformed configs and events for the boundary tests: each breaks one rule of a valid config, and
 * says where the problem is (`path`) and which rule it breaks (`rule`). Built on the config tier's
 * fixtures (test/unit/config-fixtures.ts), so "valid" means the same thing everywhere.
 */
import { firstTarget, validRawConfig, validRawTarget } from '../unit/config-fixtures';

export interface BadInputCase {
  readonly name: string;
  /** `both`: the mistake lives in the targets, so a Lambda event carries it too; `config`: file only. */
  readonly scope: 'both' | 'config';
  /** Makes the mistake in a fresh valid config. */
  readonly breakIt: (config: Record<string, unknown>) => void;
  /** Path of the problem as the config file reports it. */
  readonly path: string;
  readonly rule: RegExp;
}

type RawTarget = ReturnType<typeof firstTarget>;

function inTarget(breakIt: (target: RawTarget) => void): (config: Record<string, unknown>) => void {
  return (config) => breakIt(firstTarget(config));
}

export const BAD_INPUTS: readonly BadInputCase[] = [
  {
    name: 'relative login URL',
    scope: 'both',
    breakIt: inTarget((t) => (t.loginUrl = 'crm.pl')),
    path: 'targets[0].loginUrl',
    rule: /absolute http\(s\) URL, got "crm\.pl"/,
  },
  {
    name: 'ftp login URL',
    scope: 'both',
    breakIt: inTarget((t) => (t.loginUrl = 'ftp://crm.example/crm.pl')),
    path: 'targets[0].loginUrl',
    rule: /absolute http\(s\) URL, got "ftp:/,
  },
  { name: 'login URL a number', scope: 'both', breakIt: inTarget((t) => (t.loginUrl = 42)), path: 'targets[0].loginUrl', rule: /got 42/ },
  {
    name: 'missing login URL',
    scope: 'both',
    breakIt: inTarget((t) => delete t.loginUrl),
    path: 'targets[0].loginUrl',
    rule: /is required/,
  },
  {
    name: 'misspelt target key',
    scope: 'both',
    breakIt: inTarget((t) => (t.loginUlr = 'x')),
    path: 'targets[0].loginUlr',
    rule: /unknown key\. Did you mean "loginUrl"\?/,
  },
  {
    name: 'a password in the config',
    scope: 'both',
    breakIt: inTarget((t) => (t.password = 'hunter2')),
    path: 'targets[0].password',
    rule: /never put credentials into the config/,
  },
  {
    name: 'WebSocket URL with http',
    scope: 'both',
    breakIt: inTarget((t) => (t.websocket.url = 'https://crm.example/ws')),
    path: 'targets[0].websocket.url',
    rule: /ws:\/\/ or wss:\/\/ URL/,
  },
  {
    name: 'relative ping URL',
    scope: 'both',
    breakIt: inTarget((t) => (t.http.url = '/api/ping')),
    path: 'targets[0].http.url',
    rule: /absolute http\(s\) URL, got "\/api\/ping"/,
  },
  {
    name: 'download URL without {bytes}',
    scope: 'both',
    breakIt: inTarget((t) => (t.bandwidth.downloadUrl = 'https://crm.example/download')),
    path: 'targets[0].bandwidth.downloadUrl',
    rule: /\{bytes\}/,
  },
  {
    name: 'negative step timeout',
    scope: 'both',
    breakIt: inTarget((t) => (t.timeouts = { stepMs: -1 })),
    path: 'targets[0].timeouts.stepMs',
    rule: /from 500 to 120000 ms, got -1/,
  },
  {
    name: 'zero round timeout',
    scope: 'both',
    breakIt: inTarget((t) => (t.timeouts = { roundMs: 0 })),
    path: 'targets[0].timeouts.roundMs',
    rule: /got 0/,
  },
  {
    name: 'absurd navigation timeout',
    scope: 'both',
    breakIt: inTarget((t) => (t.timeouts = { navigationMs: 10_000_000 })),
    path: 'targets[0].timeouts.navigationMs',
    rule: /got 10000000/,
  },
  {
    name: 'step timeout above the round',
    scope: 'both',
    breakIt: inTarget((t) => (t.timeouts = { stepMs: 25_000 })),
    path: 'targets[0].timeouts.stepMs',
    rule: /at most timeouts\.roundMs/,
  },
  {
    name: 'timeout as text',
    scope: 'both',
    breakIt: inTarget((t) => (t.timeouts = { roundMs: '20s' })),
    path: 'targets[0].timeouts.roundMs',
    rule: /got "20s"/,
  },
  {
    name: 'zero echo messages',
    scope: 'both',
    breakIt: inTarget((t) => (t.websocket.messages = 0)),
    path: 'targets[0].websocket.messages',
    rule: /from 1 to 150 messages, got 0/,
  },
  {
    name: 'absurd echo messages',
    scope: 'both',
    breakIt: inTarget((t) => (t.websocket.messages = 1_000_000)),
    path: 'targets[0].websocket.messages',
    rule: /from 1 to 150/,
  },
  {
    name: 'fractional HTTP samples',
    scope: 'both',
    breakIt: inTarget((t) => (t.http.samples = 2.5)),
    path: 'targets[0].http.samples',
    rule: /got 2\.5/,
  },
  {
    name: 'absurd byte cap',
    scope: 'both',
    breakIt: inTarget((t) => (t.bandwidth.maxBytes = 1e12)),
    path: 'targets[0].bandwidth.maxBytes',
    rule: /bytes/,
  },
  {
    name: 'invalid verdict regex',
    scope: 'both',
    breakIt: inTarget((t) => (t.systemCheck = { verdicts: { http: { ok: '(' } } })),
    path: 'targets[0].systemCheck.verdicts.http.ok',
    rule: /valid regular expression/,
  },
  {
    name: 'target name with a space',
    scope: 'both',
    breakIt: inTarget((t) => (t.name = 'auto crm')),
    path: 'targets[0].name',
    rule: /got "auto crm"/,
  },
  {
    name: 'selectors not an array',
    scope: 'both',
    breakIt: inTarget((t) => (t.expectSelectors = '#username')),
    path: 'targets[0].expectSelectors',
    rule: /must be an array/,
  },
  {
    name: 'secret ARN that is no ARN',
    scope: 'both',
    breakIt: inTarget((t) => (t.credentials = { secretArn: 'my-secret' })),
    path: 'targets[0].credentials.secretArn',
    rule: /Secrets Manager secret ARN/,
  },
  {
    name: 'duplicate target names',
    scope: 'both',
    breakIt: (c) => Object.assign(c, { targets: [validRawTarget('a'), validRawTarget('a')], schedule: 2 }),
    path: 'targets[1].name',
    rule: /must be unique, got "a"/,
  },
  { name: 'schedule as text', scope: 'config', breakIt: (c) => (c.schedule = '5'), path: 'schedule', rule: /got "5"/ },
  { name: 'schedule zero', scope: 'config', breakIt: (c) => (c.schedule = 0), path: 'schedule', rule: /from 1 to 60 minutes, got 0/ },
  { name: 'misspelt top-level key', scope: 'config', breakIt: (c) => (c.schedul = 2), path: 'schedul', rule: /Did you mean "schedule"\?/ },
  {
    name: 'region that does not exist',
    scope: 'config',
    breakIt: (c) => (c.probeRegions = ['eu-central1']),
    path: 'probeRegions[0]',
    rule: /Did you mean "eu-central-1"\?/,
  },
  {
    name: 'home region on Mars',
    scope: 'config',
    breakIt: (c) => (c.homeRegion = 'mars-north-1'),
    path: 'homeRegion',
    rule: /commercial AWS region/,
  },
  {
    name: "schedule shorter than a round's invocation",
    scope: 'config',
    // 45 s round + 20 s launch margin at a 1-minute schedule (more targets alone no longer matter: one invocation each).
    breakIt: (c) => (c.targets = [{ ...validRawTarget('a'), timeouts: { roundMs: 45_000 } }]),
    path: 'schedule',
    rule: /must be longer than the slowest round's invocation \(targets\[0\] "a" in chromium: 45000 ms round \+ 20000 ms launch margin = 65000 ms\)/,
  },
  { name: 'memory below one vCPU', scope: 'config', breakIt: (c) => (c.memoryMb = 1024), path: 'memoryMb', rule: /got 1024/ },
  {
    name: 'quorum above the regions',
    scope: 'config',
    breakIt: (c) => (c.alarms = { outageQuorum: 4 }),
    path: 'alarms.outageQuorum',
    rule: /got 4/,
  },
  ...prototypeKeyCases(),
];

/**
 * Sets `key` as an own, enumerable key, as JSON.parse does: `object.__proto__ = …` would set the
 * prototype instead, and JSON.stringify would drop it.
 */
export function setOwnKey(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
}

/** Keys that name Object.prototype's members, at several levels: unknown keys like any other. */
function prototypeKeyCases(): BadInputCase[] {
  const section = (t: RawTarget, name: string): Record<string, unknown> => {
    if (typeof t[name] !== 'object' || t[name] === null) t[name] = {};
    return t[name] as Record<string, unknown>;
  };
  const unknownKey = /: unknown key\. /;
  return [
    {
      name: '__proto__ at the top',
      scope: 'config',
      breakIt: (c) => setOwnKey(c, '__proto__', { schedule: 5 }),
      path: '__proto__',
      rule: unknownKey,
    },
    {
      name: 'constructor in alarms.critical',
      scope: 'config',
      breakIt: (c) => setOwnKey((c.alarms as { critical: Record<string, unknown> }).critical, 'constructor', { emails: [] }),
      path: 'alarms.critical.constructor',
      rule: unknownKey,
    },
    {
      name: '__proto__ in a target',
      scope: 'both',
      breakIt: inTarget((t) => setOwnKey(t, '__proto__', { loginUrl: 'https://evil.example/' })),
      path: 'targets[0].__proto__',
      rule: unknownKey,
    },
    {
      name: 'constructor in a target',
      scope: 'both',
      breakIt: inTarget((t) => setOwnKey(t, 'constructor', 1)),
      path: 'targets[0].constructor',
      rule: unknownKey,
    },
    {
      name: 'prototype in websocket',
      scope: 'both',
      breakIt: inTarget((t) => setOwnKey(t.websocket, 'prototype', {})),
      path: 'targets[0].websocket.prototype',
      rule: unknownKey,
    },
    {
      name: 'toString in timeouts',
      scope: 'both',
      breakIt: inTarget((t) => setOwnKey(section(t, 'timeouts'), 'toString', 'x')),
      path: 'targets[0].timeouts.toString',
      rule: unknownKey,
    },
    {
      name: '__proto__ in credentials',
      scope: 'both',
      breakIt: inTarget((t) => setOwnKey(section(t, 'credentials'), '__proto__', { secretArn: 'x' })),
      path: 'targets[0].credentials.__proto__',
      rule: unknownKey,
    },
  ];
}

/** A valid config with the case's mistake. */
export function brokenConfig(input: BadInputCase): Record<string, unknown> {
  const config = validRawConfig();
  input.breakIt(config);
  return config;
}

/** Events the handler must refuse as a whole (not a config mistake inside a target). */
export const BAD_EVENTS: readonly { name: string; event: unknown; rule: RegExp }[] = [
  { name: 'a string', event: 'probe please', rule: /must be a JSON object/ },
  { name: 'an array', event: [{ name: 'x' }], rule: /must be a JSON object/ },
  { name: 'a misspelt key', event: { targest: [] }, rule: /event\.targest: unknown key.*Did you mean "targets"\?/ },
  {
    name: 'an unknown mode',
    event: { targets: [validRawTarget('a')], mode: 'daily' },
    rule: /event\.mode: must be one of scheduled, smoke, got "daily"/,
  },
  { name: 'targets not an array', event: { targets: { name: 'a' } }, rule: /event\.targets: must be an array/ },
  {
    name: 'with an own __proto__ key',
    event: JSON.parse('{"__proto__": {"targets": []}}') as unknown,
    rule: /event\.__proto__: unknown key/,
  },
  { name: 'with a constructor key', event: { constructor: 'x' }, rule: /event\.constructor: unknown key/ },
];
