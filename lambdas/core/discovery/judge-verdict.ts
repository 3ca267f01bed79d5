/**
 * Judges one System-Check verdict text, German and English, negation first: a pure function the
 * engine calls once the page has settled, and the place a false pass would come from — so it is
 * strict. "nicht erfolgreich", "konnte nicht aufgebaut werden", "failed", "not supported" fail
 * whatever `ok` pattern a config gives (unless the pattern itself names the negated form); a text
 * that says neither pass nor fail is `unclear`, never a pass.
 */
import {
  CLAUSE_BREAK_SOURCE,
  FAIL_ICON_SOURCE,
  FAIL_SOURCE,
  FAIL_STATE_SOURCE,
  JOIN_SOURCE,
  NEGATION_SOURCE,
  PASS_SOURCE,
  PASS_STATE_SOURCE,
  PENDING_SOURCE,
  vocabularyRegExp,
} from './vocabulary';

export type VerdictOutcome = 'pass' | 'fail' | 'pending' | 'unclear';

/** What else the verdict element carries besides its text; each may support the judgement, none decides a pass. */
export interface VerdictHints {
  /** `aria-label` / `title` texts of the element and its descendants. */
  readonly labels?: readonly string[];
  /** Class names and state attribute values (`data-state="ok"`) of the element and its descendants. */
  readonly states?: readonly string[];
}

export interface JudgeOptions {
  /** A configured regular expression (case-insensitive) meaning OK; replaces the built-in pass words. */
  readonly ok?: string;
  /** A configured regular expression (case-insensitive) meaning "still running"; replaces the built-in pending words. */
  readonly pending?: string;
  readonly hints?: VerdictHints;
}

export interface VerdictJudgement {
  readonly outcome: VerdictOutcome;
  /** Why, in a few words: the deciding word, or what was missing. */
  readonly reason: string;
}

/** Most words between a negation and the word it negates ("konnte die Verbindung nicht erfolgreich …"). */
const MAX_WORDS_BEFORE = 3;
/** A trailing negation negates the word right before it ("unterstützt: nein", "supported? no"). */
const MAX_WORDS_AFTER = 1;
/** Between a clause's negation and what it negates there is no comma or dash either. */
const SOFT_BREAK = /[,–—]|\s-\s/u;
const STRONG_BREAK = new RegExp(CLAUSE_BREAK_SOURCE, 'u');
/** A question and its answer are one clause for a trailing negation ("Unterstützt? Nein", "Supported? No"). */
const QUESTION_MARKS = /\?/gu;
/** A trailing negation's answer ends at any break: "Unterstützt: nein, leider nicht" answers with "nein". */
const ANSWER_END = new RegExp(`${CLAUSE_BREAK_SOURCE}|${SOFT_BREAK.source}`, 'u');
const WORD = /[\p{L}\p{N}]+/gu;
/**
 * A clause that opens with a negation negates its whole self, however far the pass word ("Keine
 * WebSocket-Verbindung zum Server aufgebaut", "None of the servers reachable") — except these:
 * "ohne"/"without" are as often a preposition ("Ohne Proxy direkt verbunden"), "nein" an answer.
 */
const NOT_CLAUSE_NEGATION = /^(?:ohne|without|nein)$/iu;
/** Where such a clause ends besides a clause break, comma or dash: a colon or a joining word. */
const CLAUSE_JOIN = new RegExp(`:|${JOIN_SOURCE}`, 'iu');

interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function spans(source: string, text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(vocabularyRegExp(source, true))) {
    if (match[0].length === 0) continue;
    found.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return found;
}

