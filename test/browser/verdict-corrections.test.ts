/**
 * A System-Check page that writes its three verdicts and corrects one of them right after: in its
 * next timer, or in its next animation frame. The probe reads the corrected verdict, not the first
 * one (the quiet period after the last change, lambdas/probe/system-check.ts). Pages of our own
 * making, in English, with no wording or markup of the reference target's.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeTarget } from '../../lambdas/probe/probe-target';
import { urlOnly } from './discovery-matrix';
import { chromiumChildren } from './journey-helpers';

const LOGIN_PAGE = (how: string): string => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head><body>
<form method="post" action="/session"><label>User <input name="u"></label><label>Secret <input name="s" type="password"></label>
<button type="submit">Continue</button></form>
<nav><a href="/diagnostics/system-check?how=${how}">System check</a></nav></body></html>`;

/** The three verdicts pass at once; then the HTTP one turns to a failure, scheduled by `how`. */
const CHECK_PAGE = (how: string): string => {
  const schedule =
    how === 'frame'
      ? 'requestAnimationFrame(function () { requestAnimationFrame(correct); });'
      : how === 'timer'
        ? 'setTimeout(correct, 5);'
        : '';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Diagnostics</title></head><body>
<ul><li id="r1">Checking browser …</li><li id="r2">Checking WebSocket …</li><li id="r3">Checking HTTP …</li></ul>
<script>
function correct() { document.getElementById('r3').textContent = 'HTTP connection failed'; }
setTimeout(function () {
  document.getElementById('r1').textContent = 'Browser supported';
  document.getElementById('r2').textContent = 'WebSocket connection established';
  document.getElementById('r3').textContent = 'HTTP connection established';
  ${schedule}
}, 50);
</script></body></html>`;
};

describe('a verdict the page corrects right after writing it', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const how = url.searchParams.get('how') ?? 'none';
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(url.pathname === '/diagnostics/system-check' ? CHECK_PAGE(how) : LOGIN_PAGE(how));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('passes the page that never corrects (the control case)', async () => {
    // Act
    const { result } = await probeTarget(urlOnly(`${origin}/sign-in?how=none`), { location: 'local' });
    // Assess
    expect(chromiumChildren()).toEqual([]);
    expect(result.failure).toBeNull();
    expect(result.systemCheck?.http).toMatchObject({ outcome: 'pass', text: 'HTTP connection established' });
  });

  it.each(['timer', 'frame'])('reads the correction made in the next %s', async (how) => {
    // Act
    const { result } = await probeTarget(urlOnly(`${origin}/sign-in?how=${how}`), { location: 'local' });
    // Assess
    expect(chromiumChildren()).toEqual([]);
    expect(result.status).toBe('fail');
    expect(result.failure).toMatchObject({ step: 'system_check' });
    expect(result.systemCheck?.http).toMatchObject({ outcome: 'fail', text: 'HTTP connection failed' });
    expect(result.systemCheck?.browser).toMatchObject({ outcome: 'pass' });
  });
});
