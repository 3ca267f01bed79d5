/**
 * Classification, pure: which FailureKind an error or a reading means, and which Status a round
 * ends with. The probe engine catches every error of a step and asks here what it was; nothing in
 * this file knows about Playwright objects, only about their names and messages.
 */
import { EXIT_CODES } from './exit-codes';
import type { DegradedReason, Failure, FailureKind, Status } from './types';

/** The parts of a thrown error that classification looks at. */
export interface ErrorLike {
  readonly name?: string;
  readonly message: string;
}

/**
 * Chromium network error codes (net/base/net_error_list.h) → failure kind. Matched as a prefix of
 * the code after `net::`, longest prefix first, so `ERR_CERT_` covers every certificate error.
 *
 * `ERR_TOO_MANY_REDIRECTS` is `http_status`: the server answered, but with a redirect loop instead
 * of a page — an HTTP-level fault (like a 5xx), not a problem with the page's content.
 */
const NET_ERROR_TABLE: readonly (readonly [prefix: string, kind: FailureKind])[] = [
  ['ERR_NAME_NOT_RESOLVED', 'dns'],
  ['ERR_NAME_RESOLUTION_FAILED', 'dns'],
  ['ERR_DNS_', 'dns'],
  ['ERR_CONNECTION_TIMED_OUT', 'timeout'],
  ['ERR_TIMED_OUT', 'timeout'],
  ['ERR_CONNECTION_REFUSED', 'connect'],
  ['ERR_CONNECTION_RESET', 'connect'],
  ['ERR_CONNECTION_CLOSED', 'connect'],
  ['ERR_CONNECTION_ABORTED', 'connect'],
  ['ERR_CONNECTION_FAILED', 'connect'],
  ['ERR_ADDRESS_UNREACHABLE', 'connect'],
  ['ERR_ADDRESS_INVALID', 'connect'],
  // Chromium refuses ports of other protocols (e.g. 9, 25): nothing can connect there.
  ['ERR_UNSAFE_PORT', 'connect'],
  ['ERR_NETWORK_', 'connect'],
  ['ERR_INTERNET_DISCONNECTED', 'connect'],
  ['ERR_EMPTY_RESPONSE', 'connect'],
  ['ERR_CERT_', 'tls'],
  ['ERR_SSL_', 'tls'],
  ['ERR_BAD_SSL_', 'tls'],
  ['ERR_TLS_', 'tls'],
  ['ERR_TOO_MANY_REDIRECTS', 'http_status'],
  ['ERR_HTTP_RESPONSE_CODE_FAILURE', 'http_status'],
  ['ERR_INVALID_HTTP_RESPONSE', 'http_status'],
  ['ERR_INVALID_RESPONSE', 'http_status'],
  ['ERR_UNSAFE_REDIRECT', 'http_status'],
  ['ERR_INVALID_REDIRECT', 'http_status'],
  ['ERR_CONTENT_', 'content'],
  ['ERR_INCOMPLETE_CHUNKED_ENCODING', 'content'],
  ['ERR_RESPONSE_HEADERS_TOO_BIG', 'content'],
];

/** NET_ERROR_TABLE, longest prefix first, so a specific code wins over a family prefix. */
export const NET_ERROR_KINDS = [...NET_ERROR_TABLE].sort((a, b) => b[0].length - a[0].length);

/** The `ERR_…` code in a Chromium/Playwright error message, e.g. `page.goto: net::ERR_CONNECTION_REFUSED at …`. */
export function netErrorCode(message: string): string | undefined {
  return /net::(ERR_[A-Z0-9_]+)/.exec(message)?.[1];
}

/** Failure kind of a Chromium net error code, or undefined when the code is not in the table. */
export function netErrorKind(code: string): FailureKind | undefined {
  return NET_ERROR_KINDS.find(([prefix]) => code.startsWith(prefix))?.[1];
}

/** Error names that mean "a step ran out of time" (Playwright's and the engine's own). */
const TIMEOUT_ERROR_NAMES: ReadonlySet<string> = new Set(['TimeoutError', 'DeadlineExceededError', 'AbortError']);

/** Error names that are the monitor's own fault, never the target's. */
const PROBE_ERROR_NAMES: ReadonlySet<string> = new Set(['BrowserLaunchError', 'ConfigError', 'ProbeError']);

/**
 * What an error thrown during a step means. Net errors by code; timeouts by name or by Playwright's
 * `Timeout NNNms exceeded` wording; the browser closing under us is our fault (`probe_error`); a
 * crashed page is the page's fault (`content`); anything else gets `fallback`, the kind the step
 * stands for (e.g. `content` for reading the page).
 */
export function classifyError(error: ErrorLike, fallback: FailureKind): FailureKind {
  const code = netErrorCode(error.message);
  if (code !== undefined) return netErrorKind(code) ?? fallback;
  if (error.name !== undefined && PROBE_ERROR_NAMES.has(error.name)) return 'probe_error';
  if (error.name !== undefined && TIMEOUT_ERROR_NAMES.has(error.name)) return 'timeout';
  if (/Timeout \d+ms exceeded|deadline exceeded/i.test(error.message)) return 'timeout';
  if (/Target crashed|Page crashed/i.test(error.message)) return 'content';
  if (/(browser|context) has been closed|Browser closed|browser has disconnected/i.test(error.message)) {
    return 'probe_error';
  }
  return fallback;
}

/** HTTP status of the login page → `http_status` when it is an error (>= 400) or missing. */
export function httpStatusKind(status: number | null): FailureKind | undefined {
  if (status === null || status >= 400) return 'http_status';
  return undefined;
}

/** The three System-Check verdicts as read from the page: true ok, false not ok, null not read. */
export interface VerdictOutcomes {
  readonly browser: boolean | null;
  readonly websocket: boolean | null;
  readonly http: boolean | null;
}

/**
 * The failure kind the page's own verdicts stand for, in the order a user reads them (browser
 * first: an unsupported browser explains everything after it). A verdict that was not read
 * (null) is not judged here: the engine reports that as a timeout or content failure.
 */
export function verdictKind(verdicts: VerdictOutcomes): FailureKind | undefined {
  if (verdicts.browser === false) return 'browser_unsupported';
  if (verdicts.websocket === false) return 'websocket';
  if (verdicts.http === false) return 'http';
  return undefined;
}

/**
 * The round's status: `error` when the monitor itself failed, `fail` on any other failure,
 * `degraded` when it passed with reasons to worry, else `pass`.
 */
export function roundStatus(failure: Failure | null, degraded: readonly DegradedReason[]): Status {
  if (failure) return failure.kind === 'probe_error' ? 'error' : 'fail';
  return degraded.length > 0 ? 'degraded' : 'pass';
}

/**
 * Exit code of a run over several results: a failed target (1) is a
 * finding about the target and wins over a probe error (3), which only says we could not measure
 * something; degraded counts as pass.
 */
export function runExitCode(statuses: readonly Status[]): 0 | 1 | 3 {
  if (statuses.includes('fail')) return EXIT_CODES.targetFailed;
  if (statuses.includes('error')) return EXIT_CODES.probeError;
  return EXIT_CODES.pass;
}
