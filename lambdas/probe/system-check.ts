/**
 * Step 2 of the journey: follow the System-Check link like a user, wait (event-driven, bounded) until
 * the page's own checks have spoken, and read its three verdicts wherever they show — the same page,
 * a new document, or a new tab. Verdicts come from the page, never assumed, and are judged by the
 * core's judge (German and English, negation first).
 */
import type { Page } from 'playwright-core';
import type { TargetConfig } from '../core/config/types';
import type { Deadline } from '../core/deadline';
import { judgeVerdict } from '../core/discovery/judge-verdict';
import { failedVerdict, missingVerdicts } from '../core/discovery/system-check-failure';
import {
  CHECK_NAME_SOURCES,
  CHECK_NAMES,
  FAIL_SOURCE,
  LOGGED_IN_SOURCE,
  NEGATION_SOURCE,
  PASS_SOURCE,
  PENDING_SOURCE,
  type CheckName,
} from '../core/discovery/vocabulary';
import type { FailureKind, SystemCheckResult, VerdictReading } from '../core/types';
import { stepBudget } from './bounded';
import { errorMessage, evaluateWithin, PageTimeoutError } from './measure/in-page';
import { clickLink } from './link-click';
import { findSystemCheckLink, watchOpenings } from './system-check-link';
import { settleVerdictsInPage, type VerdictElementFacts, type VerdictPageArgs, type VerdictPageResult } from './verdict-page';

/**
 * All verdicts decided and unchanged this long: the page has settled. A correction the page makes
 * right after its first verdicts (its next timer or animation frame: an icon, a class, a verdict
 * revised) is still read; 30 ms is about two frames at 60 Hz. A page that revises a verdict later
 * than that has two verdicts, and the first one is what its user saw.
 */
export const QUIET_MS = 30;
/** Two verdicts decided, nothing pending, the document unchanged this long: the third is missing. */
export const MISSING_IDLE_MS = 2_000;
/** After an uncaught page error, how long verdicts may stay unchanged before we stop waiting. */
const PAGE_ERROR_GRACE_MS = 2_000;
/** Longest text kept per verdict (types.ts contract). */
const MAX_TEXT_CHARS = 300;
/** Looks again after a navigation destroyed the document being read; bounded in count as well as time. */
const MAX_LOOKS = 30;
/** Class names and state values that change with the verdict: never part of a stable selector. */
const STATE_VALUE_SOURCE =
  '^(?:ok|okay|pass|passed|fail|failed|failure|error|errors|good|bad|running|pending|done|open|offen|bestanden|durchgefallen|true|false|success|warning|loading|checking|idle|active|inactive|[0-9]+)$';

type Problem = { readonly kind: FailureKind; readonly message: string };

export interface SystemCheckOutcome {
  readonly result: SystemCheckResult;
  /** The page the verdicts were read on (a link may open a new tab). */
  readonly page: Page;
  /** Why the verdicts are incomplete or failed, when they are. */
  readonly problem?: Problem;
}

/**
 * Finds the link, clicks it and reads the verdicts; throws CheckFailedError('content') when there is
 * no link. `beforeClick` is what must be in place before the click (the journey's WebSocket
 * observer, which attaches in the browser while the link is looked for in the page).
 */
export async function runSystemCheck(
  page: Page,
  target: TargetConfig,
  deadline: Deadline,
  pageErrors: () => readonly string[],
  beforeClick: Promise<unknown> = Promise.resolve(),
): Promise<SystemCheckOutcome> {
  const [link] = await Promise.all([findSystemCheckLink(page, target, deadline), beforeClick]);
  const watch = watchOpenings(page);
  try {
    await clickLink(page, link, stepBudget(deadline, target.timeouts.systemCheckMs, 'clicking the System-Check link'));
    const outcome = await readVerdicts(page, target, deadline, pageErrors, watch.popup);
    return { ...outcome, result: { ...outcome.result, link: { ...link.report, opens: watch.opening() } } };
  } finally {
    watch.stop();
  }
}

