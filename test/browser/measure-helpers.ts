import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../../lambdas/probe/browser';
import { startTarget, type RunningTarget } from '../../target/index';

/** Getters of what `useTargetPage` starts: they exist only once `beforeAll` has run. */
export interface TargetPage {
  readonly target: () => RunningTarget;
  readonly launched: () => LaunchedBrowser;
  /** A page already on the target's origin, as the probe's measurements expect. */
  readonly page: () => Page;
}

/** Starts a reference target and Chromium with one page on the target for the test file; closes both after it. */
export function useTargetPage(): TargetPage {
  let target: RunningTarget | undefined;
  let launched: LaunchedBrowser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    target = await startTarget();
    launched = await launchBrowser();
    page = await launched.browser.newPage();
    await page.goto(target.pingUrl);
  });
  afterAll(async () => {
    await launched?.close();
    await target?.close();
  });
  return { target: () => started(target, 'target'), launched: () => started(launched, 'browser'), page: () => started(page, 'page') };
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the shared ${what} is used before beforeAll started it`);
  return value;
}

/** Every number inside `value`, with its path. */
function numbersIn(value: unknown, path = '$'): Array<[string, number]> {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => numbersIn(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => numbersIn(item, `${path}.${key}`));
  }
  return [];
}

/** The value survives a JSON round trip unchanged and holds no NaN or Infinity anywhere. */
export function expectJsonSafe(value: unknown): void {
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  expect(numbersIn(value).filter(([, number]) => !Number.isFinite(number))).toEqual([]);
}
