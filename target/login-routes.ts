import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TargetContext } from './context';
import { hugeFiller, streamForever } from './hostile-pages';
import { BodyTooLargeError, readText, redirect, send, sendHtml, sleep } from './http-util';
import { errorPage, loginPage, logoutRequiredPage, START_PATH, startPage, systemCheckPage } from './pages';
import { PATHS } from './paths';
import { DEFAULT_POLICY, type BrowserPolicy } from './system-check-script';

/** A login form is a few hundred bytes; anything far larger is not a login. */
const MAX_FORM_BYTES = 16 * 1024;

/**
 * The login page under the login-page faults that replace it, applied in this order: `hang` (never
 * answer), `login-slow` (wait first), `http-500`, `redirect-loop`, `stream-forever`. Returns true
 * when a fault produced the answer (or withheld it); `huge-page` only pads the normal page.
 */
async function loginPageFault(req: IncomingMessage, res: ServerResponse, ctx: TargetContext): Promise<boolean> {
  const faults = ctx.faults();
  if (faults.has('hang')) return true;
  const slowMs = faults.valueOf('login-slow');
  if (slowMs !== undefined && !(await sleep(slowMs, ctx.signal))) return true;
  if (faults.has('http-500')) {
    sendHtml(res, 500, errorPage(500, 'Interner Serverfehler.'));
    return true;
  }
  if (faults.has('redirect-loop')) {
    send(res, 302, '', { Location: req.url ?? PATHS.login });
    return true;
  }
  if (faults.has('stream-forever')) {
    await streamForever(res, ctx.signal);
    return true;
  }
  return false;
}

async function showLoginPage(req: IncomingMessage, res: ServerResponse, ctx: TargetContext): Promise<void> {
  if (await loginPageFault(req, res, ctx)) return;
  if (ctx.sessions.isLoggedIn(req)) return redirect(res, START_PATH);
  const faults = ctx.faults();
  sendHtml(
    res,
    200,
    loginPage({
      systemCheckLink: !faults.has('no-system-check-link'),
      jsError: faults.has('js-error'),
      filler: faults.has('huge-page') ? hugeFiller() : undefined,
    }),
  );
}

async function submitLogin(req: IncomingMessage, res: ServerResponse, ctx: TargetContext): Promise<void> {
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(await readText(req, MAX_FORM_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendHtml(res, 413, errorPage(413, 'Anfrage zu groß.'));
    throw error;
  }
  if (ctx.sessions.accepts(form.get('username') ?? '', form.get('password') ?? '')) {
    return redirect(res, START_PATH, { 'Set-Cookie': ctx.sessions.open() });
  }
  const faults = ctx.faults();
  sendHtml(res, 200, loginPage({ systemCheckLink: !faults.has('no-system-check-link'), jsError: false, loginFailed: true }));
}

/** `/cgi-bin/xorg/crm.pl`: login page, login POST, `?action=start` and `?action=logout`. */
export async function handleCrm(req: IncomingMessage, res: ServerResponse, url: URL, ctx: TargetContext): Promise<void> {
  if (req.method === 'POST') return submitLogin(req, res, ctx);
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendHtml(res, 405, errorPage(405, 'Methode nicht erlaubt.'), { Allow: 'GET, HEAD, POST' });
  const action = url.searchParams.get('action');
  if (action === 'start') {
    return ctx.sessions.isLoggedIn(req) ? sendHtml(res, 200, startPage()) : redirect(res, PATHS.login);
  }
  if (action === 'logout') return redirect(res, PATHS.login, { 'Set-Cookie': ctx.sessions.close(req) });
  return showLoginPage(req, res, ctx);
}

function browserPolicy(ctx: TargetContext): BrowserPolicy {
  const faults = ctx.faults();
  if (faults.has('unsupported-browser')) return { minMajor: {}, acceptHeadless: false };
  return faults.has('reject-headless') ? { ...DEFAULT_POLICY, acceptHeadless: false } : DEFAULT_POLICY;
}

/** `/cgi-bin/xorg/systemcheck.pl`: the checks, or `#logout-required` for a logged-in browser. */
export function handleSystemCheck(req: IncomingMessage, res: ServerResponse, ctx: TargetContext): void {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendHtml(res, 405, errorPage(405, 'Methode nicht erlaubt.'), { Allow: 'GET, HEAD' });
  if (ctx.sessions.isLoggedIn(req)) return sendHtml(res, 200, logoutRequiredPage());
  const faults = ctx.faults();
  sendHtml(res, 200, systemCheckPage({ policy: browserPolicy(ctx), jsError: faults.has('js-error'), jsLoop: faults.has('js-loop') }));
}
