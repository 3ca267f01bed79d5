/**
 * A URL-only config on every page design in real Firefox: the pieces discovered and the link followed
 * as it behaves on that design (a navigation, content swapped in place, a new tab), each verdict read
 * and judged as the page meant it. The whole matrix of situations runs in Chromium
 * (discovery-design-*.test.ts); this is the healthy round of each design in the other engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeTarget } from '../../lambdas/probe/probe-target';
import { DESIGN_NAMES, DESIGN_SCENARIOS, DESIGNS, startTarget, verdictsFor, type RunningTarget } from '../../target/index';
import { browserDescendants } from './browser-processes';
import { faultsFor, urlOnly } from './discovery-matrix';

/** Firefox starts in seconds on a busy 2-core machine. */
const TEST_TIMEOUT_MS = 120_000;

const HEALTHY = DESIGN_SCENARIOS.find((scenario) => scenario.name === 'healthy');

describe.each(DESIGN_NAMES)('a URL-only config on page design %s in Firefox', { timeout: TEST_TIMEOUT_MS }, (design) => {
  let target: RunningTarget;

  beforeAll(async () => {
    target = await startTarget({ design });
  });
  afterAll(async () => {
    await target.close();
  });

  it('discovers every piece, follows the link as the design opens it and reads the verdicts', async () => {
    // Prepare
    if (!HEALTHY) throw new Error('no healthy scenario in DESIGN_SCENARIOS');
    target.setFaults(faultsFor(design, HEALTHY));
    const expected = verdictsFor(HEALTHY, 'firefox');
    // Act
    const { result } = await probeTarget(urlOnly(target.loginUrl), { location: 'local', browser: 'firefox' });
    // Assess
    expect(result.browser).toMatchObject({ name: 'firefox', engine: 'gecko' });
    expect(result.loginPage?.loginForm).toMatchObject({ source: 'discovered', found: true });
    expect(result.systemCheck?.link).toMatchObject({ source: 'discovered', opens: DESIGNS[design].contract.linkBehaviour });
    for (const check of ['browser', 'websocket', 'http'] as const) {
      expect(result.systemCheck?.[check]).toMatchObject({ source: 'discovered', outcome: expected?.[check] === 'ok' ? 'pass' : 'fail' });
    }
    expect(browserDescendants()).toEqual([]);
  });
});
