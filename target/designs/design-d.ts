import { repeatedFiller } from '../hostile-pages';
import { JS_ERROR_MESSAGE } from '../system-check-script';
import { POPUP_TEXTS, popupCheckScript } from './design-d-script';
import type { CheckName, CheckSetup, DesignPaths, ErrorReason, LoginPageOptions, PageDesign } from './types';

const PATHS_D: DesignPaths = {
  login: '/auth/login',
  start: '/auth/welcome',
  logout: '/auth/bye',
  systemCheck: '/tools/system-check',
  ws: '/ws/v1/echo',
  http: '/ajax/alive',
};

const STYLE = `
  body { font: 14px Georgia, serif; margin: 0; background: #f7f4ee; color: #2b2b2b; }
  .frame { max-width: 380px; margin: 10vh auto; padding: 24px; background: #fff; border: 1px solid #d8d0c0; }
  .fields input { display: block; width: 100%; margin: 8px 0; padding: 7px; box-sizing: border-box; }
  .go { padding: 7px 18px; }
  .alert-line { color: #9b2c2c; }
  .corner { position: fixed; left: 10px; bottom: 10px; font-size: 12px; }
  .results dt { font-weight: bold; margin-top: 10px; }
  .outcome-success { color: #276749; }
  .outcome-error { color: #9b2c2c; }`;

function doc(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The corner of the login page: the button opens the System-Check in a popup window. */
function corner(systemCheckLink: boolean): string {
  const button = systemCheckLink
    ? `<button type="button" class="corner-button" data-href="${PATHS_D.systemCheck}">Run System Check</button> · `
    : '';
  const opener = `<script>
(function () {
  var button = document.querySelector('button.corner-button');
  if (button) button.addEventListener('click', function () {
    window.open(button.getAttribute('data-href'), 'systemcheck', 'popup,width=960,height=720');
  });
})();
</script>`;
  return `<aside class="corner">${button}<a href="mailto:privacy@autocrm.invalid">Privacy</a></aside>\n${opener}\n`;
}

function accessBox(loginFailed: boolean): string {
  const alert = loginFailed ? '<p class="alert-line" role="alert">Login rejected. Check your account ID and passphrase.</p>\n' : '';
  return `<div class="frame" role="main">
<h1>Account access</h1>
${alert}<form class="access" method="post" action="${PATHS_D.login}">
<div class="fields">
<input name="account" type="text" aria-label="Account ID" placeholder="Account ID" autocomplete="username" required>
<input name="pass" type="password" aria-label="Passphrase" placeholder="Passphrase" autocomplete="current-password" required>
</div>
<button class="go" type="submit">Continue</button>
</form>
</div>`;
}

function loginPage(options: LoginPageOptions): string {
  const thrown = options.jsError ? `<script>throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)});</script>\n` : '';
  return doc(
    'autocrm | Account access',
    `${accessBox(options.loginFailed ?? false)}\n${corner(options.systemCheckLink)}${options.filler ?? ''}${thrown}`,
  );
}

const TERMS: Readonly<Record<CheckName, string>> = { browser: 'Browser', websocket: 'WebSocket', http: 'HTTP' };

function checkPage(setup: CheckSetup): string {
  const entries = (['browser', 'websocket', 'http'] as const)
    .map(
      (name) =>
        `<dt>${TERMS[name]}</dt>\n<dd data-verdict="${name}" data-outcome="waiting" class="outcome-waiting">${POPUP_TEXTS.pending}</dd>`,
    )
    .join('\n');
  return doc(
    'autocrm | Workstation test',
    `<div class="frame" role="main">
<h1>Workstation test</h1>
<p>This window checks your browser and its connections.</p>
<dl class="results">
${entries}
</dl>
<button type="button" class="closer" onclick="window.close()">Close window</button>
</div>
<script>${popupCheckScript(setup, PATHS_D)}</script>`,
  );
}

const ERROR_TEXTS: Readonly<Record<ErrorReason, string>> = {
  'not-found': 'Nothing here.',
  server: 'Something broke on our side.',
  method: 'Method refused.',
  'too-large': 'Too much data sent.',
};

/**
 * Design d: English, labels only as `aria-label`/placeholder, no ids. A "Run System Check" button
 * (no link, no href) opens the System-Check with `window.open` in a popup; its verdicts stand in a
 * definition list beside the term that names each check, each as soon as its check ends; the HTTP
 * check is an XMLHttpRequest and the WebSocket check a binary echo.
 */
export const DESIGN_D: PageDesign = {
  name: 'd',
  summary: 'English definition list; a "Run System Check" button opens a popup (window.open)',
  paths: PATHS_D,
  form: { username: 'account', password: 'pass' },
  defaultVerdictDelayMs: 0,
  httpAnswer: { contentType: 'application/json', ok: '{"alive":true}', fail: '{"alive":false}' },
  pages: {
    login: loginPage,
    loginOpening: () => doc('autocrm | Account access', `${accessBox(false)}\n${corner(true)}`).replace(/<\/body>[\s\S]*$/, ''),
    start: () =>
      doc(
        'autocrm | Welcome',
        `<div class="frame" role="main">\n<h1>Welcome</h1>\n<p>Access granted.</p>\n<a class="logout-link" href="${PATHS_D.logout}">Log out</a>\n</div>`,
      ),
    logoutRequired: () =>
      doc(
        'autocrm | Workstation test',
        `<div class="frame" role="main">\n<p class="alert-line">You are still logged in. Log out first to run the workstation test.</p>\n<a class="logout-link" href="${PATHS_D.logout}">Log out</a>\n</div>`,
      ),
    systemCheck: checkPage,
    error: (status, reason) =>
      doc(
        `autocrm | Problem ${status}`,
        `<div class="frame trouble" role="main">\n<h1>Problem</h1>\n<p>${ERROR_TEXTS[reason]} (${status})</p>\n</div>`,
      ),
    hugeFiller: () => repeatedFiller('<noscript>', 'Filler text of the huge-page fault; it repeats over and over.\n', '</noscript>'),
  },
  contract: {
    linkBehaviour: 'new-tab',
    linkRole: 'button',
    linkSelector: 'aside button.corner-button',
    linkText: 'Run System Check',
    login: {
      usernameSelector: 'form.access input[name="account"]',
      passwordSelector: 'form.access input[name="pass"]',
      submitSelector: 'form.access button[type="submit"]',
      successSelector: 'a.logout-link',
      logoutSelector: 'a.logout-link',
    },
    verdicts: {
      browser: 'dd[data-verdict="browser"]',
      websocket: 'dd[data-verdict="websocket"]',
      http: 'dd[data-verdict="http"]',
    },
    stateAttribute: 'data-outcome',
    states: { pending: 'waiting', ok: 'success', fail: 'error' },
    language: 'en',
  },
};
