import { PATHS } from './paths';
import { JS_ERROR_MESSAGE, systemCheckScript, type SystemCheckScriptOptions } from './system-check-script';

export const START_PATH = `${PATHS.login}?action=start`;
export const LOGOUT_PATH = `${PATHS.login}?action=logout`;

const STYLE = `
  body { font-family: Arial, Helvetica, sans-serif; margin: 0; min-height: 100vh; background: #f3f5f7; color: #1d2733; }
  main { max-width: 420px; margin: 12vh auto 0; background: #fff; padding: 32px; border-radius: 6px; box-shadow: 0 1px 4px #0002; }
  label { display: block; margin: 12px 0 4px; }
  input { width: 100%; box-sizing: border-box; padding: 8px; }
  button { margin-top: 16px; padding: 8px 24px; }
  footer { position: fixed; left: 16px; bottom: 12px; font-size: 13px; }
  .verdict { margin: 8px 0; padding: 8px; border-left: 4px solid #999; }
  .verdict[data-state="ok"] { border-color: #2a8a2a; }
  .verdict[data-state="fail"] { border-color: #c02020; }
  .error { color: #c02020; }`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export interface LoginPageOptions {
  readonly systemCheckLink: boolean;
  readonly jsError: boolean;
  readonly loginFailed?: boolean;
  /** Extra markup after the form (the `huge-page` filler). */
  readonly filler?: string;
}

/** The body of the login page up to and including the footer; `stream-forever` sends only this. */
export function loginBody(options: LoginPageOptions): string {
  const error = options.loginFailed ? '<p id="login-error" class="error">Benutzername oder Passwort ist falsch.</p>\n' : '';
  const link = options.systemCheckLink
    ? `<footer><a id="system-check-link" href="${PATHS.systemCheck}">System-Check</a></footer>`
    : '<footer></footer>';
  return `<main>
<h1>autocrm</h1>
${error}<form id="login-form" method="post" action="${PATHS.login}">
<label for="username">Benutzername</label>
<input id="username" name="username" type="text" autocomplete="username" required>
<label for="password">Passwort</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button id="login-submit" type="submit">Anmelden</button>
</form>
</main>
${link}
`;
}

/** The whole login page document (with the `js-error` script and the `huge-page` filler when asked). */
export function loginPage(options: LoginPageOptions): string {
  const script = options.jsError ? `<script>throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)});</script>\n` : '';
  return layout('autocrm - Anmeldung', `${loginBody(options)}${options.filler ?? ''}${script}`);
}

/** The opening of the login page document, for responses that never finish (`stream-forever`). */
export function loginPageOpening(): string {
  return layout('autocrm - Anmeldung', loginBody({ systemCheckLink: true, jsError: false })).replace(/<\/body>[\s\S]*$/, '');
}

/** The page a successful login lands on, with the logout link. */
export function startPage(): string {
  return layout(
    'autocrm - Start',
    `<main id="start-page">
<h1>Willkommen bei autocrm</h1>
<p>Sie sind angemeldet.</p>
<a id="logout" href="${LOGOUT_PATH}">Abmelden</a>
</main>`,
  );
}

export type SystemCheckPageOptions = SystemCheckScriptOptions;

function verdict(id: string, label: string): string {
  return `<div class="verdict"><strong>${label}:</strong> <span id="${id}" data-state="pending">wird geprüft …</span></div>`;
}

/** The System-Check page: three pending verdicts and the script that decides them. */
export function systemCheckPage(options: SystemCheckPageOptions): string {
  return layout(
    'autocrm - System-Check',
    `<main id="system-check">
<h1>autocrm System-Check</h1>
${verdict('check-browser', 'Browser')}
<p id="browser-detail"></p>
${verdict('check-websocket', 'WebSocket')}
${verdict('check-http', 'HTTP')}
<p><a href="${PATHS.login}">Zurück zur Anmeldung</a></p>
</main>
<script>${systemCheckScript(options)}</script>`,
  );
}

/** What the System-Check shows instead of its checks while the browser is logged in (as autocrm does). */
export function logoutRequiredPage(): string {
  return layout(
    'autocrm - System-Check',
    `<main id="system-check">
<h1>autocrm System-Check</h1>
<p id="logout-required">Sie sind angemeldet. Bitte melden Sie sich ab, um zum System-Check zu gelangen.</p>
<a id="logout" href="${LOGOUT_PATH}">Abmelden</a>
</main>`,
  );
}

/** A minimal German error page for `status`. */
export function errorPage(status: number, message: string): string {
  return layout(`autocrm - Fehler ${status}`, `<main id="error-page"><h1>Fehler ${status}</h1><p>${message}</p></main>`);
}
