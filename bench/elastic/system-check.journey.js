/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: the peer loads journey files with require() */
// The peer's side of bench/versus.ts: the same journey as `autocrm-synthetics run --config
// <URL-only config>` — open the login page, click the System-Check link like a user and wait until
// the page's three verdicts (browser, WebSocket, HTTP) are no longer pending. CommonJS: the peer's
// loader requires journey files. bench/versus-peer.ts copies it into bench/.peer/journeys/.
const { journey, step, expect } = require('@elastic/synthetics');

const VERDICTS = ['#check-browser', '#check-websocket', '#check-http'];

journey('login → System-Check', ({ page, params }) => {
  step('login_page', async () => {
    await page.goto(params.url, { waitUntil: 'load' });
  });
  step('system_check', async () => {
    await page.getByRole('link', { name: 'System-Check' }).click();
    for (const verdict of VERDICTS) {
      await expect(page.locator(verdict)).not.toHaveAttribute('data-state', 'pending');
    }
  });
});
