import { repeatedFiller } from '../hostile-pages';
import { JS_ERROR_MESSAGE } from '../system-check-script';
import { TABLE_TEXTS, tableCheckScript } from './design-c-script';
import type { CheckName, CheckSetup, DesignPaths, ErrorReason, LoginPageOptions, PageDesign } from './types';

const PATHS_C: DesignPaths = {
  login: '/portal/anmelden',
  start: '/portal/uebersicht',
  logout: '/portal/abmelden',
  systemCheck: '/portal/systemcheck',
  ws: '/sockets/pruefung',
  http: '/portal/erreichbarkeit',
};

/** How long design c's verdicts take unless `verdict-delay` says otherwise: its checks "take a few seconds". */
export const TABLE_VERDICT_DELAY_MS = 3_000;

const STYLE = `
  body { font-family: Verdana, sans-serif; font-size: 12px; background: #dfe6ee; margin: 0; }
  table.rahmen { width: 100%; height: 100vh; border-collapse: collapse; }
  td.kopf { background: #7a1f1f; color: #fff; font-size: 18px; padding: 10px 16px; height: 40px; }
  td.inhalt { vertical-align: top; padding: 40px; }
  td.fuss { height: 24px; padding: 6px 16px; background: #c8d2dc; }
  table.eingabe th { text-align: right; font-weight: normal; padding: 4px 8px; }
  input.knopf { margin-top: 8px; }
  p.meldung { color: #7a1f1f; font-weight: bold; }
  table.pruefliste { border-collapse: collapse; background: #fff; }
  table.pruefliste th, table.pruefliste td { border: 1px solid #9aa8b6; padding: 6px 10px; text-align: left; }
  td.symbol { font-size: 16px; text-align: center; }`;

function frame(title: string, content: string, foot = '', tail = ''): string {
  return `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<table class="rahmen" role="presentation">
<tr><td class="kopf">autocrm Händlerportal</td></tr>
<tr><td class="inhalt">
${content}
</td></tr>
<tr><td class="fuss">${foot}</td></tr>
</table>
${tail}</body>
</html>
`;
}

function foot(systemCheckLink: boolean): string {
  const link = systemCheckLink ? ` | <a class="fusslink" href="${PATHS_C.systemCheck}" target="_blank">Systemcheck</a>` : '';
  return `<a class="fusslink" href="mailto:kontakt@autocrm.invalid">Kontakt</a>${link}`;
}

function accessForm(loginFailed: boolean): string {
  const message = loginFailed ? '<p class="meldung">Kennung oder Kennwort unbekannt.</p>\n' : '';
  return `${message}<form name="zugang" class="zugangsformular" method="post" action="${PATHS_C.login}">
<table class="eingabe">
<tr><th><label for="f-kennung">Kennung</label></th><td><input id="f-kennung" name="kennung" type="text" autocomplete="username" required></td></tr>
<tr><th><label for="f-kennwort">Kennwort</label></th><td><input id="f-kennwort" name="kennwort" type="password" autocomplete="current-password" required></td></tr>
<tr><td></td><td><input class="knopf" type="submit" value="Einloggen"></td></tr>
</table>
</form>`;
}

function loginPage(options: LoginPageOptions): string {
  const thrown = options.jsError ? `<script>throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)});</script>\n` : '';
  return frame(
    'Händlerportal – Login',
    accessForm(options.loginFailed ?? false),
    foot(options.systemCheckLink),
    `${options.filler ?? ''}${thrown}`,
  );
}

const ROW_LABELS: Readonly<Record<CheckName, string>> = {
  browser: 'Webbrowser',
  websocket: 'WebSocket-Verbindung',
  http: 'HTTP-Verbindung',
};

function pendingRow(name: CheckName): string {
  return `<tr data-pruefung="${name}"><th scope="row">${ROW_LABELS[name]}</th><td class="symbol"><span role="img" aria-label="${TABLE_TEXTS.labelPending}">${TABLE_TEXTS.iconPending}</span></td><td class="ergebnis" data-status="offen">${TABLE_TEXTS.pending}</td><td class="details"></td></tr>`;
}

