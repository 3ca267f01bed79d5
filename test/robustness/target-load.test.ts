/**
 * Load on the target: one full round with the reference profile (every measurement on, the demo
 * login included) sends no more requests, WebSocket messages and bytes than its config allows,
 * counted by the target itself at the socket (target/traffic.ts), not by the monitor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceTargetConfig } from '../../lambdas/core/config';
import { measurementLoadBound } from '../../lambdas/probe/measure/load';
import { probeTarget } from '../../lambdas/probe/probe-target';
import { DEFAULT_CREDENTIALS, startTarget, type RunningTarget } from '../../target/index';
import { chromiumDescendants } from './processes';

let target: RunningTarget;

beforeAll(async () => {
  target = await startTarget();
});

afterAll(async () => {
  await target?.close();
});

/**
 * What the journey itself costs besides the measurements: login page, System-Check page and its own
 * WebSocket and ping checks, favicon, login POST, start page, logout, login page again (11), with
 * room for a redirect or two. Pages are a few kB each; 300 kB per direction is a generous cap.
 */
const JOURNEY_REQUESTS = 16;
const JOURNEY_BYTES = 300_000;
/** The page's own WebSocket check sends one message. */
const JOURNEY_WS_MESSAGES = 1;

describe('load of one round on the target', () => {
  it('stays within what the config allows: requests, WebSocket messages, bytes per direction', async () => {
    // Prepare
    const config = referenceTargetConfig(target.origin);
    const bound = measurementLoadBound(config);
    target.resetStats();
    // Act
    const { result } = await probeTarget(config, { location: 'local', credentials: DEFAULT_CREDENTIALS });
    const served = target.stats();
    // Assess: a real round (else the bound is trivially met).
    expect(result.failure).toBeNull();
    expect(result.login?.ok).toBe(true);
    expect(served.requestsByPath['/download']).toBeGreaterThan(0);
    expect(served.requestsByPath['/upload']).toBeGreaterThan(0);
    // Assess: the bounds, from the config alone.
    expect(served.requests).toBeLessThanOrEqual(bound.httpRequests + bound.webSocketConnections + JOURNEY_REQUESTS);
    expect(served.requestsByPath['/api/ping']).toBeLessThanOrEqual((config.http?.samples ?? 0) + 2);
    expect(served.wsMessages).toBeLessThanOrEqual(bound.webSocketMessages + JOURNEY_WS_MESSAGES);
    expect(served.bytesSent).toBeLessThanOrEqual(bound.bytesFromTarget + JOURNEY_BYTES);
    expect(served.bytesReceived).toBeLessThanOrEqual(bound.bytesToTarget + JOURNEY_BYTES);
    // The monitor's own byte figures agree with what the target saw (within headers and pages).
    expect(served.bytesSent).toBeGreaterThanOrEqual(result.bandwidth?.downloadBytes ?? Number.POSITIVE_INFINITY);
    expect(served.bytesReceived).toBeGreaterThanOrEqual(result.bandwidth?.uploadBytes ?? Number.POSITIVE_INFINITY);
    expect(chromiumDescendants()).toEqual([]);
  });
});
