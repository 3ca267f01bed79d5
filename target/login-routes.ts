import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkSetup } from './check-setup';
import type { TargetContext } from './context';
import type { DesignPaths, PageDesign } from './designs/types';
import { reflectedCanvasPage, reflectedLoginPage, streamForever } from './hostile-pages';
import { BodyTooLargeError, readText, redirect, send, sendHtml, sleep } from './http-util';

/** A login form is a few hundred bytes; anything far larger is not a login. */
const MAX_FORM_BYTES = 16 * 1024;

type PageKind = 'login' | 'start' | 'logout' | 'system-check';

/** The path part of a design path (`/cgi-bin/xorg/crm.pl?action=start` → `/cgi-bin/xorg/crm.pl`). */
export function pathnameOf(path: string): string {
  return new URL(path, 'http://target.invalid').pathname;
}

/** True when `url` is at `path`'s pathname and carries every query parameter `path` names. */
function matches(url: URL, path: string): boolean {
  const wanted = new URL(path, 'http://target.invalid');
  if (wanted.pathname !== url.pathname) return false;
  return [...wanted.searchParams].every(([key, value]) => url.searchParams.get(key) === value);
}

function pageKind(url: URL, paths: DesignPaths): PageKind | undefined {
  if (matches(url, paths.start)) return 'start';
  if (matches(url, paths.logout)) return 'logout';
  if (paths.systemCheck !== undefined && matches(url, paths.systemCheck)) return 'system-check';
  return matches(url, paths.login) ? 'login' : undefined;
}

/** The pathnames the design's pages answer on (the login, start and logout pages may share one). */
export function pagePathnames(design: PageDesign): string[] {
  const { login, start, logout, systemCheck } = design.paths;
  return [...new Set([login, start, logout, ...(systemCheck ? [systemCheck] : [])].map(pathnameOf))];
}

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
    sendHtml(res, 500, ctx.design.pages.error(500, 'server'));
    return true;
  }
  if (faults.has('redirect-loop')) {
    send(res, 302, '', { Location: req.url ?? ctx.design.paths.login });
    return true;
  }
  if (faults.has('stream-forever')) {
    await streamForever(res, ctx.design.pages.loginOpening(checkSetup(faults, ctx.design)), ctx.signal);
    return true;
  }
  return false;
}

async function showLoginPage(req: IncomingMessage, res: ServerResponse, ctx: TargetContext): Promise<void> {
  if (await loginPageFault(req, res, ctx)) return;
  const { design } = ctx;
  if (ctx.sessions.isLoggedIn(req)) return redirect(res, design.paths.start);
  const faults = ctx.faults();
  const page = design.pages.login({
    systemCheckLink: !faults.has('no-system-check-link'),
    jsError: faults.has('js-error'),
    filler: faults.has('huge-page') ? design.pages.hugeFiller() : undefined,
    check: checkSetup(faults, design),
  });
  sendHtml(res, 200, page);
}

async function submitLogin(req: IncomingMessage, res: ServerResponse, ctx: TargetContext): Promise<void> {
  const { design } = ctx;
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(await readText(req, MAX_FORM_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendHtml(res, 413, design.pages.error(413, 'too-large'));
    throw error;
  }
  if (ctx.sessions.accepts(form.get(design.form.username) ?? '', form.get(design.form.password) ?? '')) {
    return redirect(res, design.paths.start, { 'Set-Cookie': ctx.sessions.open() });
  }
  const faults = ctx.faults();
  const typed = {
    username: form.get(design.form.username) ?? '',
    password: form.get(design.form.password) ?? '',
    action: design.paths.login,
    fields: design.form,
  };
  if (faults.has('reflect-password-canvas')) return sendHtml(res, 200, reflectedCanvasPage(typed));
  if (faults.has('reflect-password')) return sendHtml(res, 200, reflectedLoginPage(typed, design.name));
  const page = design.pages.login({
    systemCheckLink: !faults.has('no-system-check-link'),
    jsError: false,
    loginFailed: true,
    check: checkSetup(faults, design),
  });
  sendHtml(res, 200, page);
}

/** The System-Check page, or what a logged-in browser gets instead (as autocrm does). */
function showSystemCheck(req: IncomingMessage, res: ServerResponse, ctx: TargetContext): void {
  const { pages } = ctx.design;
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendHtml(res, 405, pages.error(405, 'method'), { Allow: 'GET, HEAD' });
  if (!pages.systemCheck) return sendHtml(res, 404, pages.error(404, 'not-found'));
  if (ctx.sessions.isLoggedIn(req) && pages.logoutRequired) return sendHtml(res, 200, pages.logoutRequired());
  sendHtml(res, 200, pages.systemCheck(checkSetup(ctx.faults(), ctx.design)));
}

/**
 * Every page of the active design: the login page and its POST, the start page, logout, and the
 * System-Check page where the design has one.
 */
export async function handlePage(req: IncomingMessage, res: ServerResponse, url: URL, ctx: TargetContext): Promise<void> {
  const { design } = ctx;
  const kind = pageKind(url, design.paths);
  if (kind === 'system-check') return showSystemCheck(req, res, ctx);
  const onLoginPath = url.pathname === pathnameOf(design.paths.login);
  if (req.method === 'POST' && onLoginPath) return submitLogin(req, res, ctx);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendHtml(res, 405, design.pages.error(405, 'method'), { Allow: onLoginPath ? 'GET, HEAD, POST' : 'GET, HEAD' });
  }
  if (kind === 'start') {
    return ctx.sessions.isLoggedIn(req) ? sendHtml(res, 200, design.pages.start()) : redirect(res, design.paths.login);
  }
  if (kind === 'logout') return redirect(res, design.paths.login, { 'Set-Cookie': ctx.sessions.close(req) });
  if (kind === 'login') return showLoginPage(req, res, ctx);
  sendHtml(res, 404, design.pages.error(404, 'not-found'));
}