/**
 * Waits until the verdicts settle on `page` — or on the page `popup` brings, if it comes first — within
 * `systemCheckMs` and the round deadline, then judges each text. Never throws for a slow or broken page:
 * the outcome says what was seen and why it is incomplete.
 */
export async function readVerdicts(
  page: Page,
  target: TargetConfig,
  deadline: Deadline,
  pageErrors: () => readonly string[],
  popup: Promise<Page> = new Promise<Page>(() => undefined),
): Promise<SystemCheckOutcome> {
  const startedAt = Date.now();
  const untilMs = startedAt + Math.floor(deadline.budget(target.timeouts.systemCheckMs));
  const args = pageArgs(target);
  const stop = { stopped: false };
  const onPage = settleOn({ page, args, untilMs, pageErrors, stop }).then((read) => ({ page, read }));
  const onPopup = popup.then(async (opened) => {
    stop.stopped = true;
    return { page: opened, read: await settleOn({ page: opened, args, untilMs, pageErrors, stop: { stopped: false } }) };
  });
  const { page: readOn, read } = await Promise.race([onPage, onPopup]);
  const result: SystemCheckResult = {
    url: safeUrl(readOn),
    durationMs: Date.now() - startedAt,
    ...readings(target, read.verdicts),
  };
  const problem = problemOf(target, read, result, pageErrors());
  return problem ? { result, page: readOn, problem } : { result, page: readOn };
}

/** What the in-page reader needs: pinned selectors and ok patterns, the words, the periods. */
function pageArgs(target: TargetConfig): Omit<VerdictPageArgs, 'maxMs' | 'errorsBefore'> {
  const checks = {} as Record<CheckName, VerdictPageArgs['checks'][CheckName]>;
  for (const name of CHECK_NAMES) {
    const { selector, ok } = target.systemCheck.verdicts[name];
    checks[name] = { name: CHECK_NAME_SOURCES[name], ...(selector ? { selector } : {}), ...(ok ? { ok } : {}) };
  }
  return {
    checks,
    pending: target.systemCheck.pendingPattern ?? PENDING_SOURCE,
    decisive: [PASS_SOURCE, FAIL_SOURCE, NEGATION_SOURCE].join('|'),
    loggedIn: LOGGED_IN_SOURCE,
    stateValue: STATE_VALUE_SOURCE,
    quietMs: QUIET_MS,
    idleMs: MISSING_IDLE_MS,
    errorGraceMs: PAGE_ERROR_GRACE_MS,
    maxChars: MAX_TEXT_CHARS,
  };
}

interface SettleInput {
  readonly page: Page;
  readonly args: Omit<VerdictPageArgs, 'maxMs' | 'errorsBefore'>;
  readonly untilMs: number;
  readonly pageErrors: () => readonly string[];
  /** Set when another page took over (a popup): stop looking here. */
  readonly stop: { stopped: boolean };
}

type Read = VerdictPageResult & { readonly frozen?: boolean; readonly cause?: string };

const NOTHING: Read['verdicts'] = { browser: null, websocket: null, http: null };

/** Reads on one page, looking again when a navigation replaced the document; a frozen page ends it. */
async function settleOn(input: SettleInput): Promise<Read> {
  const { page, untilMs } = input;
  let cause: string | undefined;
  for (let look = 0; look < MAX_LOOKS && !input.stop.stopped; look += 1) {
    const leftMs = untilMs - Date.now();
    if (leftMs <= 0) break;
    try {
      await page.waitForLoadState('domcontentloaded', { timeout: leftMs });
      const args: VerdictPageArgs = {
        ...input.args,
        maxMs: Math.max(1, untilMs - Date.now()),
        errorsBefore: input.pageErrors().length > 0,
      };
      return await readSettled(page, args);
    } catch (error) {
      if (error instanceof PageTimeoutError)
        return { end: 'timeout', verdicts: NOTHING, elapsedMs: 0, frozen: true, cause: errorMessage(error) };
      // a navigation in flight destroys the document being read: look again on the new one
      cause = errorMessage(error);
    }
  }
  return { end: 'timeout', verdicts: NOTHING, elapsedMs: 0, ...(cause ? { cause } : {}) };
}

