import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESIGN_NAMES,
  DESIGN_SCENARIOS,
  DESIGNS,
  LATE_VERDICT_MS,
  LIST_NEGATED_TEXTS,
  LIST_TEXTS,
  NEGATED_VERDICT_TEXTS,
  POPUP_NEGATED_TEXTS,
  POPUP_TEXTS,
  startTarget,
  TABLE_NEGATED_TEXTS,
  TABLE_TEXTS,
  VERDICT_TEXTS,
  verdictsFor,
  type CheckName,
  type DesignName,
  type RunningTarget,
} from '../../target/index';
import { chromiumChildren } from './journey-helpers';
import { followSystemCheckLink, openAs, recordVerdictStates, settledVerdicts, stateChanges, stateLog } from './design-helpers';

/** Each design's wording: its pass texts, its failure texts, and its failure texts under `negated-wording`. */
const TEXTS: Readonly<
  Record<DesignName, { ok: Record<CheckName, string>; fail: Record<CheckName, string>; negated: Record<CheckName, string> }>
> = {
  a: {
    ok: { browser: VERDICT_TEXTS.browserOk, websocket: VERDICT_TEXTS.websocketOk, http: VERDICT_TEXTS.httpOk },
    fail: { browser: VERDICT_TEXTS.browserFail, websocket: VERDICT_TEXTS.websocketFail, http: VERDICT_TEXTS.httpFail },
    negated: {
      browser: NEGATED_VERDICT_TEXTS.browserFail,
      websocket: NEGATED_VERDICT_TEXTS.websocketFail,
      http: NEGATED_VERDICT_TEXTS.httpFail,
    },
  },
  b: {
    ok: { browser: `${LIST_TEXTS.browserOk} (Chrome 147)`, websocket: LIST_TEXTS.websocketOk, http: LIST_TEXTS.httpOk },
    fail: { browser: `${LIST_TEXTS.browserFail} (Chrome 147)`, websocket: LIST_TEXTS.websocketFail, http: LIST_TEXTS.httpFail },
    negated: {
      browser: `${LIST_NEGATED_TEXTS.browserFail} (Chrome 147)`,
      websocket: LIST_NEGATED_TEXTS.websocketFail,
      http: LIST_NEGATED_TEXTS.httpFail,
    },
  },
  c: {
    ok: { browser: TABLE_TEXTS.browserOk, websocket: TABLE_TEXTS.websocketOk, http: TABLE_TEXTS.httpOk },
    fail: { browser: TABLE_TEXTS.browserFail, websocket: TABLE_TEXTS.websocketFail, http: TABLE_TEXTS.httpFail },
    negated: { browser: TABLE_NEGATED_TEXTS.browserFail, websocket: TABLE_NEGATED_TEXTS.websocketFail, http: TABLE_NEGATED_TEXTS.httpFail },
  },
  d: {
    ok: { browser: POPUP_TEXTS.browserOk, websocket: POPUP_TEXTS.websocketOk, http: POPUP_TEXTS.httpOk },
    fail: { browser: POPUP_TEXTS.browserFail, websocket: POPUP_TEXTS.websocketFail, http: POPUP_TEXTS.httpFail },
    negated: { browser: POPUP_NEGATED_TEXTS.browserFail, websocket: POPUP_NEGATED_TEXTS.websocketFail, http: POPUP_NEGATED_TEXTS.httpFail },
  },
};

/**
 * Design c's verdicts take 3 s by design; the matrix shortens that with `verdict-delay` (its own
 * knob) so each case costs little, and the late-verdicts cases keep their delay.
 */
const QUICK_VERDICTS_MS = 200;

function withQuickVerdicts(name: DesignName, faults: readonly string[]): string[] {
  const delayed = faults.some((fault) => fault.startsWith('verdict-delay'));
  return name === 'c' && !delayed ? [...faults, `verdict-delay=${QUICK_VERDICTS_MS}`] : [...faults];
}

