/**
 * Property: the did-you-mean behind every unknown-key, region, browser and command hint computes the
 * optimal string alignment distance exactly (against a plain full-table reference), symmetrically,
 * and suggests only the closest candidate within a third of the word.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../lambdas/core/did-you-mean';
import { fuzzRuns } from './settings';

/** Optimal string alignment distance over the whole table: the reference the rolling rows must match. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

describe('fuzzed did-you-mean', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });

  it('the edit distance equals the full-table reference and is symmetric', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b)).toBe(referenceDistance(a, b));
        expect(editDistance(b, a)).toBe(editDistance(a, b));
      }),
      fuzzRuns(500),
    );
  });

  it('suggests only a candidate within a third of the word, and the closest one', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 6 }), (typo, candidates) => {
        const suggestion = didYouMean(typo, candidates);
        const best = Math.min(...candidates.map((candidate) => referenceDistance(typo, candidate)));
        if (suggestion === undefined) expect(best).toBeGreaterThan(Math.max(1, Math.floor(typo.length / 3)));
        else expect(referenceDistance(typo, suggestion)).toBe(best);
      }),
      fuzzRuns(300),
    );
  });
});
