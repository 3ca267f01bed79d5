/**
 * Optional step: log in with the configured user, check the start page, log out again. The
 * password is typed into the field and nowhere else: not into messages, results or artifacts.
 */
import type { Page } from 'playwright-core';
import { DEFAULT_CREDENTIAL_SELECTORS } from '../core/config/defaults';
import type { TargetConfig } from '../core/config/types';
import type { Deadline } from '../core/deadline';
import type { LoginStepResult } from '../core/types';
import { CheckFailedError, stepBudget, withTimeout } from './bounded';

/** User name and password, resolved by the caller (env vars on the CLI, Secrets Manager in Lambda). */
export interface Credentials {
  readonly username: string;
  readonly password: string;
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
  // The reference target's (and autocrm's) login form when the config names no selectors.
  const selectors = target.credentials ?? DEFAULT_CREDENTIAL_SELECTORS;
  const budget = (what: string): number => stepBudget(deadline, target.timeouts.stepMs, what);
  result.current = { attempted: true, ok: false };
  await page.goto(target.loginUrl, { waitUntil: 'domcontentloaded', timeout: budget('opening the login page again') });
  await page.locator(selectors.usernameSelector).fill(credentials.username, { timeout: budget('typing the user name') });
  await page.locator(selectors.passwordSelector).fill(credentials.password, { timeout: budget('typing the password') });
  await page.locator(selectors.submitSelector).click({ timeout: budget('submitting the login form') });
  try {
    await page
      .locator(selectors.successSelector)
      .first()
      .waitFor({ state: 'visible', timeout: budget('the start page') });
  } catch {
    throw new CheckFailedError('content', `login did not reach the start page: "${selectors.successSelector}" not shown at ${page.url()}`);
  }
  result.current = { attempted: true, ok: true, landedUrl: page.url(), loggedOut: false };
  await page
    .locator(selectors.logoutSelector)
    .first()
    .click({ timeout: budget('logging out') });
  await page.waitForLoadState('domcontentloaded', { timeout: budget('the page after logout') });
  // count() takes no timeout, and a page whose script is stuck never answers it.
  const stillIn = await withTimeout(page.locator(selectors.successSelector).count(), budget('checking the logout'), 'checking the logout');
  if (stillIn > 0) throw new CheckFailedError('content', `logout did not leave the start page ("${selectors.logoutSelector}" clicked)`);
  result.current = { ...result.current, loggedOut: true };
}
