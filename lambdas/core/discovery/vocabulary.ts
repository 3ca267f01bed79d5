/**
 * The words a System-Check page uses, German and English: what names each check, what says a check
 * passed, failed or is still running, and what negates. Plain regular-expression sources, so the same
 * lists judge a text here (judge-verdict.ts) and find verdict elements inside the page (the engine
 * passes them in as data). Matched case-insensitively with the `u` flag.
 */

/** The three checks of a System-Check, in the order a user reads them. */
export const CHECK_NAMES = ['browser', 'websocket', 'http'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** Start and end of a whole word; `\b` is ASCII-only and breaks on umlauts ("unterstützt"). */
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';

function words(list: readonly string[]): string {
  return `${START}(?:${list.join('|')})${END}`;
}

/**
 * What names each check in a verdict's text. German compounds count ("Webbrowser",
 * "Browserprüfung", "Websocketverbindung"); HTTP is a word of its own, never the scheme of a URL.
 */
export const CHECK_NAME_SOURCES: Readonly<Record<CheckName, string>> = {
  browser: 'browser',
  websocket: 'web[\\s-]?socket',
  http: `${START}https?(?![\\p{L}\\p{N}]|:\\/\\/)`,
};

/** Still running: "wird geprüft", "bitte warten", "checking", an ellipsis, an hourglass. */
export const PENDING_SOURCE = [
  words([
    'wird (?:noch |gerade )?(?:geprüft|getestet|ermittelt|geladen|aufgebaut|hergestellt)',
    'prüfe',
    'prüfung läuft',
    'läuft',
    'lädt',
    'bitte warten',
    'einen moment',
    'checking',
    'loading',
    'please wait',
    'in progress',
    'pending',
    'running',
    'connecting',
    'verbinde',
    'warte(?:t|n)?',
    'waiting',
  ]),
  '…',
  '\\.{3}',
  '[⏳⌛]',
].join('|');

/** A check passed: the word itself, never a part of a longer word ("unsupported" is not "supported"). */
export const PASS_SOURCE = words([
  'unterstützt',
  'erfolgreich',
  'fehlerfrei',
  'fehlerlos',
  'aufgebaut',
  'hergestellt',
  'verbunden',
  'bestanden',
  'in ordnung',
  'verfügbar',
  'erreichbar',
  'geeignet',
  'kompatibel',
  'funktioniert',
  'zugelassen',
  'möglich',
  'possible',
  'ok',
  'okay',
  'supported',
  'success',
  'successful(?:ly)?',
  'succeeded',
  'established',
  'connected',
  'passed',
  'available',
  'reachable',
  'works',
  'working',
  'compatible',
  'allowed',
]);

/** A check failed, wherever the word stands in the text. */
export const FAIL_SOURCE = words([
  'fehlgeschlagen',
  // "Fehlermeldung", "Fehlercode"; "fehlerfrei" / "fehlerlos" (error-free) are pass words
  'fehler(?!frei|los)\\p{L}*',
  'fehlerhaft',
  'gescheitert',
  'abgelehnt',
  'gestört',
  'störung',
  'unterbrochen',
  'zeitüberschreitung',
  'blockiert',
  'veraltet',
  'ungültig',
  'ungeeignet',
  'inkompatibel',
  'durchgefallen',
  'un(?:erreichbar|verfügbar|zulässig)',
  'fail(?:s|ed|ure|ing)?',
  'errors?',
  'un(?:supported|available|reachable|successful|known browser)',
  'incompatible',
  'refused',
  'rejected',
  'denied',
  'blocked',
  'timed out',
  'time-?out',
  'disconnected',
  'broken',
  'outdated',
  'invalid',
]);

/** Words that negate what stands near them: "nicht unterstützt", "konnte nicht", "not established". */
export const NEGATION_SOURCE = words([
  'nicht',
  'nichts',
  'kein(?:e|en|er|em|es)?',
  'nie',
  'niemals',
  'nein',
  'ohne',
  'not',
  'no',
  'never',
  'none',
  'cannot',
  'unable',
  'without',
  "\\p{L}+n[’']t",
]);

/** Words that join two clauses: a negation opening the first one does not reach into the second. */
export const JOIN_SOURCE = words(['und', 'oder', 'aber', 'sowie', 'sondern', 'doch', 'jedoch', 'and', 'or', 'but']);

/** What splits a text into clauses: a negation only counts within the clause of the word it negates. */
export const CLAUSE_BREAK_SOURCE = '[.!?;|()\\[\\]\\n]';

/** Icons that stand for a failed check; a ✓ only agrees with a text, it never passes one on its own. */
export const FAIL_ICON_SOURCE = '[✗✘✕✖❌⛔⚠]';

/** Class names and state attribute values that stand for a verdict (`ok`, `is-error`, `check--failed`). */
export const PASS_STATE_SOURCE = words(['ok', 'okay', 'success', 'successful', 'good', 'pass', 'passed', 'valid', 'green', 'bestanden']);
export const FAIL_STATE_SOURCE = words([
  'error',
  'fail',
  'failed',
  'failure',
  'bad',
  'danger',
  'invalid',
  'red',
  'nok',
  'not-ok',
  'durchgefallen',
  'fehler',
]);

/**
 * How a System-Check link is named: "System-Check", "Systemcheck", "System Check" (any case) in its
 * accessible name; "systemcheck" / "system-check" / "system_check" in its href.
 */
export const SYSTEM_CHECK_NAME_SOURCE = 'system[\\s\\u00a0_-]?check';
export const SYSTEM_CHECK_HREF_SOURCE = 'system[-_]?check';

/** A page that shows the login form again instead of the checks: the browser is still logged in. */
export const LOGGED_IN_SOURCE = [
  '(?:melden|loggen) sie sich (?:bitte |zuerst |erst )?(?:ab|aus)',
  'bitte (?:abmelden|ausloggen)',
  '(?:log|sign) (?:out|off) first',
  'please (?:log|sign) (?:out|off)',
  'you are (?:still )?(?:logged|signed) in',
].join('|');

/** Builds a case-insensitive Unicode RegExp from one of the sources above. */
export function vocabularyRegExp(source: string, global = false): RegExp {
  return new RegExp(source, global ? 'giu' : 'iu');
}
