/**
 * A URL-only config against one page design × every situation of issue #18: each round judged with
 * the right status, failure kind and step, every piece discovered (none configured), each verdict
 * judged as the page meant it — negated wording of every verdict included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTargets } from '../../lambdas/core/config';
import type { TargetConfig } from '../../lambdas/core/config/types';
import { probeTarget } from '../../lambdas/probe/probe-target';
import {
  DESIGN_SCENARIOS,
  DESIGNS,
  startTarget,
  verdictsFor,
  type CheckName,
  type DesignName,
  type DesignScenario,
  type RunningTarget,
} from '../../target/index';
import { chromiumChildren } from './journey-helpers';

const CHECKS: readonly CheckName[] = ['browser', 'websocket', 'http'];

/** Issue #18's six situations plus late verdicts, and the negated wording of the other two verdicts. */
const ISSUE_SCENARIOS = [
  'healthy',
  'websocket-refused',
  'browser-unsupported',
  'http-failing',
  'no-link',
  'negated-wording',
  'late-verdicts',
];
const NEGATED_MORE: readonly DesignScenario[] = [
  {
    name: 'negated-browser',
    faults: ['unsupported-browser', 'negated-wording'],
    verdicts: { browser: 'fail', websocket: 'ok', http: 'ok' },
    failureKind: 'browser_unsupported',
  },
  {
    name: 'negated-http',
    faults: ['http-check-fail', 'negated-wording'],
    verdicts: { browser: 'ok', websocket: 'ok', http: 'fail' },
    failureKind: 'http',
  },
];
export const MATRIX: readonly DesignScenario[] = [
  ...DESIGN_SCENARIOS.filter((scenario) => ISSUE_SCENARIOS.includes(scenario.name)),
  ...NEGATED_MORE,
];

/**
 * Design c's verdicts take 3 s by design; the matrix shortens that with `verdict-delay` (the design's
 * own knob) so each case costs little, and the late-verdicts case keeps its delay.
 */
export function faultsFor(design: DesignName, scenario: DesignScenario): string[] {
  const delayed = scenario.faults.some((fault) => fault.startsWith('verdict-delay'));
  return design === 'c' && !delayed ? [...scenario.faults, 'verdict-delay=200'] : [...scenario.faults];
}

/** Nothing but a name and the login URL: no selector, no wording, no endpoint. */
export function urlOnly(loginUrl: string): TargetConfig {
  const [target] = parseTargets({ targets: [{ name: 'url-only', loginUrl }] }, 'discovery test');
  if (!target) throw new Error('parseTargets returned no target');
  return target;
}

export function describeDiscovery(design: DesignName): void {
  describe(`a URL-only config on page design ${design} (${DESIGNS[design].summary})`, () => {
    let target: RunningTarget;

    beforeAll(async () => {
      target = await startTarget({ design });
    });
    afterAll(async () => {
      await target.close();
    });

    it.each(MATRIX.map((scenario) => [scenario.name, scenario] as const))('%s: judged right', async (_name, scenario) => {
      // Prepare
      target.setFaults(faultsFor(design, scenario));
      const expected = verdictsFor(scenario, 'chromium');
      // Act
      const { result } = await probeTarget(urlOnly(target.loginUrl), { location: 'local' });
      // Assess
      expect(chromiumChildren()).toEqual([]);
      expect(result.loginPage?.loginForm).toMatchObject({ source: 'discovered', found: true });
      if (scenario.failureKind) {
        expect(result.status).toBe('fail');
        expect(result.failure).toMatchObject({ kind: scenario.failureKind, step: 'system_check' });
      } else {
        expect(result.failure).toBeNull();
        expect(['pass', 'degraded']).toContain(result.status);
      }
      if (!expected) {
        expect(result.failure?.message).toMatch(/no System-Check link on the login page: looked for a link or button named "System-Check"/);
        return;
      }
      expect(result.systemCheck?.link).toMatchObject({ source: 'discovered', opens: DESIGNS[design].contract.linkBehaviour });
      for (const check of CHECKS) {
        expect(result.systemCheck?.[check]).toMatchObject({ source: 'discovered', outcome: expected[check] === 'ok' ? 'pass' : 'fail' });
      }
    });

    it('measures the WebSocket and HTTP endpoints the System-Check itself used, and says they were discovered', async () => {
      // Prepare
      target.setFaults(faultsFor(design, { name: 'healthy', faults: [] }));
      // Act
      const { result } = await probeTarget(urlOnly(target.loginUrl), { location: 'local' });
      // Assess
      expect(result.systemCheck?.endpoints?.websocket.map((e) => e.url)).toContain(target.wsUrl);
      expect(result.systemCheck?.endpoints?.http.map((e) => e.url)).toContain(target.pingUrl);
      expect(result.websocket).toMatchObject({ url: target.wsUrl, source: 'discovered', lost: 0 });
      expect(result.websocket?.rttMs?.samples.length).toBeGreaterThan(0);
      expect(result.http).toMatchObject({ url: target.pingUrl, source: 'discovered', failedRequests: 0 });
    });
  });
}
