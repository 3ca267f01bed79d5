import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceTargetConfig } from '../../lambdas/core/config';
import type { TargetConfig } from '../../lambdas/core/config/types';
import { createDeadline } from '../../lambdas/core/deadline';
import { launchBrowser, resolveExecutablePath } from '../../lambdas/probe/browser';
import { probeTarget, type ProgressEvent } from '../../lambdas/probe/probe-target';
import { readVerdicts } from '../../lambdas/probe/system-check';
import { startTarget, VERDICT_TEXTS, type RunningTarget } from '../../target/index';
import { chromiumChildren } from './journey-helpers';

const PLANTED_PASSWORD = 'Planted-Secret-7f3a9c';

describe('probeTarget against the healthy reference target', () => {
  let target: RunningTarget;
  let full: TargetConfig;
  let journeyOnly: TargetConfig;

  beforeAll(async () => {
    target = await startTarget({ credentials: { username: 'demo', password: PLANTED_PASSWORD } });
    full = referenceTargetConfig(target.origin);
    journeyOnly = { ...full, websocket: undefined, http: undefined, measurePageEndpoints: false, bandwidth: undefined };
  });
  afterAll(async () => {
    await target.close();
  });

  it('passes a whole round: verdicts read from the page, timings, measurements, login and logout', async () => {
    // Prepare
    const browsersDuringRound: number[][] = [];
    const onProgress = (event: ProgressEvent): void => {
      if (event.type === 'step_start' && event.step === 'system_check') browsersDuringRound.push(chromiumChildren());
    };
    // Act
    const { result, artifacts } = await probeTarget(full, {
      location: 'local',
      credentials: { username: 'demo', password: PLANTED_PASSWORD },
      onProgress,
    });
    // Assess
    expect(result.failure).toBeNull();
    expect(result.status === 'pass' || result.status === 'degraded').toBe(true);
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['launch', true],
      ['login_page', true],
      ['system_check', true],
      ['websocket', true],
      ['http', true],
      ['bandwidth', true],
      ['login', true],
    ]);
    expect(result.systemCheck?.browser).toMatchObject({ ok: true, text: VERDICT_TEXTS.browserOk });
    expect(result.systemCheck?.websocket).toMatchObject({ ok: true, text: VERDICT_TEXTS.websocketOk });
    expect(result.systemCheck?.http).toMatchObject({ ok: true, text: VERDICT_TEXTS.httpOk });
    // the page's own WebSocket upgrade, timed by DevTools: the observer was attached before the page opened its socket
    expect(result.systemCheck?.clocks).toEqual({ pageWebSocketUpgradeMs: 'devtools' });
    expect(result.systemCheck?.pageWebSocketUpgradeMs).toBeGreaterThan(0);
    expect(result.loginPage).toMatchObject({ httpStatus: 200, elementsFound: true, jsErrors: 0, fitsFullHd: true });
    expect(result.loginPage?.ttfbMs).toBeGreaterThanOrEqual(0);
    expect(result.loginPage?.loadMs).toBeGreaterThan(0);
    expect(result.browser?.userAgent).toMatch(/ Chrome\/\d+\.0\.0\.0 /);
    expect(result.browser?.userAgent).not.toContain('Headless');
    expect(result.websocket?.rttMs?.samples.length).toBeGreaterThan(0);
    expect(result.http?.rttMs?.p50).toBeGreaterThan(0);
    expect(result.bandwidth?.downloadMbps).toBeGreaterThan(0);
    expect(result.login).toMatchObject({ attempted: true, ok: true, loggedOut: true });
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
    expect(JSON.stringify(result)).not.toContain(PLANTED_PASSWORD);
    expect(artifacts).toEqual([]);
    expect(browsersDuringRound[0]?.length).toBeGreaterThan(0);
    expect(chromiumChildren()).toEqual([]);
  });

  it('judges verdicts with the configured expression, not by assumption', async () => {
    // Prepare: the page says "wird unterstützt", the config demands a text the page never shows
    const strict: TargetConfig = {
      ...journeyOnly,
      systemCheck: {
        ...journeyOnly.systemCheck,
        verdicts: { ...journeyOnly.systemCheck.verdicts, http: { selector: '#check-http', ok: 'HTTP/3 aktiv' } },
      },
    };
    // Act
    const { result } = await probeTarget(strict, { location: 'local' });
    // Assess
    expect(result.failure).toMatchObject({ kind: 'http', step: 'system_check' });
    expect(result.systemCheck?.http).toMatchObject({ ok: false, text: VERDICT_TEXTS.httpOk });
  });

  it('presents a desktop Chrome user agent that a System-Check rejecting HeadlessChrome accepts', async () => {
    // Prepare
    target.setFaults(['reject-headless']);
    try {
      // Act
      const { result } = await probeTarget(journeyOnly, { location: 'local' });
      // Assess
      expect(result.status).toBe('pass');
      expect(result.systemCheck?.browser.ok).toBe(true);
    } finally {
      target.setFaults([]);
    }
  });

  it('never writes the password: a login that breaks after typing it leaves no trace in result or evidence', async () => {
    // Prepare: the submit button selector is wrong, so the round fails with the password typed in
    const broken: TargetConfig = {
      ...journeyOnly,
      credentials: { submitSelector: '#no-such-button' },
      timeouts: { ...journeyOnly.timeouts, stepMs: 1_500 },
    };
    // Act
    const { result, artifacts } = await probeTarget(broken, {
      location: 'local',
      credentials: { username: 'demo', password: PLANTED_PASSWORD },
    });
    // Assess
    expect(result.failure).toMatchObject({ kind: 'timeout', step: 'login' });
    expect(artifacts.length).toBe(2);
    for (const artifact of artifacts) expect(artifact.body.includes(PLANTED_PASSWORD)).toBe(false);
    expect(artifacts.find((a) => a.kind === 'html')?.body.toString('utf8')).toMatch(/id="password"/);
    expect(JSON.stringify(result)).not.toContain(PLANTED_PASSWORD);
  });

  it('runs a failed round again when retries allow, and marks the result as retried', async () => {
    // Prepare: the first round meets a 500, the retry a healthy target
    target.setFaults(['http-500']);
    let firstEndMs = Number.NaN;
    const onProgress = (event: ProgressEvent): void => {
      if (event.type === 'round_end' && event.attempt === 1) {
        firstEndMs = Date.now();
        target.setFaults([]);
      }
    };
    // Act
    const { result } = await probeTarget(journeyOnly, { location: 'local', retries: 1, onProgress });
    // Assess
    expect(result.status).toBe('pass');
    expect(result.retried).toBe(true);
    // Reported from the first attempt's start over the whole round (the failure was first seen then).
    expect(Date.parse(result.startedAt)).toBeLessThan(firstEndMs);
    expect(Date.parse(result.startedAt) + result.durationMs).toBeGreaterThanOrEqual(firstEndMs);
    // The steps are the retry's: they started after the first attempt ended, and the result says when.
    expect(Date.parse(result.startedAt) + (result.attemptOffsetMs ?? 0)).toBeGreaterThanOrEqual(firstEndMs);
    expect(result.attemptOffsetMs).toBeLessThanOrEqual(result.durationMs);
  });

  it('keeps the failure the first attempt measured when the retry cannot measure (Chromium will not start)', async () => {
    // Prepare: the first round meets a 500; then Chromium can no longer be started
    target.setFaults(['http-500']);
    const env: NodeJS.ProcessEnv = { ...process.env };
    const onProgress = (event: ProgressEvent): void => {
      if (event.type === 'round_end' && event.attempt === 1) env.CHROMIUM_PATH = '/nonexistent/chromium';
    };
    try {
      // Act
      const { result } = await probeTarget(journeyOnly, { location: 'local', retries: 1, onProgress, launch: { env } });
      // Assess: the target failed; that the retry could not run is no news about the target
      expect(env.CHROMIUM_PATH).toBe('/nonexistent/chromium');
      expect(result).toMatchObject({ status: 'fail', retried: true, failure: { kind: 'http_status', step: 'login_page' } });
    } finally {
      target.setFaults([]);
    }
  });

  it('recognises a System-Check that asks to log out first as a content failure', async () => {
    // Prepare: a browser that is logged in, as a user who forgot to log out would be
    const launched = await launchBrowser();
    try {
      const page = await (await launched.browser.newContext()).newPage();
      await page.goto(target.loginUrl);
      await page.fill('#username', 'demo');
      await page.fill('#password', PLANTED_PASSWORD);
      await page.click('#login-submit');
      await page.waitForSelector('#start-page');
      await page.goto(target.systemCheckUrl);
      // Act
      const outcome = await readVerdicts(page, journeyOnly, createDeadline(10_000), () => []);
      // Assess
      expect(outcome.problem?.kind).toBe('content');
      expect(outcome.problem?.message).toMatch(/asks to log out first/);
      expect(outcome.result.browser.ok).toBeNull();
    } finally {
      await launched.close();
    }
  });

  it('reports a Chromium that will not start as a probe error, never as the target being down', async () => {
    // Act
    const { result } = await probeTarget(journeyOnly, {
      location: 'local',
      retries: 1,
      launch: { env: { CHROMIUM_PATH: '/nonexistent/chromium' } },
    });
    // Assess
    expect(result.status).toBe('error');
    expect(result.failure).toMatchObject({ kind: 'probe_error', step: 'launch' });
    expect(result.failure?.message).toMatch(/CHROMIUM_PATH/);
    expect(result.retried).toBe(true);
    expect(result.loginPage).toBeNull();
    expect(chromiumChildren()).toEqual([]);
  });

  it.each([
    ['starts Chromium once more when it dies while starting', 1, 'pass', 2],
    ['reports a Chromium that dies at every start after two starts', 99, 'error', 2],
  ] as const)('%s', async (_case, deaths, status, starts) => {
    // Prepare: a Chromium that exits at once for its first `deaths` starts (each start is a line in `log`)
    const dir = mkdtempSync(join(tmpdir(), 'dying-chromium-'));
    const log = join(dir, 'starts.log');
    const wrapper = join(dir, 'chromium');
    writeFileSync(log, '');
    writeFileSync(
      wrapper,
      `#!/bin/sh\necho start >> '${log}'\nif [ "$(wc -l < '${log}')" -le ${deaths} ]; then exit 1; fi\nexec '${await resolveExecutablePath()}' "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    try {
      // Act
      const { result } = await probeTarget(journeyOnly, { location: 'local', launch: { env: { CHROMIUM_PATH: wrapper } } });
      // Assess
      expect(result.status).toBe(status);
      expect(result.retried).toBe(false);
      expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toHaveLength(starts);
      expect(chromiumChildren()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