function wordsIn(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

function inside(span: Span, outer: readonly Span[]): boolean {
  return outer.some((o) => span.start >= o.start && span.end <= o.end);
}

/** The whitespace-collapsed, trimmed text a judgement quotes. */
export function normalizeVerdictText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

interface Words {
  readonly text: string;
  readonly pass: readonly Span[];
  readonly fail: readonly Span[];
  readonly negations: readonly Span[];
  /**
   * Words that fail the text when negated: the pass words, and with a configured `ok` also the
   * built-in ones it does not cover ("nicht unterstützt" fails a text whose `ok` is "erfolgreich").
   */
  readonly negatable: readonly Span[];
}

/** Whether the negation `n` is the first word of its clause, or of what follows a label's colon ("HTTP: keine …"). */
function opensClause(words: Words, n: Span): boolean {
  const before = words.text.slice(0, n.start);
  return wordsIn(before.split(ANSWER_END).pop()?.split(':').pop() ?? '') === 0;
}

/**
 * A negation before `word` in the same clause with no failure word between: at most
 * MAX_WORDS_BEFORE words away, or any distance when it opens the clause (NOT_CLAUSE_NEGATION) and no
 * colon or joining word comes between.
 */
function negatedBefore(words: Words, word: Span): Span | undefined {
  return words.negations.find((n) => {
    if (n.end > word.start) return false;
    const between = words.text.slice(n.end, word.start);
    if (STRONG_BREAK.test(between) || SOFT_BREAK.test(between)) return false;
    const reaches =
      wordsIn(between) <= MAX_WORDS_BEFORE || (!NOT_CLAUSE_NEGATION.test(n.text) && opensClause(words, n) && !CLAUSE_JOIN.test(between));
    if (!reaches) return false;
    return !words.fail.some((f) => f.start >= n.end && f.end <= word.start);
  });
}

/** A negation right after `word` that answers it alone ("unterstützt: nein", "supported? no", "Supported: no, sorry"). */
function negatedAfter(words: Words, word: Span): Span | undefined {
  return words.negations.find((n) => {
    if (n.start < word.end) return false;
    const between = words.text.slice(word.end, n.start);
    if (STRONG_BREAK.test(between.replace(QUESTION_MARKS, '')) || wordsIn(between) > MAX_WORDS_AFTER) return false;
    const rest = words.text.slice(n.end);
    const answerEnd = rest.search(ANSWER_END);
    return wordsIn(answerEnd === -1 ? rest : rest.slice(0, answerEnd)) === 0;
  });
}

/** A failure word that is itself negated ("kein Fehler") says nothing either way. */
function countedFailures(words: Words): Span[] {
  return words.fail.filter((f) => {
    const negation = words.negations.find((n) => {
      if (n.end > f.start) return false;
      const between = words.text.slice(n.end, f.start);
      return !STRONG_BREAK.test(between) && !SOFT_BREAK.test(between) && wordsIn(between) <= 1;
    });
    return negation === undefined;
  });
}

function judgeWords(words: Words): VerdictJudgement {
  const failures = countedFailures(words);
  if (failures[0]) return { outcome: 'fail', reason: `says "${failures[0].text}"` };
  for (const word of words.negatable) {
    const negation = negatedBefore(words, word) ?? negatedAfter(words, word);
    if (negation) return { outcome: 'fail', reason: `"${word.text}" is negated by "${negation.text}"` };
  }
  if (words.pass[0]) return { outcome: 'pass', reason: `says "${words.pass[0].text}"` };
  const negation = words.negations.find((n) => !words.fail.some((f) => f.start >= n.end && wordsIn(words.text.slice(n.end, f.start)) <= 1));
  if (negation) return { outcome: 'fail', reason: `says "${negation.text}"` };
  return { outcome: 'unclear', reason: 'says neither pass nor fail' };
}

/** The words of `text` with a configured OK pattern: its matches are the pass words, and what they contain is theirs. */
function wordsWithPattern(text: string, ok: string): Words {
  const pass = spans(ok, text);
  const outside = (list: Span[]): Span[] => list.filter((span) => !inside(span, pass));
  const builtIn = outside(spans(PASS_SOURCE, text));
  return {
    text,
    pass,
    fail: outside(spans(FAIL_SOURCE, text)),
    negations: outside(spans(NEGATION_SOURCE, text)),
    negatable: [...pass, ...builtIn].sort((a, b) => a.start - b.start),
  };
}

/** The words of `text` with the built-in pass words. */
function defaultWords(text: string): Words {
  const pass = spans(PASS_SOURCE, text);
  return { text, pass, fail: spans(FAIL_SOURCE, text), negations: spans(NEGATION_SOURCE, text), negatable: pass };
}

/** What the hints say: `fail` when any of them stands for a failure, `pass` when one stands for a pass, else nothing. */
export function judgeHints(hints: VerdictHints | undefined): { outcome: 'pass' | 'fail'; reason: string } | undefined {
  if (!hints) return undefined;
  const labels = (hints.labels ?? []).map((label) => ({ label, judged: judgeVerdict(label) }));
  const failingLabel = labels.find((l) => l.judged.outcome === 'fail');
  if (failingLabel) return { outcome: 'fail', reason: `its label says "${normalizeVerdictText(failingLabel.label)}"` };
  const failingState = (hints.states ?? []).find((state) => vocabularyRegExp(FAIL_STATE_SOURCE).test(state));
  if (failingState) return { outcome: 'fail', reason: `it is marked "${failingState}"` };
  const passingLabel = labels.find((l) => l.judged.outcome === 'pass');
  if (passingLabel) return { outcome: 'pass', reason: `its label says "${normalizeVerdictText(passingLabel.label)}"` };
  const passingState = (hints.states ?? []).find((state) => vocabularyRegExp(PASS_STATE_SOURCE).test(state));
  if (passingState) return { outcome: 'pass', reason: `it is marked "${passingState}"` };
  return undefined;
}

/**
 * Judges a verdict text. Order: empty or still running → `pending`; a failure word anywhere, or a pass
 * word with a negation near it → `fail`; a pass word (or the configured `ok` match) → `pass`, unless an
 * icon, label or state marks the element failed; anything else → `unclear` (a failed hint makes it `fail`).
 * With a configured `ok` that does not match, the text is `fail`: the config said what OK looks like.
 */
export function judgeVerdict(rawText: string, options: JudgeOptions = {}): VerdictJudgement {
  const text = normalizeVerdictText(rawText);
  if (text === '') return { outcome: 'pending', reason: 'is empty' };
  const pending = vocabularyRegExp(options.pending ?? PENDING_SOURCE).exec(text);
  if (pending) return { outcome: 'pending', reason: `says "${pending[0]}"` };
  const words = options.ok !== undefined ? wordsWithPattern(text, options.ok) : defaultWords(text);
  const judged = judgeWords(words);
  const icon = vocabularyRegExp(FAIL_ICON_SOURCE).exec(text)?.[0];
  const hint = icon ? { outcome: 'fail' as const, reason: `it shows ${icon}` } : judgeHints(options.hints);
  if (judged.outcome === 'fail') return judged;
  if (hint?.outcome === 'fail') {
    const said = judged.outcome === 'pass' ? `its text ${judged.reason}, but ` : '';
    return { outcome: 'fail', reason: `${said}${hint.reason}` };
  }
  if (options.ok !== undefined && judged.outcome === 'unclear') {
    return { outcome: 'fail', reason: `does not match the configured ok pattern /${options.ok}/` };
  }
  return judged;
}
