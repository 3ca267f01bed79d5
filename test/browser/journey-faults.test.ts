import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceTargetConfig } from '../../lambdas/core/config';
import type { TargetConfig } from '../../lambdas/core/config/types';
import { probeTarget } from '../../lambdas/probe/probe-target';
import { NEGATED_VERDICT_TEXTS, startTarget, VERDICT_TEXTS, type RunningTarget } from '../../target/index';
import { chromiumChildren } from './journey-helpers';

/** Every fault of the reference target against the real engine: status, failure kind, failed step. */
describe('probeTarget against a faulty reference target', () => {
  let target: RunningTarget;
  let journeyOnly: TargetConfig;

  beforeAll(async () => {
    target = await startTarget();
    const base = referenceTargetConfig(target.origin);
    // Measurements off: these tests are about the journey, and each round stays short.
    journeyOnly = {
      ...base,
      websocket: undefined,
      http: undefined,
      measurePageEndpoints: false,
      bandwidth: undefined,
      timeouts: { ...base.timeouts, navigationMs: 2_500 },
    };
  });
  afterAll(async () => {
    await target.close();
  });

  async function probeWith(faults: readonly string[], config: TargetConfig = journeyOnly) {
    target.setFaults(faults);
    const round = await probeTarget(config, { location: 'local' });
    expect(chromiumChildren()).toEqual([]);
    return round;
  }

  it.each([
    ['http-500', 'http_status', 'login_page', /HTTP 500/],
    ['hang', 'timeout', 'login_page', /did not finish loading within/],
    ['login-slow=4000', 'timeout', 'login_page', /within/],
    [
      'no-system-check-link',
      'content',
      'system_check',
      /no System-Check link on the login page: looked for a link or button named "System-Check"/,
    ],
    ['unsupported-browser', 'browser_unsupported', 'system_check', /Ihr Browser wird nicht unterstützt/],
    ['ws-refuse', 'websocket', 'system_check', /WebSocket-Verbindung konnte nicht aufgebaut werden/],
    ['http-check-fail', 'http', 'system_check', /HTTP-Verbindung konnte nicht aufgebaut werden/],
    ['js-error', 'content', 'system_check', /JavaScript error/],
  ] as const)('fault %s fails the round with kind %s at step %s', async (fault, kind, step, message) => {
    // Act
    const { result } = await probeWith([fault]);
    // Assess
    expect(result.status).toBe('fail');
    expect(result.failure).toMatchObject({ kind, step });
    expect(result.failure?.message).toMatch(message);
    expect(result.steps.find((s) => s.name === step)?.ok).toBe(false);
  });

  it.each([
    ['unsupported-browser', 'browser_unsupported', 'browser', NEGATED_VERDICT_TEXTS.browserFail],
    ['ws-refuse', 'websocket', 'websocket', NEGATED_VERDICT_TEXTS.websocketFail],
    ['http-check-fail', 'http', 'http', NEGATED_VERDICT_TEXTS.httpFail],
  ] as const)('negated wording: %s fails the round (%s) though its text holds the configured ok word', async (fault, kind, check, text) => {
    // Prepare: ok patterns that are the bare pass words, as a config may give them.
    const ok = { browser: 'unterstützt', websocket: 'erfolgreich', http: 'erfolgreich' } as const;
    const verdicts = journeyOnly.systemCheck.verdicts;
    const bare: TargetConfig = {
      ...journeyOnly,
      systemCheck: {
        ...journeyOnly.systemCheck,
        verdicts: {
          browser: { ...verdicts.browser, ok: ok.browser },
          websocket: { ...verdicts.websocket, ok: ok.websocket },
          http: { ...verdicts.http, ok: ok.http },
        },
      },
    };
    // Act: the failure text contains what the ok pattern looks for ("nicht erfolgreich").
    const { result } = await probeWith([fault, 'negated-wording'], bare);
    // Assess: a false pass here would report a broken check as healthy (issue #16).
    expect(text).toMatch(new RegExp(ok[check], 'i'));
    expect(result.systemCheck?.[check]).toMatchObject({ ok: false, text });
    expect(result.status).toBe('fail');
    expect(result.failure).toMatchObject({ kind, step: 'system_check' });
  });

  it('passes a login page that is slow but within the navigation timeout, and shows the delay in TTFB', async () => {
    // Act
    const { result } = await probeWith(['login-slow=600']);
    // Assess
    expect(result.status).toBe('pass');
    expect(result.loginPage?.ttfbMs).toBeGreaterThanOrEqual(500);
  });

  it('keeps evidence of a failed System-Check: a screenshot and the page HTML with the verdict the page showed', async () => {
    // Act
    const { result, artifacts } = await probeWith(['unsupported-browser']);
    // Assess
    expect(result.systemCheck?.browser).toMatchObject({ ok: false, text: VERDICT_TEXTS.browserFail });
    expect(artifacts.map((a) => a.kind).sort()).toEqual(['html', 'screenshot']);
    const html = artifacts.find((a) => a.kind === 'html')?.body.toString('utf8') ?? '';
    expect(html).toContain(VERDICT_TEXTS.browserFail);
    const png = artifacts.find((a) => a.kind === 'screenshot')?.body;
    expect(png?.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('ws-silent: the page says the WebSocket failed, and our own echo measurement loses its messages', async () => {
    // Prepare
    const base = referenceTargetConfig(target.origin);
    const config: TargetConfig = { ...journeyOnly, websocket: { ...base.websocket!, messages: 3, timeoutMs: 800 } };
    // Act
    const { result } = await probeWith(['ws-silent'], config);
    // Assess
    expect(result.failure).toMatchObject({ kind: 'websocket', step: 'system_check' });
    expect(result.websocket?.lost).toBeGreaterThan(0);
    expect(result.steps.find((s) => s.name === 'websocket')).toMatchObject({ ok: false, failureKind: 'websocket' });
  });

  it('js-loop: a frozen System-Check page ends within the round deadline as a timeout, browser closed', async () => {
    // Prepare
    const config: TargetConfig = { ...journeyOnly, timeouts: { ...journeyOnly.timeouts, systemCheckMs: 3_000, roundMs: 10_000 } };
    // Act
    const { result } = await probeWith(['js-loop'], config);
    // Assess: a bound of the step ended it (clicking, a measurement in the page, or waiting for the
    // verdicts: whichever budget ran out, each within the round's deadline), and the step lasted at
    // least that bound; how soon a bound fires is held with an injected clock (deadline.test.ts,
    // measure-budget.test.ts), not by the wall clock of a busy machine
    expect(result.failure).toMatchObject({ kind: 'timeout', step: 'system_check' });
    const boundMs = Number(/(?:within|after) (\d+) ms/.exec(result.failure?.message ?? '')?.[1]);
    expect(boundMs).toBeGreaterThan(0);
    expect(boundMs).toBeLessThan(config.timeouts.roundMs);
    expect(result.steps.find((s) => s.name === 'system_check')?.durationMs).toBeGreaterThanOrEqual(boundMs);
  });
});
