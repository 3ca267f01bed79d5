/**
 * One round against one target: launch → login page → System-Check → measurements → optional
 * login → evidence on failure → close. Every step is recorded; the browser is always closed.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { httpStatusKind } from '../core/classify';
import { systemCheckFailure } from '../core/discovery/system-check-failure';
import type { TargetConfig } from '../core/config/types';
import type { Deadline } from '../core/deadline';
import { BROWSER_ENGINES, type BrowserName } from '../core/browsers';
import type { BrowserInfo, FailureKind, LoginPageResult, LoginStepResult, SystemCheckResult, WithheldArtifact } from '../core/types';
import { ARTIFACT_CAPTURE_MS, captureArtifacts, type ArtifactBlob } from './artifacts';
import { stepBudget, withTimeout } from './bounded';
import { CLOSE_TIMEOUT_MS, launchBrowser, LAUNCH_TIMEOUT_MS, type LaunchedBrowser, type LaunchOptions } from './browser';
import { openProbeContext, type ProbeContext } from './browsers/probe-context';
import { openLoginPage, unreachedLoginPage } from './login-page';
import { loginAndLogout, type Credentials } from './login-step';
import { observeWebSocketHandshakes } from './measure/handshakes';
import { runMeasurements, type Measurements } from './measurements';
import type { RoundRecorder } from './round-recorder';
import { recordEndpoints } from './endpoints';
import { runSystemCheck, type SystemCheckOutcome } from './system-check';

/** A new context and page take milliseconds; a wedged browser must not hold the round. */
const CONTEXT_TIMEOUT_MS = 10_000;

/** Everything a round found, before it becomes a ProbeResult. */
export interface JourneyFindings {
  browser: BrowserInfo;
  loginPage: LoginPageResult | null;
  systemCheck: SystemCheckResult | null;
  login?: LoginStepResult;
  measurements: Measurements;
  artifacts: ArtifactBlob[];
  /** Evidence left out because it could have shown a secret. */
  withheld: WithheldArtifact[];
}

/** What one journey needs: the target, its recorder and deadlines, optional credentials. */
export interface JourneyInput {
  readonly target: TargetConfig;
  readonly browser: BrowserName;
  readonly recorder: RoundRecorder;
  /** Deadline of the steps; `evidenceDeadline` (a little later) bounds the failure evidence. */
  readonly deadline: Deadline;
  readonly evidenceDeadline: Deadline;
  readonly credentials?: Credentials;
  readonly launch?: LaunchOptions;
  readonly secrets: readonly string[];
}

/** Shortest graceful close a round still grants its browser, even past its deadline. */
const MIN_CLOSE_MS = 1_000;

/** Runs the journey; never throws for anything the target does. */
export async function runJourney(input: JourneyInput): Promise<JourneyFindings> {
  const { recorder, deadline } = input;
  const findings = emptyFindings(input.browser);
  let launched: LaunchedBrowser | undefined;
  let page: Page | undefined;
  try {
    // launch = a running browser with a fresh context and page; all three are our side of the probe
    const opened = await recorder.run('launch', 'probe_error', async () => {
      const launch = input.launch?.launcher ?? launchBrowser;
      launched = await launch({
        ...input.launch,
        browser: input.browser,
        timeoutMs: Math.max(1, deadline.budget(input.launch?.timeoutMs ?? LAUNCH_TIMEOUT_MS)),
      });
      findings.browser = { ...findings.browser, version: launched.browser.version() };
      const contextMs = stepBudget(deadline, CONTEXT_TIMEOUT_MS, 'opening a browser context');
      const probe: ProbeContext = await withTimeout(openProbeContext(launched), contextMs, 'opening a browser context');
      findings.browser = { ...findings.browser, userAgent: probe.userAgent };
      return probe;
    });
    if (!opened) return findings;
    page = opened.page;
    page = await walk(page, opened.context, input, findings);
  } finally {
    if (recorder.failure && page && hasSomethingToShow(findings, recorder.failure.kind)) {
      const timeoutMs = Math.max(1, Math.min(ARTIFACT_CAPTURE_MS, input.evidenceDeadline.remainingMs()));
      const evidence = await captureArtifacts(page, {
        target: input.target.name,
        step: recorder.failure.step,
        secrets: input.secrets,
        // The login step types the secrets into the page; every step before it runs without them.
        secretsTyped: findings.login?.attempted === true || recorder.failure.step === 'login',
        timeoutMs,
      });
      findings.artifacts = evidence.blobs;
      findings.withheld = evidence.withheld;
    }
    // The browser is killed at once (browser.ts); the bound is for Playwright's cleanup after the
    // exit: what the round has left, at least MIN_CLOSE_MS.
    await launched?.close(Math.max(MIN_CLOSE_MS, Math.min(CLOSE_TIMEOUT_MS, input.evidenceDeadline.remainingMs())));
  }
  return findings;
}

