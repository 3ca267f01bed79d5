/**
 * Step 2 of the journey: click the System-Check link like a user, wait (bounded) until the page's
 * own checks have spoken, and read its three verdicts. Verdicts come from the page, never assumed.
 */
import type { Page } from 'playwright-core';
import type { Deadline } from '../core/deadline';
import { judgeVerdict } from '../core/discovery/judge-verdict';
import type { TargetConfig } from '../core/config/types';
import type { SystemCheckResult, VerdictReading } from '../core/types';
import { CheckFailedError, DeadlineExceededError, stepBudget, withTimeout } from './bounded';

/** How often the verdicts are read while the page's checks run. */
const POLL_INTERVAL_MS = 150;
/** After an uncaught page error, how long verdicts may stay unchanged before we stop waiting. */
const PAGE_ERROR_GRACE_MS = 2_000;
/** Counting matching elements is instant; this only guards against a page whose main thread is stuck. */
const LINK_LOOKUP_CAP_MS = 5_000;
/** Longest text kept per verdict (types.ts contract). */
const MAX_TEXT_CHARS = 300;
/** Element the page shows instead of its checks when the browser is logged in. */
export const LOGOUT_REQUIRED_SELECTOR = '#logout-required';

const VERDICT_NAMES = ['browser', 'websocket', 'http'] as const;
type VerdictName = (typeof VERDICT_NAMES)[number];

/** One look at the page: each verdict's text (null when the element is missing) and state. */
interface Snapshot {
  readonly texts: Record<VerdictName, string | null>;
  readonly logoutRequired: boolean;
}

export interface SystemCheckOutcome {
  readonly result: SystemCheckResult;
  /** The page the verdicts were read on (a link may open a new tab). */
  readonly page: Page;
  /** Why the verdicts are incomplete, when they are. */
  readonly problem?: { readonly kind: 'timeout' | 'content'; readonly message: string };
}

/** Clicks the link; throws CheckFailedError('content') when there is no link to click. */
export async function clickSystemCheckLink(page: Page, target: TargetConfig, deadline: Deadline): Promise<Page> {
  const { link, linkSelector } = target.systemCheck;
  const locator = linkSelector ? page.locator(linkSelector) : page.getByRole('link', { name: link });
  const count = await withTimeout(
    locator.count(),
    stepBudget(deadline, LINK_LOOKUP_CAP_MS, 'finding the System-Check link'),
    'finding the link',
  );
  if (count === 0) {
    const what = linkSelector ? `no element matches "${linkSelector}"` : `no link with the text "${link}"`;
    throw new CheckFailedError('content', `System-Check link missing: ${what} on the login page`);
  }
  const pagesBefore = page.context().pages().length;
  const clickMs = stepBudget(deadline, target.timeouts.systemCheckMs, 'clicking the System-Check link');
  try {
    await locator.first().click({ timeout: clickMs });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new DeadlineExceededError(`clicking the System-Check link did not complete within ${clickMs} ms (the page did not respond)`);
    }
    throw error;
  }
  const pages = page.context().pages();
  return pages.length > pagesBefore ? (pages[pages.length - 1] ?? page) : page;
}

/**
 * Waits until every verdict element shows a non-empty text that no longer matches the pending
 * pattern (or the page asks to log out), within `systemCheckMs` and the round deadline, then
 * judges each text with its configured `ok` expression. Never throws for a slow or broken page:
 * the outcome says what was seen and why it is incomplete.
 */
export async function readVerdicts(
  page: Page,
  target: TargetConfig,
  deadline: Deadline,
  pageErrors: () => readonly string[],
): Promise<SystemCheckOutcome> {
  const startedAt = Date.now();
  const pending = new RegExp(target.systemCheck.pendingPattern, 'i');
  const isSettled = (text: string | null): boolean => text !== null && text.length > 0 && !pending.test(text);
  const waited = await waitForVerdicts({
    page,
    target,
    waitMs: Math.floor(deadline.budget(target.timeouts.systemCheckMs)),
    pageErrors,
    isSettled,
  });
  const reading = (name: VerdictName): VerdictReading => {
    const text = waited.snapshot?.texts[name] ?? null;
    if (text === null || !isSettled(text)) return { ok: null, text };
    // negation first: "nicht erfolgreich" fails even though the configured "erfolgreich" is in it (issue #16)
    return { ok: judgeVerdict(text, { ok: target.systemCheck.verdicts[name].ok }).outcome === 'pass', text };
  };
  const result: SystemCheckResult = {
    url: safeUrl(page),
    durationMs: Date.now() - startedAt,
    browser: reading('browser'),
    websocket: reading('websocket'),
    http: reading('http'),
  };
  return waited.problem ? { result, page, problem: waited.problem } : { result, page };
}

