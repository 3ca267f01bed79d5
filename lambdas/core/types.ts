/**
 * The plain-data contracts every layer shares: config in, ProbeResult out.
 * Nothing here does I/O; everything is JSON-serializable.
 */
import type { BrowserEngine, BrowserName } from './browsers';

/** Outcome of one probe round for one target. */
export const STATUSES = ['pass', 'degraded', 'fail', 'error'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * Why a round failed. `probe_error` is our own fault (Chromium would not start, bad config): it is
 * never reported as the target being unavailable.
 */
export const FAILURE_KINDS = [
  'dns',
  'connect',
  'tls',
  'http_status',
  'timeout',
  'content',
  'browser_unsupported',
  'websocket',
  'http',
  'probe_error',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** Why a round that passed functionally is still `degraded`. */
export const DEGRADED_REASONS = ['bandwidth', 'websocket_latency', 'http_latency', 'page_load'] as const;
export type DegradedReason = (typeof DEGRADED_REASONS)[number];

/**
 * The steps of one round, in the order they run. `login` runs last: a logged-in browser makes the
 * System-Check page ask to log out first, so the measurements in that page come before it.
 */
export const STEP_NAMES = ['launch', 'login_page', 'system_check', 'websocket', 'http', 'bandwidth', 'login'] as const;
export type StepName = (typeof STEP_NAMES)[number];

export interface Failure {
  readonly kind: FailureKind;
  readonly step: StepName;
  readonly message: string;
}

export interface StepResult {
  readonly name: StepName;
  readonly ok: boolean;
  readonly durationMs: number;
  /** Failure kind when `ok` is false. */
  readonly failureKind?: FailureKind;
  readonly message?: string;
}

/** A sample set with its order statistics, all in the same unit (ms). */
export interface Distribution {
  readonly samples: readonly number[];
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

export interface LoginFormResult {
  readonly source: PieceSource;
  readonly found: boolean;
  readonly usernameSelector?: string;
  readonly passwordSelector?: string;
  readonly submitSelector?: string;
}

export interface LoginPageResult {
  readonly url: string;
  /** HTTP status of the main document, null when no response arrived. */
  readonly httpStatus: number | null;
  readonly dnsMs?: number;
  readonly connectMs?: number;
  readonly tlsMs?: number;
  readonly ttfbMs?: number;
  /** responseEnd - responseStart of the document. */
  readonly downloadMs?: number;
  readonly domContentLoadedMs?: number;
  readonly loadMs?: number;
  /** Every expected element (configured selectors, or else a login form with a password field) was found. */
  readonly elementsFound: boolean;
  readonly missingElements: readonly string[];
  /** The login form: configured (`expectSelectors`) or discovered, with selectors that find its fields again. */
  readonly loginForm?: LoginFormResult;
  readonly jsErrors: number;
  /** The page's scroll width fits a 1920 px wide viewport; null when it could not be read. */
  readonly fitsFullHd: boolean | null;
}

/** Whether a piece of the journey (a selector, a pattern, an endpoint) came from the config or was found on the page. */
export type PieceSource = 'configured' | 'discovered';

/** What a verdict's text said: pass, fail, still running, neither (`unclear`), or no element at all (`missing`). */
export type VerdictOutcomeName = 'pass' | 'fail' | 'pending' | 'unclear' | 'missing';

export interface VerdictReading {
  /** true when the text was judged a pass, false a fail (or unclear), null when not read. */
  readonly ok: boolean | null;
  /** The text the page showed (trimmed, at most 300 characters). */
  readonly text: string | null;
  readonly outcome?: VerdictOutcomeName;
  /** Why, in a few words (the deciding word, or what was looked for). */
  readonly reason?: string;
  /** Whether the element came from a configured selector or was discovered by its text. */
  readonly source?: PieceSource;
  /** A selector that finds the element again (`#id`, a stable attribute, `tag:has-text("…")`); what `init` writes. */
  readonly selector?: string | null;
}

/** How the System-Check link behaved when clicked. */
export type LinkOpening = 'navigate' | 'new-tab' | 'in-place';

export interface SystemCheckLinkResult {
  readonly source: PieceSource;
  /** The link's accessible name or text, trimmed. */
  readonly name: string;
  readonly href: string | null;
  /** A selector that finds the link again; what `init` writes. */
  readonly selector: string;
  readonly opens?: LinkOpening;
}

/** A WebSocket or HTTP endpoint the System-Check page used for its own checks. */
export interface EndpointSeen {
  readonly url: string;
  /** HTTP status of the answer (101 for a WebSocket upgrade), when one came. */
  readonly status?: number;
}

export interface SystemCheckResult {
  readonly url: string | null;
  readonly durationMs: number;
  readonly browser: VerdictReading;
  readonly websocket: VerdictReading;
  readonly http: VerdictReading;
  /** Upgrade round trip of the WebSocket the System-Check page itself opened (DevTools or BiDi), when seen. */
  readonly pageWebSocketUpgradeMs?: number;
  /** Which clock `pageWebSocketUpgradeMs` came from. */
  readonly clocks?: { readonly pageWebSocketUpgradeMs?: ClockSource };
  readonly link?: SystemCheckLinkResult;
  /** The endpoints the page itself used while its checks ran (request and WebSocket events). */
  readonly endpoints?: { readonly websocket: readonly EndpointSeen[]; readonly http: readonly EndpointSeen[] };
}

export interface LoginStepResult {
  readonly attempted: boolean;
  readonly ok: boolean;
  readonly landedUrl?: string;
  readonly loggedOut?: boolean;
}

/**
 * Where a timing figure was read (docs/measurement.md, Clocks): the browser's DevTools (Chromium,
 * µs), its WebDriver BiDi network events (Firefox, µs), the page's Resource Timing, or the page's
 * `performance.now()`. Chromium clamps both page clocks to 0.1 ms; Firefox reads them unclamped
 * in the probe's profile.
 */
export const CLOCK_SOURCES = ['devtools', 'bidi', 'resource-timing', 'performance-now'] as const;
export type ClockSource = (typeof CLOCK_SOURCES)[number];

/** How many samples of a distribution came from each clock. */
export type SampleClocks = Readonly<Partial<Record<ClockSource, number>>>;

export interface WebSocketClocks {
  readonly connectMs: ClockSource;
  readonly upgradeMs?: ClockSource;
  readonly rttMs?: SampleClocks;
}

export interface WebSocketMeasurement {
  readonly url: string;
  /** Configured, or the WebSocket the System-Check page itself opened. */
  readonly source?: PieceSource;
  /** false when a discovered endpoint answered no echo: connect and upgrade times only, no RTT. */
  readonly echoes?: boolean;
  /** `new WebSocket` → `open`, measured in the page. */
  readonly connectMs?: number;
  /** Handshake request → handshake response, from the browser's network stack (DevTools or BiDi). */
  readonly upgradeMs?: number;
  readonly rttMs?: Distribution;
  readonly jitterMs?: number;
  readonly sent: number;
  readonly lost: number;
  /** Close code when the server closed the socket during the measurement. */
  readonly closeCode?: number;
  /** Which clock each figure came from. */
  readonly clocks?: WebSocketClocks;
}

export interface HttpMeasurement {
  readonly url: string;
  /** Configured, or the HTTP endpoint the System-Check page itself requested. */
  readonly source?: PieceSource;
  readonly rttMs?: Distribution;
  readonly jitterMs?: number;
  readonly failedRequests: number;
  /** Which clock the RTT samples came from. */
  readonly clocks?: { readonly rttMs?: SampleClocks };
}

export interface BandwidthMeasurement {
  readonly downloadMbps?: number;
  readonly uploadMbps?: number;
  readonly downloadBytes: number;
  readonly uploadBytes: number;
  readonly minDownloadMbps: number;
  readonly minUploadMbps: number;
  /** null when neither direction could be measured. */
  readonly meetsRequirement: boolean | null;
}

export interface ArtifactRef {
  readonly kind: 'screenshot' | 'html' | 'trace';
  /** Local file path (CLI) ... */
  readonly path?: string;
  /** ... or object key in the artifacts bucket (Lambda). */
  readonly key?: string;
  readonly bytes: number;
}

/** Evidence left out on purpose: a screenshot that could have shown a secret (lambdas/probe/artifacts.ts). */
export interface WithheldArtifact {
  readonly kind: 'screenshot' | 'html';
  /** Why, e.g. `the page shows <canvas> after the password was typed; its pixels cannot be checked for secrets`. */
  readonly reason: string;
}

export interface PublishOutcome {
  readonly sink: 'none' | 'cloudwatch' | 'emf' | 'local';
  readonly ok: boolean;
  readonly datums: number;
  /** Where the datums went when the primary sink failed (e.g. `emf`). */
  readonly fallback?: 'emf';
  readonly error?: string;
}

/** The browser a round ran in (DESIGN.md, Browsers). */
export interface BrowserInfo {
  readonly name: BrowserName;
  /** `chromium` for Chrome's and Edge's identities (Edge's identity on Chromium, not Edge's binary), `gecko` for Firefox. */
  readonly engine: BrowserEngine;
  /** The running binary's version (`147.0.7727.0`, `153.8.0`); null when it did not start. */
  readonly version: string | null;
  /** `navigator.userAgent` as the round's pages saw it; null when no page opened. */
  readonly userAgent: string | null;
}

/** Everything one round learned about one target. Plain data; never NaN or Infinity. */
export interface ProbeResult {
  readonly runId: string;
  readonly target: string;
  /** AWS region the probe ran in, or `local`. */
  readonly location: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly status: Status;
  readonly failure: Failure | null;
  readonly degraded: readonly DegradedReason[];
  /** The round failed once and was run again before being reported (flap suppression). */
  readonly retried: boolean;
  /**
   * On a retried round: when the attempt whose `steps` are reported started, in ms after `startedAt`
   * (the first attempt's start; `durationMs` spans every attempt). Absent when not retried.
   */
  readonly attemptOffsetMs?: number;
  /** First round of a fresh Lambda container (browser extraction included); absent when unknown. */
  readonly coldStart?: boolean;
  /**
   * A scheduled round's second look at a failed target, started 30 s after the failed round (one
   * outage-alarm period later, no retry), so a real outage fails in two consecutive 30-second periods
   * of the same minute. Absent on every other round.
   */
  readonly confirmation?: true;
  readonly steps: readonly StepResult[];
  readonly loginPage: LoginPageResult | null;
  readonly systemCheck: SystemCheckResult | null;
  readonly login?: LoginStepResult;
  /** The browser of this round; null only on a result made without a round (e.g. a bad Lambda event). */
  readonly browser: BrowserInfo | null;
  readonly websocket?: WebSocketMeasurement;
  readonly http?: HttpMeasurement;
  readonly bandwidth?: BandwidthMeasurement;
  readonly artifacts: readonly ArtifactRef[];
  /** Evidence not kept because it could have shown a secret, with the reason; absent when none. */
  readonly withheldArtifacts?: readonly WithheldArtifact[];
  readonly publish?: PublishOutcome;
}
