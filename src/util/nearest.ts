/** "Did you mean ...?": the closest known name to a mistyped one, for errors about typos. */

/** Edit distance (insertions, deletions, substitutions, adjacent transpositions) between a and b. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `name` (case-insensitive), when it is close enough to be a typo: at most a
 * third of the name's length in edits (at least 1), or a candidate that contains the name or is
 * contained in it. Undefined when nothing is that close.
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const n = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const l = c.toLowerCase();
    const score = l === n ? 0 : l.includes(n) || n.includes(l) ? 0.5 : editDistance(n, l);
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return bestScore <= Math.max(1, Math.floor(n.length / 3)) ? best : undefined;
}

/** ` Did you mean 'x'?` or empty. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const m = nearest(name, candidates);
  return m === undefined ? '' : ` Did you mean '${m}'?`;
}
