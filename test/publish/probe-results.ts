/**
 * Hand-built ProbeResults for the metric tests: one per status, with every measurement the mapping
 * reads set to a recognizable value.
 */
import type { ProbeResult } from '../../lambdas/core/types';

export const STARTED_AT = '2026-11-27T10:00:00.000Z';
const LOGIN_URL = 'https://crm.example.test/cgi-bin/xorg/crm.pl';
const CHECK_URL = 'https://crm.example.test/cgi-bin/xorg/systemcheck.pl';

const okVerdict = (text: string) => ({ ok: true, text });

export const passingResult: ProbeResult = {
  runId: 'run-1',
  target: 'autocrm-prod',
  location: 'eu-central-1',
  startedAt: STARTED_AT,
  durationMs: 4321,
  status: 'pass',
  failure: null,
  degraded: [],
  retried: false,
  coldStart: false,
  steps: [
    { name: 'launch', ok: true, durationMs: 300 },
    { name: 'login_page', ok: true, durationMs: 400 },
    { name: 'system_check', ok: true, durationMs: 812 },
  ],
  loginPage: {
    url: LOGIN_URL,
    httpStatus: 200,
    dnsMs: 1.5,
    connectMs: 2.5,
    tlsMs: 3.5,
    ttfbMs: 42.5,
    downloadMs: 2,
    domContentLoadedMs: 120,
    loadMs: 180.25,
    elementsFound: true,
    missingElements: [],
    jsErrors: 0,
    fitsFullHd: true,
  },
  systemCheck: {
    url: CHECK_URL,
    durationMs: 812,
    browser: okVerdict('Ihr Browser wird unterstützt.'),
    websocket: okVerdict('WebSocket-Verbindung erfolgreich aufgebaut.'),
    http: okVerdict('HTTP-Verbindung erfolgreich aufgebaut.'),
  },
  browser: { name: 'chromium', engine: 'chromium', version: '147.0.0.0', userAgent: 'Mozilla/5.0 HeadlessChrome/147' },
  websocket: {
    url: 'wss://crm.example.test/ws',
    connectMs: 12.5,
    upgradeMs: 4,
    rttMs: { samples: [1.5, 2, 1.5, 3], p50: 1.75, p95: 3, max: 3 },
    jitterMs: 0.83,
    sent: 4,
    lost: 0,
  },
  http: {
    url: 'https://crm.example.test/api/ping',
    rttMs: { samples: [4, 5, 6], p50: 5, p95: 6, max: 6 },
    jitterMs: 1,
    failedRequests: 0,
  },
  bandwidth: {
    downloadMbps: 95.5,
    uploadMbps: 40.25,
    downloadBytes: 12_000_000,
    uploadBytes: 5_000_000,
    minDownloadMbps: 16,
    minUploadMbps: 1,
    meetsRequirement: true,
  },
  artifacts: [],
};

export const degradedResult: ProbeResult = {
  ...passingResult,
  runId: 'run-2',
  status: 'degraded',
  degraded: ['bandwidth'],
  bandwidth: { ...passingResult.bandwidth!, downloadMbps: 9.5, meetsRequirement: false },
};

/** The page's WebSocket check failed and our own WebSocket measurement got no connection. */
export const failedResult: ProbeResult = {
  ...passingResult,
  runId: 'run-3',
  status: 'fail',
  failure: { kind: 'websocket', step: 'system_check', message: 'WebSocket-Verbindung konnte nicht aufgebaut werden.' },
  systemCheck: {
    ...passingResult.systemCheck!,
    websocket: { ok: false, text: 'WebSocket-Verbindung konnte nicht aufgebaut werden.' },
  },
  websocket: { url: 'wss://crm.example.test/ws', sent: 0, lost: 0, closeCode: 1006 },
  http: undefined,
  bandwidth: undefined,
};

/** Chromium would not start: our fault, nothing about the target is known. */
export const probeErrorResult: ProbeResult = {
  runId: 'run-4',
  target: 'autocrm-prod',
  location: 'eu-central-1',
  startedAt: STARTED_AT,
  durationMs: 1500,
  status: 'error',
  failure: { kind: 'probe_error', step: 'launch', message: 'Chromium did not start within 15000 ms' },
  degraded: [],
  retried: false,
  coldStart: true,
  steps: [{ name: 'launch', ok: false, durationMs: 1500, failureKind: 'probe_error' }],
  loginPage: null,
  systemCheck: null,
  browser: null,
  artifacts: [],
};

/** `count` targets × one location, each a passing round with `samples` RTT samples per measurement. */
export function manyTargets(count: number, samples = 20): ProbeResult[] {
  return Array.from({ length: count }, (_, index) => {
    const rtt = Array.from({ length: samples }, (_, i) => 1 + index + i / 10);
    return {
      ...passingResult,
      target: `target-${String(index).padStart(2, '0')}`,
      websocket: { ...passingResult.websocket!, rttMs: { samples: rtt, p50: 0, p95: 0, max: 0 } },
      http: { ...passingResult.http!, rttMs: { samples: rtt.map((v) => v * 2), p50: 0, p95: 0, max: 0 } },
    };
  });
}
