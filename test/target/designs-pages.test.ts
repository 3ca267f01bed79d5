import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/args';
import { parseTargetArgs, targetCommand } from '../../cli/commands/target';
import { HUGE_PAGE_BYTES } from '../../target/hostile-pages';
import { DEFAULT_CREDENTIALS, DESIGN_NAMES, DesignError, DESIGNS, FAULT_NAMES, JS_ERROR_MESSAGE, startTarget } from '../../target/index';
import { JS_LOOP_JS } from '../../target/designs/page-kit';
import { checkPageUrl, cookieOf, designOf, servedCheckSetup, useDesignTarget } from './design-helpers';
import { rawRequest } from './helpers';

/** A login form as a person (and a browser) sees it: a POST form with a text field, a password field and a submit control. */
function expectLoginForm(html: string, usernameField: string): void {
  const form = /<form\b[^>]*>[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  expect(form).toMatch(/<form\b[^>]*method="post"/);
  expect(form).toMatch(new RegExp(`<input\\b[^>]*name="${usernameField}"[^>]*type="text"`));
  expect(form).toMatch(/<input\b[^>]*type="password"/);
  expect(form).toMatch(/type="submit"/);
}

function loginBody(design: (typeof DESIGNS)[keyof typeof DESIGNS], password: string): string {
  return new URLSearchParams({ [design.form.username]: DEFAULT_CREDENTIALS.username, [design.form.password]: password }).toString();
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('reference target designs', () => {
  it('starts design a unless asked otherwise, and refuses an unknown design before listening', async () => {
    const target = await startTarget();
    try {
      expect(target.design).toBe('a');
    } finally {
      await target.close();
    }
    // @ts-expect-error an unknown design from untyped input (a CLI, a JSON file)
    await expect(startTarget({ design: 'z' })).rejects.toThrow(DesignError);
    // @ts-expect-error as above
    await expect(startTarget({ design: 'z' })).rejects.toThrow(/unknown design "z"; known designs: a, b, c, d/);
  });

  it('selects a design with --design (any case), and refuses an unknown one as bad usage', () => {
    expect(parseTargetArgs(['--design', 'B']).design).toBe('b');
    expect(parseTargetArgs([]).design).toBeUndefined();
    expect(() => parseTargetArgs(['--design', 'e'])).toThrow(UsageError);
    expect(() => parseTargetArgs(['--design', 'e'])).toThrow(/--design: unknown design "e"; known designs: a, b, c, d/);
  });

  it('documents every design and fault in `target --help` and docs/target.md', () => {
    const docs = readFileSync(new URL('../../docs/target.md', import.meta.url), 'utf8');

    for (const name of DESIGN_NAMES) {
      expect(targetCommand.usage).toContain(`  ${name}  `);
      expect(targetCommand.usage).toContain(DESIGNS[name].summary);
      expect(docs).toContain(`| \`${name}\``);
    }
    for (const fault of FAULT_NAMES) expect(docs).toContain(`| \`${fault}\` |`);
    expect(targetCommand.usage).toContain('--design');
  });

  it('gives every design its own paths for pages and check endpoints (only /download and /upload are shared)', () => {
    const paths = DESIGN_NAMES.map((name) => Object.values(DESIGNS[name].paths));
    const shared = paths[0]!.filter((path) => paths.slice(1).some((other) => other.includes(path)));

    expect(shared).toEqual([]);
  });
});

describe.each(DESIGN_NAMES)('design %s: pages and login', (name) => {
  const target = useDesignTarget(name);
  const design = DESIGNS[name];

  it('serves a real login form at its login URL, with the System-Check link', async () => {
    const res = await rawRequest(target().loginUrl);
    const html = res.body.toString();

    expect(res.status).toBe(200);
    expect(target().loginUrl).toBe(`${target().origin}${design.paths.login}`);
    expectLoginForm(html, design.form.username);
    expect(html).toContain(`>${design.contract.linkText}</`);
  });

  it('no-system-check-link: the login page keeps its form and loses the link', async () => {
    target().setFaults(['no-system-check-link']);

    const html = (await rawRequest(target().loginUrl)).body.toString();

    expectLoginForm(html, design.form.username);
    expect(html).not.toContain(`>${design.contract.linkText}</`);
  });

  it('logs in with its own field names, shows the start page, and logs out again', async () => {
    const login = await rawRequest(target().loginUrl, {
      method: 'POST',
      headers: FORM,
      body: loginBody(design, DEFAULT_CREDENTIALS.password),
    });
    const cookie = cookieOf(login.headers['set-cookie']);
    const start = await rawRequest(`${target().origin}${design.paths.start}`, { headers: { Cookie: cookie } });
    const loginWhileIn = await rawRequest(target().loginUrl, { headers: { Cookie: cookie } });
    const logout = await rawRequest(`${target().origin}${design.paths.logout}`, { headers: { Cookie: cookie } });
    const startAfter = await rawRequest(`${target().origin}${design.paths.start}`, { headers: { Cookie: cookie } });

    expect(login.status).toBe(303);
    expect(login.headers.location).toBe(design.paths.start);
    expect(start.status).toBe(200);
    expect(start.body.toString()).toContain(`href="${design.paths.logout}"`);
    expect(loginWhileIn.status).toBe(303);
    expect(logout.status).toBe(303);
    expect(String(logout.headers['set-cookie'])).toContain('Max-Age=0');
    expect(startAfter.status).toBe(303);
    expect(startAfter.headers.location).toBe(design.paths.login);
  });

  it('answers wrong credentials with the login form again', async () => {
    const res = await rawRequest(target().loginUrl, { method: 'POST', headers: FORM, body: loginBody(design, 'wrong') });

    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expectLoginForm(res.body.toString(), design.form.username);
  });

  it('sends / to its login page and answers unknown paths with its own 404 page', async () => {
    const root = await rawRequest(`${target().origin}/`);
    const missing = await rawRequest(`${target().origin}/nowhere`);

    expect(root.headers.location).toBe(design.paths.login);
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toContain(`lang="${design.contract.language}"`);
  });

  it('shows a logged-in browser no checks (designs with a System-Check page ask to log out first)', async () => {
    const login = await rawRequest(target().loginUrl, {
      method: 'POST',
      headers: FORM,
      body: loginBody(design, DEFAULT_CREDENTIALS.password),
    });
    const cookie = cookieOf(login.headers['set-cookie']);

    const res = await rawRequest(checkPageUrl(target()), { headers: { Cookie: cookie } });

    // Design b's checks live on the login page, which sends a logged-in browser to its start page.
    expect(res.status).toBe(design.paths.systemCheck ? 200 : 303);
    expect(res.body.toString()).not.toMatch(/var (CONFIG|SETUP) =/);
    if (design.paths.systemCheck) expect(res.body.toString()).toContain(`href="${design.paths.logout}"`);
  });
});

describe.each(DESIGN_NAMES)('design %s: login-page faults', (name) => {
  const target = useDesignTarget(name);
  const design = DESIGNS[name];

  it('http-500: an error page in its own language, no form', async () => {
    target().setFaults(['http-500']);

    const res = await rawRequest(target().loginUrl);

    expect(res.status).toBe(500);
    expect(res.body.toString()).toContain(`lang="${design.contract.language}"`);
    expect(res.body.toString()).not.toContain('type="password"');
  });

  it('hang: the login page never answers', async () => {
    target().setFaults(['hang']);

    await expect(rawRequest(target().loginUrl, { timeoutMs: 500 })).rejects.toThrow(/timed out after 500 ms/);
  });

  it('login-slow: the login page answers, not before the delay', async () => {
    target().setFaults(['login-slow=300']);
    const startedMs = performance.now();

    const res = await rawRequest(target().loginUrl);

    expect(res.status).toBe(200);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(290);
  });

  it('redirect-loop: the login page redirects to itself', async () => {
    target().setFaults(['redirect-loop']);

    const res = await rawRequest(target().loginUrl);

    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(design.paths.login);
  });

  it('stream-forever: the opening of its own login page, form included, and never an end', async () => {
    target().setFaults(['stream-forever']);

    const opening = await new Promise<string>((resolve, reject) => {
      let text = '';
      fetch(target().loginUrl)
        .then(async (res) => {
          const reader = res.body!.getReader();
          // Read until the first trickled comment: the opening has then been sent in full.
          for (let chunk = 0; chunk < 50 && !text.includes('<!-- 1 -->'); chunk++) {
            const { value, done } = await reader.read();
            if (done) return reject(new Error('the response ended'));
            text += Buffer.from(value).toString();
          }
          await reader.cancel();
          resolve(text);
        })
        .catch(reject);
    });

    expectLoginForm(opening, design.form.username);
    expect(opening).not.toContain('</html>');
  });

  it('huge-page: about 20 MB, the form still on it', async () => {
    target().setFaults(['huge-page']);

    const res = await rawRequest(target().loginUrl, { timeoutMs: 20_000 });

    expect(res.body.length).toBeGreaterThanOrEqual(HUGE_PAGE_BYTES);
    expect(res.body.length).toBeLessThan(HUGE_PAGE_BYTES + 1024 * 1024);
    expectLoginForm(res.body.toString(), design.form.username);
  });

  it('js-error: the login page throws, and the System-Check script throws before its checks', async () => {
    target().setFaults(['js-error']);

    const login = (await rawRequest(target().loginUrl)).body.toString();
    const check = (await rawRequest(checkPageUrl(target()))).body.toString();
    const script = check.slice(check.lastIndexOf('var SETUP') >= 0 ? check.lastIndexOf('var SETUP') : check.lastIndexOf('var CONFIG'));

    expect(login).toContain(`<script>throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)});</script>`);
    expect(script.indexOf(`throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)})`)).toBeGreaterThan(0);
    expect(script.indexOf(`throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)})`)).toBeLessThan(
      script.search(/echoOnce\(socketUrl|checkWebSocket\(\);|new WebSocket\(new URL/),
    );
  });
});

describe.each(DESIGN_NAMES)('design %s: System-Check faults as served', (name) => {
  const target = useDesignTarget(name);
  const design = DESIGNS[name];

  it('healthy: every browser family from version 120, HeadlessChrome too, nothing rejected, no delay beyond its own', async () => {
    const setup = await servedCheckSetup(target());

    expect(setup).toMatchObject({
      policy: { minMajor: { chrome: 120, firefox: 120, edge: 120 }, acceptHeadless: true },
      reject: { firefox: false, edge: false },
      verdictDelayMs: design.defaultVerdictDelayMs,
    });
  });

  it.each([
    [['unsupported-browser'], { minMajor: {}, acceptHeadless: false }],
    [['reject-headless'], { minMajor: { chrome: 120, firefox: 120, edge: 120 }, acceptHeadless: false }],
  ])('%j is baked into the check script as its browser policy', async (faults, policy) => {
    target().setFaults(faults);

    expect((await servedCheckSetup(target())).policy).toEqual(policy);
  });

  it.each([
    [['reject-firefox'], { reject: { firefox: true, edge: false } }],
    [['reject-edge'], { reject: { firefox: false, edge: true } }],
    [['verdict-delay=1234'], { verdictDelayMs: 1234 }],
    [['verdict-delay=0'], { verdictDelayMs: 0 }],
  ])('%j is baked into the check script', async (faults, expected) => {
    target().setFaults(faults);

    expect(await servedCheckSetup(target())).toMatchObject(expected);
  });

  it('negated-wording: the failure texts served contain their pass words', async () => {
    target().setFaults(['negated-wording']);

    const html = (await rawRequest(checkPageUrl(target()))).body.toString();

    expect(html).toMatch(/nicht erfolgreich|not established|Not successful/);
  });

  it('js-loop: the check script spins forever once its checks have started', async () => {
    target().setFaults(['js-loop']);

    const html = (await rawRequest(checkPageUrl(target()))).body.toString();

    expect(html).toMatch(/for \(;;\) \{ \/\* fault js-loop \*\/ \}/);
    if (name !== 'a') expect(html).toContain(JS_LOOP_JS);
  });

  it('points its System-Check at its own endpoints', async () => {
    const html = (await rawRequest(checkPageUrl(target()))).body.toString();

    expect(target().wsUrl).toBe(`ws://127.0.0.1:${new URL(target().origin).port}${designOf(target()).paths.ws}`);
    expect(target().pingUrl).toBe(`${target().origin}${design.paths.http}`);
    expect(html).toContain(JSON.stringify(design.paths.ws));
    expect(html).toContain(JSON.stringify(design.paths.http));
  });
});
