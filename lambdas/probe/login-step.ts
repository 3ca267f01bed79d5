/**
 * Optional step: log in with the configured user, check the start page, log out again. The
 * password is typed into the field and nowhere else: not into messages, results or artifacts.
 * Selectors the config does not name are discovered: the login form as on the login page, the start
 * page by the form being gone and a logout control showing, the logout control by its name.
 */
import type { Locator, Page } from 'playwright-core';
import type { TargetConfig } from '../core/config/types';
import type { Deadline } from '../core/deadline';
import type { LoginStepResult } from '../core/types';
import { CheckFailedError, stepBudget, withTimeout } from './bounded';
import { findLoginFormInPage } from './login-form';

/** User name and password, resolved by the caller (env vars on the CLI, Secrets Manager in Lambda). */
export interface Credentials {
  readonly username: string;
  readonly password: string;
  /** Every value of a Secrets Manager secret (the user name too): scrubbed and masked like the password. */
  readonly secretValues?: readonly string[];
}

/** The secrets in use of a round's credentials: the password, and each value of its Secrets Manager secret. */
export function secretsOf(credentials: Credentials): string[] {
  return [...new Set([credentials.password, ...(credentials.secretValues ?? [])])];
}

/** How a logout control is named, German and English. */
const LOGOUT_NAME = /abmelden|ausloggen|abmeldung|log\s?out|log\s?off|sign\s?out|sign\s?off/i;

/** The login form's fields: configured, else discovered on the page as it is now. */
async function formSelectors(page: Page, target: TargetConfig, readMs: number) {
  const configured = target.credentials;
  const found = await withTimeout(page.evaluate(findLoginFormInPage), readMs, 'finding the login form');
  const pick = (own: string | undefined, discovered: string | undefined, what: string): string => {
    const selector = own ?? discovered;
    if (!selector) throw new CheckFailedError('content', `login form has no ${what} (looked for it around the password field)`);
    return selector;
  };
  return {
    username: pick(configured?.usernameSelector, found.usernameSelector, 'user name field'),
    password: pick(configured?.passwordSelector, found.passwordSelector, 'password field'),
    submit: pick(configured?.submitSelector, found.submitSelector, 'submit button'),
  };
}

function logoutControl(page: Page, target: TargetConfig): Locator {
  const own = target.credentials?.logoutSelector;
  if (own) return page.locator(own).first();
  return page
    .getByRole('link', { name: LOGOUT_NAME })
    .or(page.getByRole('button', { name: LOGOUT_NAME }))
    .first();
}

/** Proof of the start page: the configured element, else a logout control with the password field gone. */
async function waitForStartPage(page: Page, target: TargetConfig, timeoutMs: number): Promise<void> {
  const own = target.credentials?.successSelector;
  try {
    if (own) {
      await page.locator(own).first().waitFor({ state: 'visible', timeout: timeoutMs });
      return;
    }
    await logoutControl(page, target).waitFor({ state: 'visible', timeout: timeoutMs });
    await page.locator('input[type="password" i]').first().waitFor({ state: 'hidden', timeout: timeoutMs });
  } catch {
    const what = own ? `"${own}" not shown` : 'no logout control (Abmelden, Log out, Sign out, …) with the login form gone';
    throw new CheckFailedError('content', `login did not reach the start page: ${what} at ${page.url()}`);
  }
}

/** Whether the start page is still shown after logging out. */
async function stillLoggedIn(page: Page, target: TargetConfig): Promise<number> {
  const own = target.credentials?.successSelector;
  return own ? page.locator(own).count() : logoutControl(page, target).count();
}

/**
 * Logs in and out. Throws CheckFailedError('content') when the start page does not appear, and
 * whatever Playwright throws (timeouts, net errors) otherwise; `result` is filled as far as it got.
 */
export async function loginAndLogout(
  page: Page,
  target: TargetConfig,
  credentials: Credentials,
  deadline: Deadline,
  result: { current: LoginStepResult },
): Promise<void> {
  const budget = (what: string): number => stepBudget(deadline, target.timeouts.stepMs, what);
  result.current = { attempted: true, ok: false };
  await page.goto(target.loginUrl, { waitUntil: 'domcontentloaded', timeout: budget('opening the login page again') });
  const form = await formSelectors(page, target, budget('finding the login form'));
  await page.locator(form.username).fill(credentials.username, { timeout: budget('typing the user name') });
  await page.locator(form.password).fill(credentials.password, { timeout: budget('typing the password') });
  await page
    .locator(form.submit)
    .first()
    .click({ timeout: budget('submitting the login form') });
  await waitForStartPage(page, target, budget('the start page'));
  result.current = { attempted: true, ok: true, landedUrl: page.url(), loggedOut: false };
  await logoutControl(page, target).click({ timeout: budget('logging out') });
  await page.waitForLoadState('domcontentloaded', { timeout: budget('the page after logout') });
  // count() takes no timeout, and a page whose script is stuck never answers it.
  const stillIn = await withTimeout(stillLoggedIn(page, target), budget('checking the logout'), 'checking the logout');
  if (stillIn > 0) throw new CheckFailedError('content', 'logout did not leave the start page (the logout control was clicked)');
  result.current = { ...result.current, loggedOut: true };
}
