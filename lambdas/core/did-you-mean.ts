/**
 * Edit distance between two strings, counting insertions, deletions, substitutions and swaps of two
 * neighbouring characters (optimal string alignment): "rnu" is one typo away from "run".
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((rows[i - 1]![j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]![j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]![j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length] ?? 0;
}

/**
 * The candidate closest to `word` when it is close enough to be a likely typo (distance at most a
 * third of the word's length, at least 1), else undefined. Case-insensitive.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const maxDistance = Math.max(1, Math.floor(word.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= maxDistance && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** ` Did you mean "x"?` or an empty string, ready to append to a message. */
export function didYouMeanHint(word: string, candidates: readonly string[]): string {
  const suggestion = didYouMean(word, candidates);
  return suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
}
