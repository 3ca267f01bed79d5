import { describe, expect, it } from 'vitest';
import { didYouMean, didYouMeanHint, editDistance } from '../../lambdas/core/did-you-mean';

describe('didYouMean', () => {
  it('suggests the closest candidate for a typo', () => {
    expect(didYouMean('loginUlr', ['loginUrl', 'name', 'timeouts'])).toBe('loginUrl');
    expect(didYouMean('--tagret', ['--target', '--url'])).toBe('--target');
    expect(didYouMean('rnu', ['run', 'smoke', 'target', 'invoke'])).toBe('run');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(didYouMean('banana', ['loginUrl', 'name'])).toBeUndefined();
    expect(didYouMeanHint('banana', ['loginUrl'])).toBe('');
  });

  it('folds case on both sides: a word in any case finds its candidate, a candidate in any case is offered as written', () => {
    expect(didYouMean('LOGINURL', ['loginUrl', 'name'])).toBe('loginUrl');
    expect(didYouMean('Smoek', ['run', 'smoke'])).toBe('smoke');
    expect(didYouMean('smoek', ['Run', 'SMOKE'])).toBe('SMOKE');
    expect(didYouMeanHint('TARGETS', ['targets', 'mode'])).toBe(' Did you mean "targets"?');
  });

  it('folds case before comparing lengths: a letter that folds to two characters still finds its candidate', () => {
    // Prepare: "İ" (U+0130) lower-cases to "i" and a combining dot above, so the folded word is twice as long
    const dotted = 'i\u0307';
    // Act + Assess: equal once folded, in either direction
    expect(didYouMean('\u0130\u0130\u0130', [`${dotted}${dotted}${dotted}`])).toBe(`${dotted}${dotted}${dotted}`);
    expect(didYouMean(`${dotted}${dotted}${dotted}`, ['\u0130\u0130\u0130'])).toBe('\u0130\u0130\u0130');
  });

  it('allows a third of the word in edits, at least one: a two-letter word still finds its candidate', () => {
    // 6 letters: 2 edits allowed, 3 are not; 5 letters: 1 edit
    expect(didYouMean('xxcdef', ['abcdef'])).toBe('abcdef');
    expect(didYouMean('xxxdef', ['abcdef'])).toBeUndefined();
    expect(didYouMean('xbcde', ['abcde'])).toBe('abcde');
    expect(didYouMean('xxcde', ['abcde'])).toBeUndefined();
    expect(didYouMean('rn', ['run'])).toBe('run');
  });

  it('offers the first of equally close candidates, in the order given', () => {
    expect(didYouMean('cat', ['bat', 'hat'])).toBe('bat');
    expect(didYouMean('cat', ['hat', 'bat'])).toBe('hat');
    expect(didYouMean('cat', ['bat', 'cart', 'cat'])).toBe('cat');
  });
});

/** Optimal string alignment distance by its definition, on prefixes (memoized recursion). */
function osaByDefinition(a: string, b: string): number {
  const memo = new Map<string, number>();
  const d = (i: number, j: number): number => {
    if (i === 0) return j;
    if (j === 0) return i;
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const options = [d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1)];
    if (i >= 2 && j >= 2 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) options.push(d(i - 2, j - 2) + 1);
    const best = Math.min(...options);
    memo.set(key, best);
    return best;
  };
  return d(a.length, b.length);
}

/** Every string over `alphabet` up to `maxLength` characters, the empty one included. */
function allStrings(alphabet: string, maxLength: number): string[] {
  const out = [''];
  for (let start = 0; start < out.length; start++) {
    const word = out[start] ?? '';
    if (word.length < maxLength) for (const char of alphabet) out.push(word + char);
  }
  return out;
}

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('smoek', 'smoke')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('xab', 'yba')).toBe(2);
  });

  it('edits no substring twice (optimal string alignment): "ca" is 3 edits from "abc", not 2', () => {
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('agrees with the definition for every pair of strings up to 4 letters over 3', () => {
    // Prepare
    const words = allStrings('abc', 4);
    // Act
    const wrong = words.flatMap((a) => words.filter((b) => editDistance(a, b) !== osaByDefinition(a, b)).map((b) => `${a}/${b}`));
    // Assess
    expect(words).toHaveLength(121);
    expect(wrong).toEqual([]);
  });
});
