/**
 * Hodges-Lehmann two-sample shift estimate and its Moses confidence interval, with R's
 * `wilcox.test(x, y, conf.int = TRUE)` conventions: the shift is the median of all mn differences
 * x_i - y_j; the interval is (D_(q), D_(mn+1-q)) from the sorted differences, with q from the exact
 * Mann-Whitney distribution (q = qwilcox(α/2, m, n), at least 1) when both samples have fewer than
 * 50 values, else from the normal approximation
 * q = ⌊mn/2 - z_{1-α/2}·√(mn(N+1)/12)⌋ (Hollander & Wolfe 1999, §4.3; no tie correction).
 *
 * Order statistics of the differences are found without storing all mn of them when mn is large:
 * bisection on the value with an O(m + n) two-pointer count, exact to the last bit.
 */

import { normalQuantile } from './distributions.js';
import { mannWhitneyCdf, mannWhitneyQuantile } from './mann-whitney.js';
import { checkOpenUnit, toSamples } from './validate.js';
import { sortedCopy } from './sort.js';

/** Result of {@link hodgesLehmann}. */
export interface HodgesLehmannResult {
  /** Median of the pairwise differences x_i - y_j. */
  shift: number;
  /** Confidence interval of the shift. */
  ci: [number, number];
  /** Requested confidence. */
  confidence: number;
  /** Achieved coverage (exact method) or the nominal confidence (normal method). */
  coverage: number;
  /** How the interval ranks were chosen. */
  method: 'exact' | 'normal';
  /** 1-based ranks of the bounds among the mn sorted differences. */
  ranks: [number, number];
}

/** Number of differences x_i - y_j <= d (x, y ascending). */
function countLE(x: Float64Array, y: Float64Array, d: number): number {
  const n = y.length;
  let p = 0; // first j with x_i - y_j <= d; nondecreasing in i
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    while (p < n && x[i] - y[p] > d) p++;
    count += n - p;
  }
  return count;
}

/**
 * k-th smallest (1-based) of the pairwise differences x_i - y_j for ascending x and y.
 *
 * @throws RangeError when k is outside [1, mn]
 */
export function kthDifference(xSorted: Float64Array, ySorted: Float64Array, k: number): number {
  const m = xSorted.length;
  const n = ySorted.length;
  if (!Number.isInteger(k) || k < 1 || k > m * n) throw new RangeError(`kthDifference: k must be in [1, ${m * n}], got ${k}`);
  let hi = xSorted[m - 1] - ySorted[0];
  let lo = xSorted[0] - ySorted[n - 1];
  if (k === 1) return lo;
  // invariant: countLE(lo) < k <= countLE(hi)
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (countLE(xSorted, ySorted, mid) >= k) hi = mid;
    else lo = mid;
  }
  return hi;
}

const MATERIALISE_LIMIT = 1 << 21;

/**
 * Hodges-Lehmann shift of x relative to y with its Moses interval.
 *
 * @param confidence - default 0.95
 * @throws RangeError for empty input, non-finite values or confidence outside (0, 1)
 */
export function hodgesLehmann(x: ArrayLike<number>, y: ArrayLike<number>, confidence = 0.95): HodgesLehmannResult {
  const a = sortedCopy(toSamples(x, 'hodgesLehmann (x)'));
  const b = sortedCopy(toSamples(y, 'hodgesLehmann (y)'));
  checkOpenUnit(confidence, 'confidence', 'hodgesLehmann');
  const m = a.length;
  const n = b.length;
  const mn = m * n;
  let kth: (k: number) => number;
  if (mn <= MATERIALISE_LIMIT) {
    const d = new Float64Array(mn);
    let w = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) d[w++] = a[i] - b[j];
    d.sort();
    kth = (k) => d[k - 1];
  } else {
    kth = (k) => kthDifference(a, b, k);
  }
  const shift = mn % 2 === 1 ? kth((mn + 1) / 2) : 0.5 * (kth(mn / 2) + kth(mn / 2 + 1));
  const alpha = 1 - confidence;
  let q: number;
  let coverage: number;
  let method: 'exact' | 'normal';
  if (m < 50 && n < 50) {
    q = Math.max(1, mannWhitneyQuantile(alpha / 2, m, n));
    coverage = 1 - 2 * mannWhitneyCdf(q - 1, m, n);
    method = 'exact';
  } else {
    const z = normalQuantile(1 - alpha / 2);
    q = Math.max(1, Math.floor(mn / 2 - z * Math.sqrt((mn * (m + n + 1)) / 12)));
    coverage = confidence;
    method = 'normal';
  }
  const upper = mn + 1 - q;
  return { shift, ci: [kth(q), kth(upper)], confidence, coverage, method, ranks: [q, upper] };
}
