/** Midranks for the rank tests (Mann-Whitney U, Wilcoxon signed-rank). */

/**
 * 1-based ranks of `values`, tied values sharing the average of their ranks, and the tie term
 * Σ(t³ - t) over groups of t tied values (0 without ties), which the tests' normal approximations subtract.
 */
export function midranks(values: ArrayLike<number>): { ranks: Float64Array; tieTerm: number } {
  const n = values.length;
  const idx = new Uint32Array(n).map((_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Float64Array(n);
  let tieTerm = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && values[idx[j]] === values[idx[i]]) j++;
    const t = j - i;
    if (t > 1) tieTerm += t * t * t - t;
    for (let k = i; k < j; k++) ranks[idx[k]] = (i + 1 + j) / 2;
    i = j;
  }
  return { ranks, tieTerm };
}
