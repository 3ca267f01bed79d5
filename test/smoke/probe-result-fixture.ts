/**
 * ProbeResults for the gate, baseline and JUnit unit tests: a healthy round, then variations.
 * Shaped like what lambdas/probe/probe-target.ts returns.
 */
import type { Distribution, ProbeResult, StepName, StepResult } from '../../lambdas/core/types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function distribution(p50: number, p95: number): Distribution {
  return { samples: [p50, p50, p95], p50, p95, max: p95 };
}

const OK_STEPS: readonly StepName[] = ['launch', 'login_page', 'system_check', 'websocket', 'http', 'bandwidth'];

/** A healthy round of `target` at `location`. */
export function passingResult(overrides: Partial<ProbeResult> = {}): ProbeResult {
  const base: ProbeResult = {
    runId: 'run-1',
    target: 'reference',
    location: 'local',
    startedAt: '2026-11-27T20:00:00.123Z',
    durationMs: 4_250,
    status: 'pass',
    failure: null,
    degraded: [],
    retried: false,
    steps: OK_STEPS.map((name) => ({ name, ok: true, durationMs: 500 })),
    loginPage: {
      url: 'http://127.0.0.1:8080/cgi-bin/xorg/crm.pl',
      httpStatus: 200,
      ttfbMs: 4,
      elementsFound: true,
      missingElements: [],
      jsErrors: 0,
      fitsFullHd: true,
    },
    systemCheck: {
      url: 'http://127.0.0.1:8080/cgi-bin/xorg/systemcheck.pl',
      durationMs: 300,
      browser: { ok: true, text: 'Ihr Browser wird unterstützt.' },
      websocket: { ok: true, text: 'WebSocket-Verbindung erfolgreich aufgebaut.' },
      http: { ok: true, text: 'HTTP-Verbindung erfolgreich aufgebaut.' },
    },
    browser: { name: 'chromium', engine: 'chromium', version: '147.0.7727.15', userAgent: 'Mozilla/5.0 Chrome/147' },
    websocket: { url: 'ws://127.0.0.1:8080/ws', connectMs: 3, rttMs: distribution(1, 2), jitterMs: 0.2, sent: 20, lost: 0 },
    http: { url: 'http://127.0.0.1:8080/api/ping', rttMs: distribution(2, 3), jitterMs: 0.3, failedRequests: 0 },
    bandwidth: {
      downloadMbps: 400,
      uploadMbps: 300,
      downloadBytes: 1e7,
      uploadBytes: 1e7,
      minDownloadMbps: 16,
      minUploadMbps: 1,
      meetsRequirement: true,
    },
    artifacts: [],
  };
  return { ...base, ...overrides };
}

/** A round whose WebSocket echo lost every message. */
export function websocketFailedResult(overrides: Partial<ProbeResult> = {}): ProbeResult {
  const healthy = passingResult();
  const steps: StepResult[] = healthy.steps.map((step) =>
    step.name === 'websocket' ? { ...step, ok: false, failureKind: 'websocket', message: 'no echo within 2000 ms' } : step,
  );
  return passingResult({
    status: 'fail',
    failure: { kind: 'websocket', step: 'websocket', message: 'no echo within 2000 ms' },
    steps,
    websocket: { url: 'ws://127.0.0.1:8080/ws', connectMs: 3, sent: 20, lost: 20 },
    ...overrides,
  });
}

/** A round where the login page answered 500. */
export function httpStatusFailedResult(overrides: Partial<ProbeResult> = {}): ProbeResult {
  const result = passingResult({
    status: 'fail',
    failure: { kind: 'http_status', step: 'login_page', message: 'login page answered HTTP 500' },
    steps: [
      { name: 'launch', ok: true, durationMs: 700 },
      { name: 'login_page', ok: false, durationMs: 40, failureKind: 'http_status', message: 'login page answered HTTP 500' },
    ],
    systemCheck: null,
    ...overrides,
  }) as Mutable<ProbeResult>;
  result.loginPage = { ...passingResult().loginPage!, httpStatus: 500 };
  delete result.websocket;
  delete result.http;
  delete result.bandwidth;
  return result;
}

/** A round that could not start Chromium. */
export function launchErrorResult(overrides: Partial<ProbeResult> = {}): ProbeResult {
  const message = 'Chromium would not start (executable /nonexistent): spawn ENOENT';
  const result = passingResult({
    status: 'error',
    failure: { kind: 'probe_error', step: 'launch', message },
    steps: [{ name: 'launch', ok: false, durationMs: 10, failureKind: 'probe_error', message }],
    loginPage: null,
    systemCheck: null,
    browser: null,
    ...overrides,
  }) as Mutable<ProbeResult>;
  delete result.websocket;
  delete result.http;
  delete result.bandwidth;
  return result;
}

/** A round that works but whose bandwidth is below DSL-16000. */
export function bandwidthDegradedResult(overrides: Partial<ProbeResult> = {}): ProbeResult {
  return passingResult({
    status: 'degraded',
    degraded: ['bandwidth'],
    bandwidth: {
      downloadMbps: 3.9,
      uploadMbps: 3.8,
      downloadBytes: 2e6,
      uploadBytes: 2e6,
      minDownloadMbps: 16,
      minUploadMbps: 1,
      meetsRequirement: false,
    },
    ...overrides,
  });
}