describe.each(DESIGN_NAMES)('design %s in Chromium: the System-Check under every scenario', (name) => {
  const design = DESIGNS[name];
  let target: RunningTarget;

  beforeAll(async () => {
    target = await startTarget({ design: name });
  });
  afterAll(async () => {
    await target.close();
  });

  /** Follows the link as Chrome (the probe's identity) and returns the settled verdicts and what the page requested. */
  async function checkWith(faults: readonly string[], options: { record?: boolean } = {}) {
    target.setFaults(withQuickVerdicts(name, faults));
    target.resetStats();
    const opened = await openAs('chrome');
    try {
      if (options.record) await recordVerdictStates(opened.context, design.contract);
      const page = await followSystemCheckLink(opened.page, target);
      const verdicts = await settledVerdicts(page, design.contract);
      return { verdicts, log: options.record ? await stateLog(page) : [], requests: target.stats().requestsByPath };
    } finally {
      await opened.close();
      expect(chromiumChildren()).toEqual([]);
    }
  }

  const reachable = DESIGN_SCENARIOS.filter((scenario) => scenario.verdicts !== undefined);

  it.each(reachable.map((scenario) => [scenario.name, scenario] as const))(
    "%s: every verdict in the expected state, with the design's own wording, from its own endpoints",
    async (_name, scenario) => {
      const { verdicts, requests } = await checkWith(scenario.faults);

      const expected = verdictsFor(scenario, 'chromium')!;
      const wording = scenario.faults.includes('negated-wording') ? TEXTS[name].negated : TEXTS[name].fail;
      for (const check of ['browser', 'websocket', 'http'] as const) {
        expect(verdicts[check]).toEqual({
          state: expected[check],
          text: expected[check] === 'ok' ? TEXTS[name].ok[check] : wording[check],
        });
      }
      expect(requests[design.paths.ws]).toBeGreaterThanOrEqual(1);
      expect(requests[design.paths.http]).toBeGreaterThanOrEqual(1);
    },
  );

  it('no-link: the login page has its form and no System-Check link to follow', async () => {
    target.setFaults(['no-system-check-link']);
    const opened = await openAs('chrome');
    try {
      await opened.page.goto(target.loginUrl);

      expect(await opened.page.locator('input[type="password"]').count()).toBe(1);
      expect(await opened.page.getByRole(design.contract.linkRole, { name: design.contract.linkText }).count()).toBe(0);
    } finally {
      await opened.close();
    }
  });

  it('healthy: the link is found by its accessible name', async () => {
    target.setFaults([]);
    const opened = await openAs('chrome');
    try {
      await opened.page.goto(target.loginUrl);

      expect(await opened.page.getByRole(design.contract.linkRole, { name: design.contract.linkText, exact: true }).count()).toBe(1);
    } finally {
      await opened.close();
    }
  });

  it('negated wording: each failure text contains its pass word', async () => {
    const { verdicts } = await checkWith(['unsupported-browser', 'ws-refuse', 'http-check-fail', 'negated-wording']);

    expect(Object.values(verdicts).map((v) => v.state)).toEqual(['fail', 'fail', 'fail']);
    expect(verdicts.browser.text).toMatch(/unterstützt|supported/i);
    expect(verdicts.websocket.text).toMatch(/erfolgreich|established|successful/i);
    expect(verdicts.http.text).toMatch(/erfolgreich|established|successful/i);
  });

  it(`late verdicts: all pending first, then each verdict not before ${LATE_VERDICT_MS} ms`, async () => {
    const { log } = await checkWith([`verdict-delay=${LATE_VERDICT_MS}`], { record: true });

    for (const check of ['browser', 'websocket', 'http'] as const) {
      const changes = stateChanges(log, check);
      expect(changes.map((change) => change.state)).toEqual([design.contract.states.pending, design.contract.states.ok]);
      // The page's own clock; 50 ms for Date.now() (the page's timer base) against performance.now().
      expect(changes[1]!.atMs - changes[0]!.atMs).toBeGreaterThanOrEqual(LATE_VERDICT_MS - 50);
    }
  });

  it.each([
    [['ws-silent'], { websocket: 'fail' }],
    [['ws-delay=100'], {}],
    [['ws-garbage'], { websocket: 'fail' }],
    [['ws-close-immediately'], { websocket: 'fail' }],
    [['ws-huge-frame'], { websocket: 'fail' }],
    [['http-delay=100'], {}],
    [['reject-headless'], {}],
  ] as const)('%j: verdicts as the fault implies for Chrome', async (faults, failing: Partial<Record<CheckName, 'fail'>>) => {
    const { verdicts } = await checkWith(faults);

    const expected = { browser: 'ok', websocket: 'ok', http: 'ok', ...failing };
    expect({ browser: verdicts.browser.state, websocket: verdicts.websocket.state, http: verdicts.http.state }).toEqual(expected);
  });
});
