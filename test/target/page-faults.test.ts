import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HUGE_PAGE_BYTES } from '../../target/hostile-pages';
import { JS_ERROR_MESSAGE } from '../../target/index';
import { rawRequest, useSharedTarget } from './helpers';

/** Reads a response for `watchMs` and reports what arrived and whether it ever ended. */
function watch(url: string, watchMs: number): Promise<{ status: number; chunks: number; text: string; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let chunks = 0;
      let text = '';
      let ended = false;
      res.on('data', (chunk: Buffer) => {
        chunks += 1;
        text += chunk.toString();
      });
      res.on('end', () => {
        ended = true;
      });
      setTimeout(() => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, chunks, text, ended });
      }, watchMs);
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

describe('reference target, page faults', () => {
  const target = useSharedTarget();

  it('http-500: the login page answers 500', async () => {
    target().setFaults(['http-500']);

    const res = await rawRequest(target().loginUrl);

    expect(res.status).toBe(500);
    expect(res.body.toString()).not.toContain('login-form');
  });

  it('hang: the login page never answers', async () => {
    target().setFaults(['hang']);

    await expect(rawRequest(target().loginUrl, { timeoutMs: 500 })).rejects.toThrow(/timed out after 500 ms/);
  });

  it('login-slow: the login page answers only after the delay', async () => {
    target().setFaults(['login-slow=400']);
    const startedMs = performance.now();

    const res = await rawRequest(target().loginUrl);

    expect(res.status).toBe(200);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(390);
  });

  it('no-system-check-link: the login page has no System-Check link', async () => {
    target().setFaults(['no-system-check-link']);

    const html = (await rawRequest(target().loginUrl)).body.toString();

    expect(html).toContain('id="login-form"');
    expect(html).not.toContain('System-Check');
  });

  it('unsupported-browser: the System-Check policy accepts no browser family', async () => {
    target().setFaults(['unsupported-browser']);

    const html = (await rawRequest(target().systemCheckUrl)).body.toString();

    expect(html).toContain('"policy":{"minMajor":{},"acceptHeadless":false}');
  });

  it('reject-headless: the System-Check policy rejects HeadlessChrome only', async () => {
    target().setFaults(['reject-headless']);

    const html = (await rawRequest(target().systemCheckUrl)).body.toString();

    expect(html).toContain('"minMajor":{"chrome":120,"firefox":120,"edge":120},"acceptHeadless":false');
  });

  it('js-error: both pages throw an uncaught error (the System-Check before its checks)', async () => {
    target().setFaults(['js-error']);

    const login = (await rawRequest(target().loginUrl)).body.toString();
    const check = (await rawRequest(target().systemCheckUrl)).body.toString();

    expect(login).toContain(`<script>throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)});</script>`);
    const thrownAt = check.indexOf(`throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)});`);
    expect(thrownAt).toBeGreaterThanOrEqual(0);
    expect(thrownAt).toBeLessThan(check.indexOf('checkBrowser();'));
  });

  it('js-loop: the System-Check page spins forever right after load', async () => {
    target().setFaults(['js-loop']);

    const html = (await rawRequest(target().systemCheckUrl)).body.toString();

    expect(html).toContain("window.addEventListener('load', function () { setTimeout(function () { for (;;) {");
  });

  it('redirect-loop: the login page redirects to itself, every time', async () => {
    target().setFaults(['redirect-loop']);

    const first = await rawRequest(target().loginUrl);
    const second = await rawRequest(new URL(String(first.headers.location), target().origin).href);

    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/cgi-bin/xorg/crm.pl');
    expect(second.status).toBe(302);
    await expect(fetch(target().loginUrl)).rejects.toThrow();
  });

  it('stream-forever: the login page starts and keeps trickling without ever ending', async () => {
    target().setFaults(['stream-forever']);

    const seen = await watch(target().loginUrl, 900);

    expect(seen.status).toBe(200);
    expect(seen.text).toContain('id="login-form"');
    expect(seen.chunks).toBeGreaterThanOrEqual(3);
    expect(seen.ended).toBe(false);
    expect(seen.text).not.toContain('</html>');
  });

  it('huge-page: the login page is about 20 MB, with the form still on it', async () => {
    target().setFaults(['huge-page']);

    const res = await rawRequest(target().loginUrl, { timeoutMs: 20_000 });

    expect(res.body.length).toBeGreaterThanOrEqual(HUGE_PAGE_BYTES);
    expect(res.body.length).toBeLessThan(HUGE_PAGE_BYTES + 1024 * 1024);
    expect(res.body.toString()).toContain('id="login-form"');
  });

  it('combines faults and switches them at runtime', async () => {
    target().setFaults(['no-system-check-link', 'http-check-fail']);
    const faulty = (await rawRequest(target().loginUrl)).body.toString();
    const ping = await rawRequest(target().pingUrl);

    target().setFaults([]);
    const healthy = (await rawRequest(target().loginUrl)).body.toString();

    expect(faulty).not.toContain('system-check-link');
    expect(ping.status).toBe(503);
    expect(healthy).toContain('system-check-link');
    expect(target().activeFaults()).toEqual([]);
  });

  it('keeps the old faults when setFaults gets a bad one', () => {
    target().setFaults(['ws-silent']);

    expect(() => target().setFaults(['ws-silent', 'nope'])).toThrow(/unknown fault "nope"/);
    expect(target().activeFaults()).toEqual(['ws-silent']);
  });
});