interface WaitInput {
  readonly page: Page;
  readonly target: TargetConfig;
  readonly waitMs: number;
  readonly pageErrors: () => readonly string[];
  readonly isSettled: (text: string | null) => boolean;
}

interface WaitOutcome {
  readonly snapshot?: Snapshot;
  readonly problem?: SystemCheckOutcome['problem'];
}

/** Polls the page until the verdicts settle, the page gives up (log-out request, script error) or time runs out. */
async function waitForVerdicts(input: WaitInput): Promise<WaitOutcome> {
  const { page, target, waitMs } = input;
  const startedAt = Date.now();
  let snapshot: Snapshot | undefined;
  let lastChangeAt = startedAt;
  let previous = '';
  for (;;) {
    const leftMs = waitMs - (Date.now() - startedAt);
    try {
      snapshot = await withTimeout(
        page.evaluate(takeSnapshot, selectors(target)),
        Math.max(1, leftMs),
        'reading the System-Check verdicts',
      );
    } catch (error) {
      // a navigation in flight destroys the execution context: look again until time runs out
      if (error instanceof DeadlineExceededError || leftMs <= POLL_INTERVAL_MS) {
        return { snapshot, problem: { kind: 'timeout', message: pendingMessage(input, snapshot, error) } };
      }
      await sleep(POLL_INTERVAL_MS);
      continue;
    }
    if (snapshot.logoutRequired) {
      return {
        snapshot,
        problem: { kind: 'content', message: 'the System-Check asks to log out first (#logout-required): the browser was not logged out' },
      };
    }
    if (VERDICT_NAMES.every((name) => input.isSettled(snapshot?.texts[name] ?? null))) return { snapshot };
    const seen = JSON.stringify(snapshot.texts);
    if (seen !== previous) [previous, lastChangeAt] = [seen, Date.now()];
    const errors = input.pageErrors();
    if (errors.length > 0 && Date.now() - lastChangeAt > PAGE_ERROR_GRACE_MS) {
      return {
        snapshot,
        problem: {
          kind: 'content',
          message: `the System-Check page threw a JavaScript error (${errors[0]}) and its verdicts stayed pending`,
        },
      };
    }
    if (Date.now() - startedAt + POLL_INTERVAL_MS >= waitMs) {
      const noVerdicts = VERDICT_NAMES.every((name) => snapshot?.texts[name] === null);
      return { snapshot, problem: { kind: noVerdicts ? 'content' : 'timeout', message: pendingMessage(input, snapshot, undefined) } };
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function selectors(target: TargetConfig): { verdicts: Record<VerdictName, string>; logout: string; maxChars: number } {
  const v = target.systemCheck.verdicts;
  return {
    verdicts: { browser: v.browser.selector, websocket: v.websocket.selector, http: v.http.selector },
    logout: LOGOUT_REQUIRED_SELECTOR,
    maxChars: MAX_TEXT_CHARS,
  };
}

/** Runs in the page. */
function takeSnapshot(args: { verdicts: Record<VerdictName, string>; logout: string; maxChars: number }): Snapshot {
  const text = (selector: string): string | null => {
    const element = document.querySelector(selector);
    if (!element) return null;
    return (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, args.maxChars);
  };
  const logout = document.querySelector(args.logout) as HTMLElement | null;
  return {
    texts: { browser: text(args.verdicts.browser), websocket: text(args.verdicts.websocket), http: text(args.verdicts.http) },
    logoutRequired: logout !== null && logout.offsetParent !== null,
  };
}

function pendingMessage(input: WaitInput, snapshot: Snapshot | undefined, error: unknown): string {
  const { target } = input;
  const open = VERDICT_NAMES.filter((name) => !input.isSettled(snapshot?.texts[name] ?? null));
  const missing = VERDICT_NAMES.filter((name) => snapshot !== undefined && snapshot.texts[name] === null);
  const cause = error instanceof Error ? ` (${error.message.split('\n')[0]})` : '';
  if (snapshot && missing.length === VERDICT_NAMES.length) {
    return `no System-Check verdict elements found (${VERDICT_NAMES.map((n) => target.systemCheck.verdicts[n].selector).join(', ')})${cause}`;
  }
  return `System-Check verdicts still pending after ${target.timeouts.systemCheckMs} ms: ${open.join(', ') || 'none'}${cause}`;
}

function safeUrl(page: Page): string | null {
  try {
    return page.url();
  } catch {
    return null;
  }
}