/**
 * A text and hints that take the judge's paths: a clause-opening negation far from its pass word, a
 * failure word, a label and a state.
 */
const WARM_UP_TEXT = 'Keine Verbindung zum Server des Browsers aufgebaut, Fehler';
const WARM_UP_HINTS = { labels: ['OK'], states: ['ok'] } as const;

/**
 * One reading in the page. The judge's first judgement compiles its Unicode, case-insensitive word
 * lists (about 7 ms on an idle 2-core machine, 10-20 ms beside the running browser); a settled page
 * answers no sooner than QUIET_MS after the reading starts, so a sample is judged meanwhile and the
 * verdicts are judged at once when they come.
 */
async function readSettled(page: Page, args: VerdictPageArgs): Promise<Read> {
  const warmUp = setTimeout(() => judgeVerdict(WARM_UP_TEXT, { hints: WARM_UP_HINTS }), QUIET_MS / 2);
  try {
    return await evaluateWithin(page, settleVerdictsInPage, args, args.maxMs);
  } finally {
    clearTimeout(warmUp);
  }
}

function readings(target: TargetConfig, verdicts: Read['verdicts']): Pick<SystemCheckResult, CheckName> {
  const read = (name: CheckName): VerdictReading => reading(target, name, verdicts[name]);
  return { browser: read('browser'), websocket: read('websocket'), http: read('http') };
}

function reading(target: TargetConfig, name: CheckName, facts: VerdictElementFacts | null): VerdictReading {
  const config = target.systemCheck.verdicts[name];
  const source = config.selector ? 'configured' : 'discovered';
  if (!facts) return { ok: null, text: null, outcome: 'missing', source, selector: config.selector ?? null };
  const selector = config.selector ?? facts.selector;
  if (facts.state === 'pending') return { ok: null, text: facts.text, outcome: 'pending', source, selector };
  const judged = judgeVerdict(facts.text, {
    ...(config.ok ? { ok: config.ok } : {}),
    ...(target.systemCheck.pendingPattern ? { pending: target.systemCheck.pendingPattern } : {}),
    hints: { labels: facts.labels, states: facts.states },
  });
  const ok = judged.outcome === 'pass' ? true : judged.outcome === 'pending' ? null : false;
  return { ok, text: facts.text, outcome: judged.outcome, reason: judged.reason, source, selector };
}

/**
 * Why the verdicts are incomplete: the page asked to log out, froze, gave up after a script error,
 * stayed pending, or lacks a verdict (a failed verdict the page did show explains a wait best). A
 * complete set of verdicts is no problem here: the step's judge says what they mean, and the
 * measurements still run after a failed verdict.
 */
function problemOf(target: TargetConfig, read: Read, result: SystemCheckResult, errors: readonly string[]): Problem | undefined {
  const cause = read.cause ? ` (${read.cause})` : '';
  if (read.end === 'logged-in') {
    return { kind: 'content', message: 'the System-Check asks to log out first: the browser was not logged out' };
  }
  const pending = CHECK_NAMES.filter((name) => result[name].outcome === 'pending');
  const incomplete = read.frozen || read.end === 'script-error' || pending.length > 0 || missingVerdicts(result) !== undefined;
  if (!incomplete) return undefined;
  const failed = failedVerdict(result);
  if (failed) return failed;
  if (read.frozen) return { kind: 'timeout', message: `the System-Check page stopped answering${cause}` };
  if (read.end === 'script-error') {
    const what = errors[0] ?? 'an uncaught error';
    return { kind: 'content', message: `the System-Check page threw a JavaScript error (${what}) and its verdicts stayed pending` };
  }
  if (pending.length > 0) {
    return {
      kind: 'timeout',
      message: `System-Check verdicts still pending after ${target.timeouts.systemCheckMs} ms: ${pending.join(', ')}${cause}`,
    };
  }
  return missingVerdicts(result);
}

function safeUrl(page: Page): string | null {
  try {
    return page.url();
  } catch {
    return null;
  }
}
