/**
 * Property: the verdict judge (lambdas/core/discovery/) never throws and never calls a negated verdict
 * a pass, whatever text surrounds it: each of the three verdicts' negated wordings, German and
 * English, after any other text, judged with the built-in words and with autocrm's `ok` patterns, is
 * never `pass`; a failure icon anywhere is never a pass either; whitespace never changes a judgement.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeVerdict, type JudgeOptions } from '../../lambdas/core/discovery/judge-verdict';
import { hostileString } from './arbitraries';
import { fuzzRuns } from './settings';

/** The negated wording of each verdict, as autocrm-like pages write it. */
const NEGATED = [
  'Ihr Browser wird nicht unterstützt',
  'Browser nicht unterstützt',
  'WebSocket-Verbindung nicht erfolgreich',
  'WebSocket-Verbindung konnte nicht aufgebaut werden',
  'Keine WebSocket-Verbindung möglich',
  'HTTP-Verbindung nicht erfolgreich',
  'HTTP-Verbindung fehlgeschlagen',
  'HTTP-Verbindung konnte nicht hergestellt werden',
  'Your browser is not supported',
  'Browser unsupported',
  'WebSocket connection not established',
  'WebSocket connection failed',
  'No WebSocket connection possible',
  'HTTP connection could not be established',
  'HTTP connection not successful',
  'HTTP check failed',
] as const;

/** autocrm's own `ok` patterns as a config names them, and the bare pass words a config may give. */
const OK_PATTERNS = ['wird unterstützt', 'erfolgreich', 'unterstützt', 'supported', 'established'] as const;
const OPTIONS: readonly JudgeOptions[] = [{}, ...OK_PATTERNS.map((ok) => ({ ok }))];
const options = fc.constantFrom(...OPTIONS);

/** Text a page may put around a verdict: random strings and words of the judge's own vocabulary. */
const surrounding = fc
  .array(
    fc.oneof(
      hostileString,
      fc.constantFrom(
        'erfolgreich',
        'unterstützt',
        'OK',
        'supported',
        'established',
        'nicht',
        'kein',
        'not',
        ' ',
        ',',
        ':',
        '-',
        'WebSocket',
        'HTTP',
      ),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(' '));

const OUTCOMES = ['pass', 'fail', 'pending', 'unclear'];

describe('fuzzed verdict judge', () => {
  it('never throws: every text gets an outcome and a reason', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, surrounding, fc.string({ maxLength: 2_000 })), options, (text, given) => {
        const judged = judgeVerdict(text, given);
        expect(OUTCOMES).toContain(judged.outcome);
        expect(judged.reason).not.toBe('');
      }),
      fuzzRuns(500),
    );
  });

  it('a negated verdict after any text is never a pass', () => {
    fc.assert(
      fc.property(surrounding, fc.constantFrom(...NEGATED), fc.constantFrom('', '.', '!'), options, (before, negated, end, given) => {
        expect(judgeVerdict(`${before}. ${negated}${end}`, given).outcome).not.toBe('pass');
      }),
      fuzzRuns(500),
    );
  });

  it('a failure icon anywhere is never a pass', () => {
    fc.assert(
      fc.property(surrounding, fc.constantFrom('✗', '✘', '❌', '⛔'), surrounding, options, (before, icon, after, given) => {
        expect(judgeVerdict(`${before}${icon}${after}`, given).outcome).not.toBe('pass');
      }),
      fuzzRuns(300),
    );
  });

  it('whitespace never changes a judgement', () => {
    fc.assert(
      fc.property(surrounding, fc.constantFrom(' ', '  ', '\n', '\t ', '\u00a0'), options, (text, extra, given) => {
        const spaced = ` ${text.replace(/\s+/g, (run) => `${run}${extra}`)}${extra}`;
        expect(judgeVerdict(spaced, given)).toEqual(judgeVerdict(text, given));
      }),
      fuzzRuns(300),
    );
  });
});