/**
 * Evidence only where there is a page to show: not for our own faults, and not when the login
 * page never answered (a hanging or refused navigation leaves a blank page, and touching it would
 * only wait on the hung navigation).
 */
function hasSomethingToShow(findings: JourneyFindings, kind: FailureKind): boolean {
  if (kind === 'probe_error') return false;
  return findings.loginPage !== null && findings.loginPage.httpStatus !== null;
}

/** What a round knows before it starts: only which browser it is for. */
export function emptyFindings(browser: BrowserName): JourneyFindings {
  return {
    browser: { name: browser, engine: BROWSER_ENGINES[browser], version: null, userAgent: null },
    loginPage: null,
    systemCheck: null,
    measurements: {},
    artifacts: [],
    withheld: [],
  };
}

/** The steps after launch; returns the page the journey ended on (for evidence). */
async function walk(page: Page, context: BrowserContext, input: JourneyInput, findings: JourneyFindings): Promise<Page> {
  const { target, recorder, deadline } = input;
  const pageErrors: string[] = [];
  context.on('page', (opened) => opened.on('pageerror', (error) => pageErrors.push(error.message)));
  page.on('pageerror', (error) => pageErrors.push(error.message));

  let loginPage = unreachedLoginPage(target);
  await recorder.run('login_page', 'content', async () => (loginPage = await openLoginPage(page, target, deadline)), judgeLoginPage);
  findings.loginPage = { ...loginPage, jsErrors: pageErrors.length };
  if (!recorder.healthy) return page;

  const errorsBefore = pageErrors.length;
  // attached while the step looks for the link (never rejects: a page it cannot observe gives no figure)
  const observing = observeWebSocketHandshakes(page);
  const endpoints = recordEndpoints(context);
  let current = page;
  const outcome = await recorder.run(
    'system_check',
    'content',
    () => runSystemCheck(page, target, deadline, () => pageErrors.slice(errorsBefore), observing),
    judgeSystemCheck,
  );
  const seen = endpoints.stop();
  const observer = await observing;
  // bounded inside: a frozen page (endless script) gets DETACH_TIMEOUT_MS, then the figures seen so far
  const pageWebSocketUpgradeMs = await observer.stop();
  if (outcome) {
    const upgrade =
      pageWebSocketUpgradeMs !== undefined && observer.clock
        ? { pageWebSocketUpgradeMs, clocks: { pageWebSocketUpgradeMs: observer.clock } }
        : {};
    findings.systemCheck = { ...outcome.result, endpoints: seen, ...upgrade };
    current = outcome.page;
  }
  if (!outcome || outcome.problem) return current;

  findings.measurements = await runMeasurements(current, target, deadline, recorder, seen);
  if (input.credentials) {
    const login = { current: { attempted: true, ok: false } as LoginStepResult };
    const credentials = input.credentials;
    await recorder.run('login', 'content', () => loginAndLogout(current, target, credentials, deadline, login));
    findings.login = login.current;
  }
  return current;
}

function judgeLoginPage(result: Omit<LoginPageResult, 'jsErrors'>) {
  const statusKind = httpStatusKind(result.httpStatus);
  if (statusKind) return { kind: statusKind, message: `login page answered HTTP ${result.httpStatus ?? '(no response)'}` };
  if (result.loginForm?.source === 'discovered' && !result.loginForm.found) {
    return { kind: 'content' as const, message: `login page shows no login form: looked for ${result.missingElements.join(', ')}` };
  }
  if (result.missingElements.length > 0) {
    return { kind: 'content' as const, message: `login page lacks expected elements: ${result.missingElements.join(', ')}` };
  }
  return undefined;
}

/** The step fails on incomplete verdicts (the outcome's problem), else on what the verdicts say. */
function judgeSystemCheck(outcome: SystemCheckOutcome) {
  return outcome.problem ?? systemCheckFailure(outcome.result);
}
