import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type RunningTarget } from '../../target/index';
import { MAX_TRANSFER_BYTES } from '../../target/bandwidth';
import { rawRequest } from './helpers';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('reference target, healthy', () => {
  let target: RunningTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
  });

  async function logIn(): Promise<string> {
    const res = await rawRequest(target.loginUrl, { method: 'POST', headers: FORM, body: 'username=demo&password=demo-password' });
    return String(res.headers['set-cookie']?.[0]).split(';')[0] ?? '';
  }

  it('listens on 127.0.0.1 and a free port, with every URL on that origin', () => {
    expect(target.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(target.loginUrl).toBe(`${target.origin}/cgi-bin/xorg/crm.pl`);
    expect(target.systemCheckUrl).toBe(`${target.origin}/cgi-bin/xorg/systemcheck.pl`);
    expect(target.wsUrl).toBe(target.origin.replace('http:', 'ws:') + '/ws');
    expect(target.downloadUrl).toBe(`${target.origin}/download?bytes={bytes}`);
    expect(target.pingUrl).toBe(`${target.origin}/api/ping`);
    expect(target.uploadUrl).toBe(`${target.origin}/upload`);
  });

  it('serves the German login page with the form and the System-Check link bottom left', async () => {
    const res = await rawRequest(target.loginUrl);
    const html = res.body.toString('utf8');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['timing-allow-origin']).toBe('*');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<form id="login-form" method="post"');
    for (const id of ['username', 'password', 'login-submit']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('<footer><a id="system-check-link" href="/cgi-bin/xorg/systemcheck.pl">System-Check</a></footer>');
    expect(html).toMatch(/footer \{ position: fixed; left: 16px; bottom: 12px;/);
  });

  it('logs the demo user in with an HttpOnly session cookie, shows the start page, and logs out', async () => {
    // Act
    const login = await rawRequest(target.loginUrl, { method: 'POST', headers: FORM, body: 'username=demo&password=demo-password' });
    const cookie = String(login.headers['set-cookie']?.[0]);
    const session = cookie.split(';')[0] ?? '';
    const start = await rawRequest(`${target.loginUrl}?action=start`, { headers: { Cookie: session } });
    const logout = await rawRequest(`${target.loginUrl}?action=logout`, { headers: { Cookie: session } });
    const afterLogout = await rawRequest(`${target.loginUrl}?action=start`, { headers: { Cookie: session } });

    // Assess
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/cgi-bin/xorg/crm.pl?action=start');
    expect(cookie).toMatch(/^autocrm_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(start.status).toBe(200);
    expect(start.body.toString()).toContain('id="start-page"');
    expect(start.body.toString()).toContain('<a id="logout" href="/cgi-bin/xorg/crm.pl?action=logout">Abmelden</a>');
    expect(logout.status).toBe(303);
    expect(String(logout.headers['set-cookie']?.[0])).toContain('Max-Age=0');
    expect(afterLogout.status).toBe(303);
    expect(afterLogout.headers.location).toBe('/cgi-bin/xorg/crm.pl');
  });

  it('rejects a wrong password with the login page and an error, without a session', async () => {
    const res = await rawRequest(target.loginUrl, { method: 'POST', headers: FORM, body: 'username=demo&password=wrong' });

    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body.toString()).toContain('id="login-error"');
    expect(res.body.toString()).not.toContain('wrong');
  });

  it('serves the System-Check page with three pending verdicts and its own script', async () => {
    const html = (await rawRequest(target.systemCheckUrl)).body.toString('utf8');

    for (const id of ['check-browser', 'check-websocket', 'check-http']) {
      expect(html).toContain(`<span id="${id}" data-state="pending">wird geprüft …</span>`);
    }
    expect(html).toContain('"acceptHeadless":true');
    expect(html).toContain('"timeoutMs":5000');
    expect(html).not.toContain('id="logout-required"');
  });

  it('asks a logged-in browser to log out instead of running the System-Check', async () => {
    const html = (await rawRequest(target.systemCheckUrl, { headers: { Cookie: await logIn() } })).body.toString('utf8');

    expect(html).toContain('<p id="logout-required">Sie sind angemeldet. Bitte melden Sie sich ab, um zum System-Check zu gelangen.</p>');
    expect(html).not.toContain('check-browser');
  });

  it('answers /api/ping tiny, uncacheable and open to any origin', async () => {
    const res = await rawRequest(target.pingUrl, { headers: { Origin: 'https://elsewhere.example' } });

    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ ok: true });
    expect(res.body.length).toBeLessThan(64);
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['timing-allow-origin']).toBe('*');
  });

  it('downloads exactly the bytes asked for, random and with honest headers', async () => {
    const res = await rawRequest(target.downloadUrl.replace('{bytes}', '300000'));
    const { gzipSync } = await import('node:zlib');

    expect(res.status).toBe(200);
    expect(res.body.length).toBe(300_000);
    expect(res.headers['content-length']).toBe('300000');
    expect(res.headers['cache-control']).toBe('no-store, no-transform');
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(gzipSync(res.body).length).toBeGreaterThan(res.body.length * 0.99);
  });

  it.each(['', 'abc', '-1', '1e6', String(MAX_TRANSFER_BYTES + 1)])('refuses /download?bytes=%s with 400 and the rule', async (bytes) => {
    const res = await rawRequest(`${target.origin}/download?bytes=${bytes}`);

    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain(`bytes must be a whole number from 0 to ${MAX_TRANSFER_BYTES}, got "${bytes}"`);
  });

  it('counts an uploaded body and answers {"bytes":N}', async () => {
    const res = await rawRequest(target.uploadUrl, { method: 'POST', body: Buffer.alloc(250_000, 7) });

    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ bytes: 250_000 });
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('refuses an upload above the cap before reading it', async () => {
    const res = await rawRequest(target.uploadUrl, { method: 'POST', headers: { 'Content-Length': String(MAX_TRANSFER_BYTES + 1) } }).catch(
      (error: Error) => error,
    );

    expect(res).not.toBeInstanceOf(Error);
    expect((res as { status: number }).status).toBe(413);
  });

  it('answers CORS preflights for the measurement endpoints', async () => {
    for (const url of [target.pingUrl, target.uploadUrl, `${target.origin}/download`]) {
      const res = await rawRequest(url, {
        method: 'OPTIONS',
        headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'POST' },
      });
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-methods']).toContain('POST');
    }
  });

  it('answers unknown paths with 404 and redirects / to the login page', async () => {
    expect((await rawRequest(`${target.origin}/nope`)).status).toBe(404);
    const root = await rawRequest(`${target.origin}/`);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/cgi-bin/xorg/crm.pl');
  });

  it('accepts configured credentials instead of the demo ones', async () => {
    const custom = await startTarget({ credentials: { username: 'anna', password: 's3cret' } });
    try {
      const demo = await rawRequest(custom.loginUrl, { method: 'POST', headers: FORM, body: 'username=demo&password=demo-password' });
      const anna = await rawRequest(custom.loginUrl, { method: 'POST', headers: FORM, body: 'username=anna&password=s3cret' });
      expect(demo.status).toBe(200);
      expect(anna.status).toBe(303);
    } finally {
      await custom.close();
    }
  });
});
