/**
 * An upload faster than the 1-byte round trip the ladder subtracts from each upload's time: a
 * server of our own that answers a 1-byte POST 300 ms late and any larger upload at once. Every
 * upload then lasts less than the "round trip", the case of a link faster than that round trip can
 * show (loopback, a fast data-centre path). The measurement gives a figure — a lower bound, from
 * the whole gross time — instead of "no transfer could be timed", an `http` failure.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../../lambdas/probe/browser';
import { measureBandwidth } from '../../lambdas/probe/measure/bandwidth';

const SLOW_TINY_POST_MS = 300;
const MAX_BYTES = 2_000_000;

describe('an upload faster than the round trip it is corrected by', () => {
  let server: Server;
  let launched: LaunchedBrowser;
  let page: Page;
  const uploadSizes: number[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.method !== 'POST') {
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.end('<!DOCTYPE html><title>upload</title><p>upload test</p>');
        return;
      }
      let bytes = 0;
      request.on('data', (chunk: Buffer) => (bytes += chunk.length));
      request.on('end', () => {
        uploadSizes.push(bytes);
        const answer = (): void => {
          response.setHeader('content-type', 'application/json');
          response.end(JSON.stringify({ bytes }));
        };
        if (bytes <= 1) setTimeout(answer, SLOW_TINY_POST_MS);
        else answer();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    launched = await launchBrowser();
    page = await launched.browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });
  afterAll(async () => {
    await launched?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports an upload rate, not a failure, and every byte it counted reached the server', async () => {
    // Act
    const outcome = await measureBandwidth(
      page,
      { uploadUrl: '/upload', minDownloadMbps: 16, minUploadMbps: 1, maxBytes: MAX_BYTES, budgetMs: 10_000 },
      10_000,
    );
    // Assess
    expect(outcome.failure).toBeUndefined();
    expect(outcome.value.uploadMbps).toBeGreaterThan(0);
    expect(uploadSizes.filter((size) => size <= 1)).toHaveLength(2); // the two round-trip probes
    const measured = uploadSizes.filter((size) => size > 1);
    expect(measured.length).toBeGreaterThan(0);
    expect(measured.reduce((sum, size) => sum + size, 0)).toBe(outcome.value.uploadBytes - 2);
    // the lower bound is still far above DSL-16000's 1 Mbit/s upload on loopback
    expect(outcome.value.meetsRequirement).toBe(true);
  });
});
