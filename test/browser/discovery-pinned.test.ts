/**
 * Explicit settings win over discovery, and a round says per piece which it was (issue #18 item 5);
 * a page that shows only two of the three verdicts reports the third as missing (item 3).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetConfig } from '../../lambdas/core/config/types';
import { probeTarget } from '../../lambdas/probe/probe-target';
import { DESIGNS, startTarget, type RunningTarget } from '../../target/index';
import { urlOnly } from './discovery-matrix';
import { chromiumChildren } from './journey-helpers';

/** Everything a person could pin for design `c` (a German table whose link opens a new tab), from its contract. */
function everythingPinned(target: RunningTarget): TargetConfig {
  const { contract } = DESIGNS.c;
  const base = urlOnly(target.loginUrl);
  return {
    ...base,
    expectSelectors: [contract.login.usernameSelector, contract.login.passwordSelector],
    systemCheck: {
      linkSelector: contract.linkSelector,
      verdicts: {
        browser: { selector: contract.verdicts.browser },
        websocket: { selector: contract.verdicts.websocket },
        http: { selector: contract.verdicts.http },
      },
    },
    websocket: { url: target.wsUrl, messages: 5, intervalMs: 20, timeoutMs: 2_000 },
    http: { url: target.pingUrl, samples: 3 },
  };
}

describe('explicit settings against discovery (page design c)', () => {
  let target: RunningTarget;

  beforeAll(async () => {
    target = await startTarget({ design: 'c' });
    target.setFaults(['verdict-delay=200']);
  });
  afterAll(async () => {
    await target.close();
  });

  it('uses every configured piece and says each was configured', async () => {
    // Act
    const { result } = await probeTarget(everythingPinned(target), { location: 'local' });
    // Assess
    expect(chromiumChildren()).toEqual([]);
    expect(result.failure).toBeNull();
    expect(result.loginPage?.loginForm?.source).toBe('configured');
    expect(result.systemCheck?.link).toMatchObject({ source: 'configured', selector: DESIGNS.c.contract.linkSelector, opens: 'new-tab' });
    for (const check of ['browser', 'websocket', 'http'] as const) {
      expect(result.systemCheck?.[check]).toMatchObject({
        source: 'configured',
        outcome: 'pass',
        selector: DESIGNS.c.contract.verdicts[check],
      });
    }
    expect(result.websocket).toMatchObject({ url: target.wsUrl, source: 'configured' });
    expect(result.http).toMatchObject({ url: target.pingUrl, source: 'configured' });
  });

  it('keeps a configured verdict selector even where discovery would have found the verdict, and discovers the rest', async () => {
    // Prepare: the HTTP verdict pinned to an element the page does not have
    const base = urlOnly(target.loginUrl);
    const config: TargetConfig = {
      ...base,
      systemCheck: { ...base.systemCheck, verdicts: { ...base.systemCheck.verdicts, http: { selector: '[data-pinned="nowhere"]' } } },
    };
    // Act
    const { result } = await probeTarget(config, { location: 'local' });
    // Assess
    expect(result.status).toBe('fail');
    expect(result.failure).toMatchObject({ kind: 'content', step: 'system_check' });
    expect(result.failure?.message).toContain('[data-pinned="nowhere"]');
    expect(result.systemCheck?.http).toMatchObject({ source: 'configured', outcome: 'missing' });
    expect(result.systemCheck?.browser).toMatchObject({ source: 'discovered', outcome: 'pass' });
    expect(result.systemCheck?.websocket).toMatchObject({ source: 'discovered', outcome: 'pass' });
    expect(result.systemCheck?.link?.source).toBe('discovered');
    expect(result.loginPage?.loginForm?.source).toBe('discovered');
  });
});

/** A login page of our own making and a System-Check that shows a browser and a WebSocket verdict, but no HTTP one. */
const LOGIN_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head><body>
<form method="post" action="/session"><label>User <input name="u"></label><label>Secret <input name="s" type="password"></label>
<button>Sign in</button></form>
<footer><a href="/tools/systemcheck">System check</a></footer></body></html>`;
const TWO_VERDICTS_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Checks</title></head><body>
<ul><li class="row">Browser: <em>please wait</em></li><li class="row">WebSocket: <em>please wait</em></li></ul>
<script>setTimeout(function () {
  var rows = document.querySelectorAll('li.row em');
  rows[0].textContent = 'supported';
  rows[1].textContent = 'connection established';
}, 300);</script></body></html>`;

describe('a System-Check that shows only two of the three verdicts', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(request.url === '/tools/systemcheck' ? TWO_VERDICTS_PAGE : LOGIN_PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports the missing verdict as missing, with the two it found judged', async () => {
    // Act
    const { result } = await probeTarget(urlOnly(`${origin}/login`), { location: 'local' });
    // Assess
    expect(chromiumChildren()).toEqual([]);
    expect(result.status).toBe('fail');
    expect(result.failure).toMatchObject({ kind: 'content', step: 'system_check' });
    expect(result.failure?.message).toMatch(/no http verdict/);
    expect(result.systemCheck?.browser).toMatchObject({ outcome: 'pass', text: 'Browser: supported' });
    expect(result.systemCheck?.websocket).toMatchObject({ outcome: 'pass', text: 'WebSocket: connection established' });
    expect(result.systemCheck?.http).toMatchObject({ outcome: 'missing', source: 'discovered' });
  });
});
