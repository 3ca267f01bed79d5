import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_DESIGN, DESIGNS, parseDesign, type DesignName } from './designs/index';
import { parseFaults } from './faults';
import { PATHS } from './paths';
import { createTargetServer } from './server';
import { DEFAULT_CREDENTIALS, SessionStore, type Credentials } from './sessions';
import { LIST_CHECK_HASH } from './designs/design-b-script';
import { createCertificate, type TlsMode } from './tls';
import type { TrafficStats } from './traffic';

export {
  DEFAULT_DESIGN,
  DESIGN_NAMES,
  DESIGNS,
  DesignError,
  parseDesign,
  type CheckName,
  type DesignContract,
  type DesignName,
  type DesignPaths,
  type LinkBehaviour,
  type PageDesign,
} from './designs/index';
export { LIST_CHECK_HASH, LIST_NEGATED_TEXTS, LIST_TEXTS } from './designs/design-b-script';
export { TABLE_NEGATED_TEXTS, TABLE_TEXTS } from './designs/design-c-script';
export { TABLE_VERDICT_DELAY_MS } from './designs/design-c';
export { POPUP_NEGATED_TEXTS, POPUP_TEXTS } from './designs/design-d-script';
export { FAULT_NAMES, FAULT_SPECS, FaultError, parseFaults, type ActiveFaults, type FaultName } from './faults';
export { PATHS } from './paths';
export { DEFAULT_CREDENTIALS, SESSION_COOKIE, type Credentials } from './sessions';
export { DEFAULT_POLICY, JS_ERROR_MESSAGE, NEGATED_VERDICT_TEXTS, PAGE_CHECK_TIMEOUT_MS, VERDICT_TEXTS } from './system-check-script';
export {
  DESIGN_SCENARIOS,
  failureKindFor,
  LATE_VERDICT_MS,
  verdictsFor,
  type BrowserIdentity,
  type DesignScenario,
  type ScenarioFailureKind,
  type VerdictState,
} from './scenarios';
export { TLS_MODES, type TlsMode } from './tls';
export type { TrafficStats } from './traffic';

export interface StartTargetOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Faults as `name` or `name=value` (see FAULT_SPECS). @default [] */
  readonly faults?: readonly string[];
  /** The demo account the login accepts. @default DEFAULT_CREDENTIALS (demo / demo-password) */
  readonly credentials?: Credentials;
  /** Serve HTTPS and wss with a certificate generated at start. @default 'off' */
  readonly tls?: TlsMode;
  /**
   * The page design: `a` autocrm's own page, `b` an English list whose checks run in place, `c` a
   * German table in a new tab with late verdicts, `d` an English definition list in a popup a button
   * opens (docs/target.md, "Page designs"). @default 'a'
   */
  readonly design?: DesignName;
}

/** A running reference target: its URLs, runtime fault switching, and a prompt, complete close. */
export interface RunningTarget {
  /** `http://127.0.0.1:PORT` (or https). */
  readonly origin: string;
  /** The page design served. */
  readonly design: DesignName;
  readonly loginUrl: string;
  /** Where the System-Check shows: its page, or (design b) the login page at `#systemcheck`. */
  readonly systemCheckUrl: string;
  /** The WebSocket echo the System-Check uses. */
  readonly wsUrl: string;
  /** The HTTP endpoint the System-Check uses. */
  readonly pingUrl: string;
  /** Download URL with a `{bytes}` placeholder. */
  readonly downloadUrl: string;
  readonly uploadUrl: string;
  /** PEM of the generated certificate when TLS is on (so a test client can trust it), else undefined. */
  readonly certificatePem?: string;
  /** Replaces the active faults (throws FaultError, keeping the old ones, when one is bad). */
  setFaults(faults: readonly string[]): void;
  /** The active faults in canonical form (`ws-delay=250`). */
  activeFaults(): readonly string[];
  /**
   * What the target has served since start (or `resetStats`): requests (per path), connections,
   * wire bytes in each direction and WebSocket messages received — the load a monitor round puts on it.
   */
  stats(): TrafficStats;
  /** Starts the counters from zero. */
  resetStats(): void;
  /** Session ids issued so far (ended ones too): a test searches reports for them. */
  issuedSessionIds(): readonly string[];
  /** Closes the server and every socket, WebSocket and pending answer; idempotent. */
  close(): Promise<void>;
}

/** The port is taken or the address cannot be bound. */
export class TargetStartError extends Error {
  override readonly name = 'TargetStartError';
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        new TargetStartError(
          `cannot listen on ${host}:${port} (${error.code ?? error.message}); choose another port, or 0 for a free one.`,
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts the reference target (autocrm's login page, System-Check page, /ws, /api/ping,
 * /download, /upload, or another design's pages and endpoints) with the given faults. Throws
 * FaultError for a bad fault and DesignError for an unknown design before listening.
 */
export async function startTarget(options: StartTargetOptions = {}): Promise<RunningTarget> {
  const host = options.host ?? '127.0.0.1';
  const mode = options.tls ?? 'off';
  const faults = parseFaults(options.faults ?? []);
  const design = DESIGNS[parseDesign(options.design ?? DEFAULT_DESIGN)];
  const tls = mode === 'off' ? undefined : await createCertificate(mode, host);
  const sessions = new SessionStore(options.credentials ?? DEFAULT_CREDENTIALS, tls !== undefined);
  const target = createTargetServer({ faults, sessions, design, tls });
  const port = await listen(target.server, host, options.port ?? 0);
  const origin = `${tls ? 'https' : 'http'}://${urlHost(host)}:${port}`;
  const { paths } = design;
  return {
    origin,
    design: design.name,
    loginUrl: `${origin}${paths.login}`,
    systemCheckUrl: paths.systemCheck ? `${origin}${paths.systemCheck}` : `${origin}${paths.login}${LIST_CHECK_HASH}`,
    wsUrl: `${tls ? 'wss' : 'ws'}://${urlHost(host)}:${port}${paths.ws}`,
    pingUrl: `${origin}${paths.http}`,
    downloadUrl: `${origin}${PATHS.download}?bytes={bytes}`,
    uploadUrl: `${origin}${PATHS.upload}`,
    certificatePem: tls?.cert,
    setFaults: (next) => target.setFaults(parseFaults(next)),
    activeFaults: () => target.activeFaults().list,
    stats: () => target.stats(),
    resetStats: () => target.resetStats(),
    issuedSessionIds: () => sessions.issuedIds(),
    close: () => target.shutdown(),
  };
}
