/**
 * Mann-Whitney U test (Wilcoxon rank-sum), following R's `wilcox.test(x, y)` conventions:
 * U = #{(i, j): x_i > y_j} + ½·#{x_i = y_j} (R's statistic W), exact null distribution when both
 * samples have fewer than 50 values and there are no ties (R's default rule), otherwise the normal
 * approximation with tie-corrected variance and continuity correction:
 *
 *   z = (U - mn/2 - c) / σ,  σ² = mn/12 · ((N + 1) - Σ(t³ - t) / (N(N - 1))),
 *   c = ½·sign(U - mn/2) (two-sided), ½ (greater), -½ (less), 0 when `correct` is false.
 */

import { normalCdf, normalSf } from './distributions.js';
import { toSamples } from './validate.js';
import { midranks } from './ranks.js';

/** Direction of the alternative hypothesis, for x relative to y. */
export type Alternative = 'two-sided' | 'less' | 'greater';

/** Options for {@link mannWhitneyU}. */
export interface MannWhitneyOptions {
  /** Alternative hypothesis for x relative to y (default 'two-sided'). */
  alternative?: Alternative;
  /** Continuity correction in the normal approximation (default true, as R). */
  correct?: boolean;
  /**
   * Force the exact distribution (true) or the normal approximation (false). Default: exact when
   * both n < 50 and there are no ties. Exact with ties is refused (falls back to normal).
   */
  exact?: boolean;
}

/** Result of {@link mannWhitneyU}. */
export interface MannWhitneyResult {
  /** U statistic for x (R's W). */
  u: number;
  /** mn - u, the statistic for y. */
  uY: number;
  /** p-value for the chosen alternative. */
  pValue: number;
  /** z score (normal method only; 0 for exact). */
  z: number;
  /** 'exact' or 'normal'. */
  method: 'exact' | 'normal';
  /** Alternative tested. */
  alternative: Alternative;
  /** Whether tied values occurred across the pooled sample. */
  ties: boolean;
  /** Sample sizes [m, n]. */
  n: [number, number];
  /** Probability of superiority u / (mn): P(X > Y) + ½P(X = Y). */
  effect: number;
}

/** Sum of x's ranks in the pooled sample, and the tie-correction term Σ(t³ - t). */
function rankSum(x: Float64Array, y: Float64Array): { rx: number; tieTerm: number } {
  const pooled = new Float64Array(x.length + y.length);
  pooled.set(x);
  pooled.set(y, x.length);
  const { ranks, tieTerm } = midranks(pooled);
  let rx = 0;
  for (let i = 0; i < x.length; i++) rx += ranks[i];
  return { rx, tieTerm };
}

/**
 * Exact null distribution of U for sample sizes m and n without ties: frequencies
 * f[u] (u = 0..mn) summing to C(m + n, m). Additions only (no cancellation), O((m + n)·m·mn).
 *
 * @throws RangeError for sizes that are not positive integers
 */
export function mannWhitneyFrequencies(m: number, n: number): Float64Array {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 1 || n < 1) {
    throw new RangeError(`mannWhitneyFrequencies: sizes must be positive integers, got ${m}, ${n}`);
  }
  const maxU = m * n;
  // cnt[k][u]: ways to place k x's among the first j pooled positions with U contribution u
  const cnt: Float64Array[] = [];
  for (let k = 0; k <= m; k++) cnt.push(new Float64Array(maxU + 1));
  cnt[0][0] = 1;
  const N = m + n;
  for (let j = 1; j <= N; j++) {
    for (let k = Math.min(j, m); k >= 1; k--) {
      const add = j - k; // y's before this x
      if (add > n) continue;
      const src = cnt[k - 1];
      const dst = cnt[k];
      for (let u = maxU - add; u >= 0; u--) {
        const v = src[u];
        if (v !== 0) dst[u + add] += v;
      }
    }
  }
  return cnt[m];
}

/** Exact P(U <= q) from frequencies. */
function exactCdf(freq: Float64Array, q: number): number {
  if (q < 0) return 0;
  let s = 0;
  let total = 0;
  for (let u = 0; u < freq.length; u++) {
    total += freq[u];
    if (u <= q) s += freq[u];
  }
  return s / total;
}

/**
 * Mann-Whitney U / Wilcoxon rank-sum test of x against y.
 *
 * @param x - first sample
 * @param y - second sample
 * @throws RangeError for empty input or non-finite values
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, options: MannWhitneyOptions = {}): MannWhitneyResult {
  const a = toSamples(x, 'mannWhitneyU (x)');
  const b = toSamples(y, 'mannWhitneyU (y)');
  const alternative = options.alternative ?? 'two-sided';
  const correct = options.correct ?? true;
  const m = a.length;
  const n = b.length;
  const N = m + n;
  const { rx, tieTerm } = rankSum(a, b);
  const u = rx - (m * (m + 1)) / 2;
  const ties = tieTerm > 0;
  const useExact = (options.exact ?? (m < 50 && n < 50)) && !ties;
  let pValue: number;
  let z = 0;
  if (useExact) {
    const freq = mannWhitneyFrequencies(m, n);
    const lower = (q: number): number => exactCdf(freq, q); // P(U <= q)
    const upper = (q: number): number => 1 - exactCdf(freq, q - 1); // P(U >= q)
    if (alternative === 'greater') pValue = upper(u);
    else if (alternative === 'less') pValue = lower(u);
    else pValue = Math.min(1, 2 * (u > (m * n) / 2 ? upper(u) : lower(u)));
  } else {
    const sigma = Math.sqrt(((m * n) / 12) * (N + 1 - tieTerm / (N * (N - 1))));
    const d = u - (m * n) / 2;
    const c = !correct ? 0 : alternative === 'two-sided' ? 0.5 * Math.sign(d) : alternative === 'greater' ? 0.5 : -0.5;
    z = sigma === 0 ? 0 : (d - c) / sigma;
    if (sigma === 0) pValue = 1;
    else if (alternative === 'greater') pValue = normalSf(z);
    else if (alternative === 'less') pValue = normalCdf(z);
    else pValue = Math.min(1, 2 * Math.min(normalCdf(z), normalSf(z)));
  }
  return { u, uY: m * n - u, pValue, z, method: useExact ? 'exact' : 'normal', alternative, ties, n: [m, n], effect: u / (m * n) };
}

/**
 * Exact lower quantile of U: the smallest q with P(U <= q) >= p (R's `qwilcox(p, m, n)`).
 *
 * @throws RangeError for bad sizes or p outside [0, 1]
 */
export function mannWhitneyQuantile(p: number, m: number, n: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`mannWhitneyQuantile: p must be in [0, 1], got ${p}`);
  const freq = mannWhitneyFrequencies(m, n);
  let total = 0;
  for (let u = 0; u < freq.length; u++) total += freq[u];
  let s = 0;
  for (let u = 0; u < freq.length; u++) {
    s += freq[u];
    if (s / total >= p * (1 - 64 * Number.EPSILON)) return u;
  }
  return m * n;
}

/**
 * Exact P(U <= q) for sample sizes m and n without ties (R's `pwilcox(q, m, n)`).
 *
 * @throws RangeError for bad sizes
 */
export function mannWhitneyCdf(q: number, m: number, n: number): number {
  return exactCdf(mannWhitneyFrequencies(m, n), Math.floor(q));
}