function checkPage(setup: CheckSetup): string {
  const rows = (['browser', 'websocket', 'http'] as const).map(pendingRow).join('\n');
  return frame(
    'Händlerportal – Systemcheck',
    `<h1>Systemcheck Ihres Arbeitsplatzes</h1>
<p class="hinweis">Die Prüfung dauert einige Sekunden.</p>
<table class="pruefliste">
<thead><tr><th>Prüfpunkt</th><th>Status</th><th>Ergebnis</th><th>Details</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
    '',
    `<script>${tableCheckScript(setup, PATHS_C)}</script>\n`,
  );
}

const ERROR_TEXTS: Readonly<Record<ErrorReason, string>> = {
  'not-found': 'Diese Adresse gibt es im Portal nicht.',
  server: 'Im Portal ist eine Störung aufgetreten.',
  method: 'Diese Anfrageart wird hier nicht angenommen.',
  'too-large': 'Die Anfrage übersteigt die erlaubte Größe.',
};

/**
 * Design c: German in an old-style layout table. The footer's "Systemcheck" link opens the
 * System-Check in a new tab (`target=_blank`); its checks sit in a table whose verdicts arrive
 * after 3 s, each with a ✓/✗ icon and an aria-label.
 */
export const DESIGN_C: PageDesign = {
  name: 'c',
  summary: 'German table; the "Systemcheck" link opens a new tab; verdicts after 3 s with ✓/✗ icons',
  paths: PATHS_C,
  form: { username: 'kennung', password: 'kennwort' },
  defaultVerdictDelayMs: TABLE_VERDICT_DELAY_MS,
  httpAnswer: { contentType: 'text/plain; charset=utf-8', ok: 'pong\n', fail: 'gestört\n' },
  pages: {
    login: loginPage,
    loginOpening: () => frame('Händlerportal – Login', accessForm(false), foot(true)).replace(/<\/table>\s*<\/body>[\s\S]*$/, ''),
    start: () =>
      frame(
        'Händlerportal – Übersicht',
        `<h1>Übersicht</h1>\n<p>Eingeloggt.</p>\n<a class="ausloggen" href="${PATHS_C.logout}">Ausloggen</a>`,
      ),
    logoutRequired: () =>
      frame(
        'Händlerportal – Systemcheck',
        `<p class="meldung">Sie sind noch eingeloggt. Bitte loggen Sie sich aus, dann können Sie den Systemcheck starten.</p>\n<a class="ausloggen" href="${PATHS_C.logout}">Ausloggen</a>`,
      ),
    systemCheck: checkPage,
    error: (status, reason) =>
      frame(`Händlerportal – Störung ${status}`, `<h1>Störung</h1>\n<p>Status ${status}: ${ERROR_TEXTS[reason]}</p>`),
    hugeFiller: () =>
      repeatedFiller(
        '<div style="display:none">',
        'Platzhalter für den Fehlerfall huge-page – diese Zeile kommt sehr oft vor.\n',
        '</div>',
      ),
  },
  contract: {
    linkBehaviour: 'new-tab',
    linkRole: 'link',
    linkSelector: `a[href="${PATHS_C.systemCheck}"][target="_blank"]`,
    linkText: 'Systemcheck',
    login: {
      usernameSelector: 'input[name="kennung"]',
      passwordSelector: 'input[name="kennwort"]',
      submitSelector: 'form[name="zugang"] input[type="submit"]',
      successSelector: 'a.ausloggen',
      logoutSelector: 'a.ausloggen',
    },
    verdicts: {
      browser: 'tr[data-pruefung="browser"] td.ergebnis',
      websocket: 'tr[data-pruefung="websocket"] td.ergebnis',
      http: 'tr[data-pruefung="http"] td.ergebnis',
    },
    stateAttribute: 'data-status',
    states: { pending: 'offen', ok: 'bestanden', fail: 'durchgefallen' },
    language: 'de',
  },
};
