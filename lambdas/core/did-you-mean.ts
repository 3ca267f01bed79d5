/**
 * Edit distance between two strings, counting insertions, deletions, substitutions and swaps of two
 * neighbouring characters (optimal string alignment): "rnu" is one typo away from "run".
 */
export function editDistance(a: string, b: string): number {
  // Three rolling rows (the swap looks two rows back) instead of the whole table: no allocation per cell.
  let twoBack = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (twoBack[j - 2] ?? 0) + 1);
      row[j] = best;
    }
    [twoBack, previous, row] = [previous, row, twoBack];
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `word` when it is close enough to be a likely typo (distance at most a
 * third of the word's length, at least 1), else undefined. Case-insensitive.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const maxDistance = Math.max(1, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const folded = candidate.toLowerCase();
    // The distance is at least the difference in length: most candidates need no table at all (a
    // config with thousands of bad values, or a key of a megabyte, stays fast). The lengths compared
    // are those after case folding, which can change a length ("İ" folds to "i" and a combining dot).
    if (Math.abs(folded.length - lower.length) > maxDistance) continue;
    const distance = editDistance(lower, folded);
    if (distance <= maxDistance && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** ` Did you mean "x"?` or an empty string, ready to append to a message. */
export function didYouMeanHint(word: string, candidates: readonly string[]): string {
  const suggestion = didYouMean(word, candidates);
  return suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
}
