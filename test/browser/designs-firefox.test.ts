import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { firefox, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESIGN_NAMES, DESIGNS, startTarget } from '../../target/index';
import { followSystemCheckLink, settledVerdicts } from './design-helpers';

/** Debian's Firefox ESR (`.ci/run` installs it), or FIREFOX_PATH. */
function firefoxExecutable(): string {
  const override = process.env.FIREFOX_PATH?.trim();
  if (override) return override;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'firefox-esr');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error('firefox-esr not found on PATH; install it (apt-get install firefox-esr) or set FIREFOX_PATH');
}

/** Starting Firefox takes seconds, more on a busy machine. */
const FIREFOX_LAUNCH_TIMEOUT_MS = 60_000;

/** The page's own user-agent check against real Gecko: only `reject-firefox` rejects it. */
describe('page designs in real Firefox', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await firefox.launch({
      channel: 'moz-firefox',
      executablePath: firefoxExecutable(),
      headless: true,
      timeout: FIREFOX_LAUNCH_TIMEOUT_MS,
    });
  }, FIREFOX_LAUNCH_TIMEOUT_MS + 10_000);
  afterAll(async () => {
    await browser?.close();
  });

  const cases = DESIGN_NAMES.flatMap((name) =>
    [
      [[], 'ok'],
      [['reject-edge'], 'ok'],
      [['reject-firefox'], 'fail'],
    ].map(([faults, state]) => [name, faults as string[], state as 'ok' | 'fail'] as const),
  );

  it.each(cases)('design %s with %j: the browser verdict is %s', async (name, faults, state) => {
    const target = await startTarget({ design: name, faults: [...faults, 'verdict-delay=0'] });
    const context = await browser.newContext();
    try {
      const page = await followSystemCheckLink(await context.newPage(), target);
      const verdicts = await settledVerdicts(page, DESIGNS[name].contract);

      expect(await page.evaluate(() => navigator.userAgent)).toMatch(/Gecko\/\d+ Firefox\/\d+/);
      expect(verdicts.browser.state).toBe(state);
      expect([verdicts.websocket.state, verdicts.http.state]).toEqual(['ok', 'ok']);
    } finally {
      await context.close();
      await target.close();
    }
  });
});
