import { BROWSER_ENGINES, type BrowserName } from './browsers';
import type { ProbeResult, StepName } from './types';

/** Target name on the result of an event that could not be read at all (no target name to use). */
export const INVALID_EVENT_TARGET = 'invalid-event';

export interface ProbeErrorOptions {
  readonly runId: string;
  readonly target: string;
  readonly location: string;
  readonly message: string;
  /** The step that could not run; `launch` = before any browser work. @default 'launch' */
  readonly step?: StepName;
  readonly startedAtMs?: number;
  readonly coldStart?: boolean;
  /** The browser the round was for; absent when no round was planned (a bad event or environment). */
  readonly browser?: BrowserName;
  readonly now?: () => number;
}

/**
 * A round that could not measure: our own fault (bad event, unreadable secret, engine crash). It is
 * status `error` with failure kind `probe_error`, so it publishes `ProbeError`, never as the target
 * being unavailable.
 */
export function probeErrorResult(options: ProbeErrorOptions): ProbeResult {
  const now = options.now ?? Date.now;
  const startedAtMs = options.startedAtMs ?? now();
  const step = options.step ?? 'launch';
  const durationMs = Math.max(0, now() - startedAtMs);
  return {
    runId: options.runId,
    target: options.target,
    location: options.location,
    startedAt: new Date(startedAtMs).toISOString(),
    durationMs,
    status: 'error',
    failure: { kind: 'probe_error', step, message: options.message },
    degraded: [],
    retried: false,
    ...(options.coldStart === undefined ? {} : { coldStart: options.coldStart }),
    steps: [{ name: step, ok: false, durationMs, failureKind: 'probe_error', message: options.message }],
    loginPage: null,
    systemCheck: null,
    browser: options.browser ? { name: options.browser, engine: BROWSER_ENGINES[options.browser], version: null, userAgent: null } : null,
    artifacts: [],
  };
}
