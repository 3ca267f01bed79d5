import { repeatedFiller } from '../hostile-pages';
import { JS_ERROR_MESSAGE } from '../system-check-script';
import { LIST_CHECK_HASH, listCheckScript } from './design-b-script';
import type { DesignPaths, ErrorReason, LoginPageOptions, PageDesign } from './types';

const PATHS_B: DesignPaths = {
  login: '/app/login',
  start: '/app/home',
  logout: '/app/logout',
  ws: '/live/echo',
  http: '/status',
};

const STYLE = `
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #fff; color: #222; }
  .shell { display: flex; flex-direction: column; min-height: 100vh; }
  .masthead { padding: 14px 28px; background: #0b3954; color: #fff; }
  .brand { font-weight: 700; margin-right: 12px; }
  .panel { flex: 1; max-width: 520px; margin: 40px auto; }
  .signin label { display: block; margin: 10px 0; }
  .signin input { display: block; width: 100%; padding: 6px; }
  .primary { padding: 8px 20px; background: #0b3954; color: #fff; border: 0; }
  .notice { background: #fff3cd; padding: 8px; }
  .checklist { list-style: none; padding: 0; }
  .check-row { padding: 6px 10px; margin: 4px 0; background: #eee; }
  .check-row.good { background: #d8f3dc; }
  .check-row.bad { background: #ffd6d6; }
  .site-foot { padding: 10px 28px; border-top: 1px solid #ddd; font-size: 13px; }
  .foot-links { list-style: none; margin: 0; padding: 0; display: flex; gap: 18px; }`;

function shell(title: string, panel: string, extra = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="shell">
<header class="masthead"><span class="brand">autocrm</span><span class="tagline">Dealer CRM</span></header>
<section class="panel">
${panel}
</section>
${extra}</div>
</body>
</html>
`;
}

function footer(systemCheckLink: boolean): string {
  const check = systemCheckLink ? `<li><a href="${LIST_CHECK_HASH}">System check</a></li>` : '';
  return `<footer class="site-foot"><ul class="foot-links"><li><a href="mailto:support@autocrm.invalid">Contact support</a></li>${check}</ul></footer>\n`;
}

function signInPanel(loginFailed: boolean): string {
  const notice = loginFailed ? '<p class="notice" role="alert">That user name and password do not match.</p>\n' : '';
  return `<h2>Welcome back</h2>
${notice}<form class="signin" method="post" action="${PATHS_B.login}">
<label>User name <input name="login" type="text" autocomplete="username" required></label>
<label>Password <input name="secret" type="password" autocomplete="current-password" required></label>
<button class="primary" type="submit">Sign in</button>
</form>`;
}

function loginPage(options: LoginPageOptions): string {
  const thrown = options.jsError ? `<script>throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)});</script>\n` : '';
  const extra = `${footer(options.systemCheckLink)}${options.filler ?? ''}${thrown}<script>${listCheckScript(options.check, PATHS_B)}</script>\n`;
  return shell('autocrm · Sign in', signInPanel(options.loginFailed ?? false), extra);
}

const ERROR_TEXTS: Readonly<Record<ErrorReason, string>> = {
  'not-found': 'This page does not exist.',
  server: 'The server ran into a problem.',
  method: 'This method is not allowed here.',
  'too-large': 'The request is too large.',
};

/**
 * Design b: English, no ids at all; the sign-in form's fields are wrapped in their labels, the
 * footer's "System check" link swaps the panel for an unnumbered list of checks in place (no
 * navigation); verdicts carry `data-result` and a good/bad class.
 */
export const DESIGN_B: PageDesign = {
  name: 'b',
  summary: 'English list without ids; the "System check" footer link runs the checks in place',
  paths: PATHS_B,
  form: { username: 'login', password: 'secret' },
  defaultVerdictDelayMs: 0,
  httpAnswer: { contentType: 'application/json', ok: '{"status":"up"}', fail: '{"status":"down"}' },
  pages: {
    login: loginPage,
    loginOpening: (check) => loginPage({ systemCheckLink: true, jsError: false, check }).replace(/<\/div>\s*<\/body>[\s\S]*$/, ''),
    start: () =>
      shell(
        'autocrm · Dashboard',
        `<h2>Dashboard</h2>\n<p>You are signed in.</p>\n<a class="sign-out" href="${PATHS_B.logout}">Sign out</a>`,
      ),
    error: (status, reason) =>
      shell(`autocrm · Error ${status}`, `<h2>Something went wrong</h2>\n<p>Status ${status}: ${ERROR_TEXTS[reason]}</p>`),
    hugeFiller: () =>
      repeatedFiller('<template class="bulk">', 'Padding for the huge-page fault, repeated many, many times over.\n', '</template>'),
  },
  contract: {
    linkBehaviour: 'in-place',
    linkRole: 'link',
    linkSelector: `footer a[href="${LIST_CHECK_HASH}"]`,
    linkText: 'System check',
    login: {
      usernameSelector: 'form.signin input[name="login"]',
      passwordSelector: 'form.signin input[type="password"]',
      submitSelector: 'form.signin button[type="submit"]',
      successSelector: 'a.sign-out',
      logoutSelector: 'a.sign-out',
    },
    verdicts: {
      browser: 'ul.checklist > li:nth-child(1)',
      websocket: 'ul.checklist > li:nth-child(2)',
      http: 'ul.checklist > li:nth-child(3)',
    },
    stateAttribute: 'data-result',
    states: { pending: 'running', ok: 'pass', fail: 'fail' },
    language: 'en',
  },
};
