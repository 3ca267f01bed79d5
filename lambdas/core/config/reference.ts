import { ConfigError } from './error';
import type { TargetConfig } from './types';
import { FORMATS } from './formats';
import { parseTargets } from './parse-targets';
import { describeValue } from './validate';

/** Paths of the reference target's (and autocrm's) endpoints, relative to the origin (brief, page contract). */
const PATHS = {
  login: '/cgi-bin/xorg/crm.pl',
  websocket: '/ws',
  ping: '/api/ping',
  download: '/download?bytes={bytes}',
  upload: '/upload',
} as const;

/** The reference target's measurement endpoints at `origin`: WebSocket echo, HTTP ping, download and upload. */
function endpointsAt(origin: URL) {
  const websocketOrigin = `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`;
  return {
    websocket: { url: `${websocketOrigin}${PATHS.websocket}` },
    http: { url: `${origin.origin}${PATHS.ping}` },
    ...bandwidthAt(origin),
  };
}

function bandwidthAt(origin: URL) {
  return { bandwidth: { downloadUrl: `${origin.origin}${PATHS.download}`, uploadUrl: `${origin.origin}${PATHS.upload}` } };
}

/** One target through the same checks and defaults as a config file's targets. */
function parseOne(target: Record<string, unknown>, source: string): TargetConfig {
  const [parsed] = parseTargets({ targets: [target] }, source);
  if (!parsed) throw new Error('unreachable: parseTargets returned no target');
  return parsed;
}

/**
 * The config of the bundled reference target at `origin` (e.g. `http://127.0.0.1:34567`): every
 * measurement on, against its own endpoints; the login form, link and verdicts are discovered.
 */
export function referenceTargetConfig(origin: string, name = 'reference'): TargetConfig {
  const base = new URL(origin);
  return parseOne({ name, loginUrl: `${base.origin}${PATHS.login}`, ...endpointsAt(base) }, 'reference target profile');
}

export interface TargetFromUrlOptions {
  /** Target name (the Target metric dimension); default derived from the host, e.g. `www-autocrm-de`. */
  readonly name?: string;
  /**
   * Also measure bandwidth at the origin's /download and /upload (default false): up to
   * `maxBytes` per direction is real load on a server we only guessed the endpoints of.
   */
  readonly bandwidth?: boolean;
}

/**
 * A target for a bare login URL (`run --url`): everything discovered on the page — the login form, the
 * System-Check link, its verdicts, and the WebSocket and HTTP endpoints the System-Check itself uses
 * (measured for RTT); bandwidth only when asked (at the origin's /download and /upload). The second
 * argument is the name or {@link TargetFromUrlOptions}. Throws a {@link ConfigError} (path `loginUrl`) for a bad URL.
 */
export function targetFromUrl(loginUrl: string, nameOrOptions: string | TargetFromUrlOptions = {}): TargetConfig {
  const options = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : nameOrOptions;
  const broken = FORMATS['http-url'].check(loginUrl);
  if (broken !== undefined) throw new ConfigError([{ path: 'loginUrl', message: `${broken}, got ${describeValue(loginUrl)}` }], '--url');
  const url = new URL(loginUrl);
  // The target-name format: letters, digits, '-' and '_', at most 64 characters.
  const name = options.name ?? url.host.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 64);
  return parseOne({ name, loginUrl, ...(options.bandwidth ? bandwidthAt(url) : {}) }, '--url');
}
