/**
 * Load on the target: what one round's measurements send stays within the bound computed from the
 * config (counted from the browser's own request log, independent of the measurement code).
 */
import { describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { measureBandwidth } from '../../lambdas/probe/measure/bandwidth';
import { measureHttp } from '../../lambdas/probe/measure/http';
import { measurementLoadBound } from '../../lambdas/probe/measure/load';
import { measureWebSocket } from '../../lambdas/probe/measure/websocket';
import { useTargetPage } from './measure-helpers';

const { target, page } = useTargetPage();

describe('load of one round of measurements', () => {
  it('sends no more requests, messages and bytes than the config allows', async () => {
    // Prepare
    const configs = {
      websocket: { url: target().wsUrl, messages: 20, intervalMs: 5, timeoutMs: 1_000 },
      http: { url: target().pingUrl, samples: 10 },
      bandwidth: {
        downloadUrl: target().downloadUrl,
        uploadUrl: target().uploadUrl,
        minDownloadMbps: 16,
        minUploadMbps: 1,
        maxBytes: 4_000_000,
        budgetMs: 3_000,
      },
    };
    const bound = measurementLoadBound(configs);
    const requests: Request[] = [];
    const onRequest = (request: Request): void => {
      requests.push(request);
    };
    page().on('request', onRequest);
    // Act
    const websocket = await measureWebSocket(page(), configs.websocket, 8_000);
    const http = await measureHttp(page(), configs.http, 8_000);
    const bandwidth = await measureBandwidth(page(), configs.bandwidth, 8_000);
    page().off('request', onRequest);
    // Assess
    expect([websocket.failure, http.failure, bandwidth.failure]).toEqual([undefined, undefined, undefined]);
    const paths = requests.map((request) => new URL(request.url()).pathname);
    const pings = paths.filter((path) => path === '/api/ping').length;
    const downloads = paths.filter((path) => path === '/download').length;
    const uploads = paths.filter((path) => path === '/upload').length;
    expect(pings).toBe(11);
    expect(pings + downloads + uploads).toBeLessThanOrEqual(bound.httpRequests);
    expect(websocket.value.sent).toBeLessThanOrEqual(bound.webSocketMessages);
    expect(bandwidth.value.downloadBytes).toBeGreaterThan(0);
    expect(bandwidth.value.downloadBytes).toBeLessThanOrEqual(configs.bandwidth.maxBytes);
    expect(bandwidth.value.uploadBytes).toBeLessThanOrEqual(configs.bandwidth.maxBytes);
    // Independent of the measurement's own count: the Content-Length Chromium put on each upload.
    const uploadHeaders = await Promise.all(requests.filter((r) => r.url().includes('/upload')).map((r) => r.allHeaders()));
    const uploadBodyBytes = uploadHeaders.reduce((sum, headers) => sum + Number(headers['content-length'] ?? Number.NaN), 0);
    expect(uploadBodyBytes).toBe(bandwidth.value.uploadBytes);
  });

  it('computes the bound from the config', () => {
    const bound = measurementLoadBound({
      websocket: { url: 'ws://x/ws', messages: 20, intervalMs: 50, timeoutMs: 2_000 },
      http: { url: 'http://x/api/ping', samples: 10 },
      bandwidth: {
        downloadUrl: 'http://x/d?b={bytes}',
        uploadUrl: 'http://x/u',
        minDownloadMbps: 16,
        minUploadMbps: 1,
        maxBytes: 25_000_000,
        budgetMs: 6_000,
      },
    });
    expect(bound).toEqual({
      httpRequests: 11 + 12 + 12,
      webSocketConnections: 1,
      webSocketMessages: 20,
      bytesFromTarget: 25_000_000 + (20 + 11 + 24) * 1_024,
      bytesToTarget: 25_000_000 + (20 + 11 + 24) * 1_024,
    });
    expect(measurementLoadBound({})).toEqual({
      httpRequests: 0,
      webSocketConnections: 0,
      webSocketMessages: 0,
      bytesFromTarget: 0,
      bytesToTarget: 0,
    });
  });
});
