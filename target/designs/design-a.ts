import { hugeFiller } from '../hostile-pages';
import { errorPage, LOGOUT_PATH, loginPage, loginPageOpening, logoutRequiredPage, START_PATH, startPage, systemCheckPage } from '../pages';
import { PATHS } from '../paths';
import type { ErrorReason, PageDesign } from './types';

const ERROR_TEXTS: Readonly<Record<ErrorReason, string>> = {
  'not-found': 'Seite nicht gefunden.',
  server: 'Interner Serverfehler.',
  method: 'Methode nicht erlaubt.',
  'too-large': 'Anfrage zu groß.',
};

/**
 * Design a, the default: autocrm's own page as the seed describes it. German, ids everywhere, the
 * `System-Check` link at the bottom left navigates to the System-Check page.
 */
export const DESIGN_A: PageDesign = {
  name: 'a',
  summary: "autocrm's page (default): German, ids, the System-Check link navigates",
  paths: {
    login: PATHS.login,
    start: START_PATH,
    logout: LOGOUT_PATH,
    systemCheck: PATHS.systemCheck,
    ws: PATHS.ws,
    http: PATHS.ping,
  },
  form: { username: 'username', password: 'password' },
  defaultVerdictDelayMs: 0,
  httpAnswer: { contentType: 'application/json', ok: '{"ok":true}', fail: '{"ok":false}' },
  pages: {
    login: (options) => loginPage(options),
    loginOpening: loginPageOpening,
    start: startPage,
    logoutRequired: logoutRequiredPage,
    systemCheck: (setup) => systemCheckPage(setup),
    error: (status, reason) => errorPage(status, ERROR_TEXTS[reason]),
    hugeFiller,
  },
  contract: {
    linkBehaviour: 'navigate',
    linkRole: 'link',
    linkSelector: '#system-check-link',
    linkText: 'System-Check',
    login: {
      usernameSelector: '#username',
      passwordSelector: '#password',
      submitSelector: '#login-submit',
      successSelector: '#start-page',
      logoutSelector: '#logout',
    },
    verdicts: { browser: '#check-browser', websocket: '#check-websocket', http: '#check-http' },
    stateAttribute: 'data-state',
    states: { pending: 'pending', ok: 'ok', fail: 'fail' },
    language: 'de',
  },
};
