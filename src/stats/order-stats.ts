/**
 * Distribution-free confidence intervals for the median from order statistics.
 *
 * For n continuous i.i.d. samples the number of samples below the median is Binomial(n, 1/2), so
 * (x_(l), x_(n+1-l)) covers the median with probability 1 - 2·P(B <= l - 1) (Conover, *Practical
 * Nonparametric Statistics*, 3rd ed., §3.2; Hollander & Wolfe). The same ranks give the sign-test
 * interval used for paired rounds. When n is too small for the requested confidence
 * (n = 5 reaches at most 93.75 %), the widest interval (min, max) is returned with `reached: false`.
 */

import { checkOpenUnit, toSamples } from './validate.js';
import { sortedCopy } from './sort.js';

/** Ranks (1-based) of the order statistics that bound a distribution-free median interval. */
export interface OrderStatisticRanks {
  /** 1-based rank l of the lower bound x_(l). */
  lower: number;
  /** 1-based rank u = n + 1 - l of the upper bound x_(u). */
  upper: number;
  /** Exact coverage 1 - 2·P(Binomial(n, 1/2) <= l - 1) of (x_(l), x_(u)). */
  coverage: number;
  /** Whether coverage >= the requested confidence. False means n is too small. */
  reached: boolean;
}

/**
 * The narrowest symmetric pair of ranks whose binomial coverage is at least `confidence`
 * (largest l with 2·P(B <= l - 1) <= 1 - confidence). Exact for any n (log-space binomial sums).
 *
 * @param n - number of samples, >= 1
 * @param confidence - e.g. 0.95
 * @throws RangeError for n < 1 or confidence outside (0, 1)
 */
export function medianRanks(n: number, confidence: number): OrderStatisticRanks {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`medianRanks: n must be a positive integer, got ${n}`);
  checkOpenUnit(confidence, 'confidence', 'medianRanks');
  const halfAlpha = (1 - confidence) / 2;
  // cumulative P(B <= k), k = 0, 1, ... in log space to survive n in the millions
  let logPmf = -n * Math.LN2;
  let cdf = Math.exp(logPmf);
  if (cdf > halfAlpha) {
    return { lower: 1, upper: n, coverage: 1 - 2 * Math.exp(-n * Math.LN2), reached: false };
  }
  let k = 0; // invariant: P(B <= k) <= halfAlpha
  let cdfK = cdf;
  const maxK = Math.floor((n - 1) / 2);
  while (k + 1 <= maxK) {
    logPmf += Math.log((n - k) / (k + 1));
    cdf = cdfK + Math.exp(logPmf);
    if (cdf > halfAlpha) break;
    k++;
    cdfK = cdf;
  }
  const lower = k + 1;
  return { lower, upper: n + 1 - lower, coverage: 1 - 2 * cdfK, reached: true };
}

/** A distribution-free confidence interval for the median. */
export interface MedianInterval {
  /** Lower bound x_(l). */
  lo: number;
  /** Upper bound x_(n+1-l). */
  hi: number;
  /** The confidence that was requested. */
  confidence: number;
  /** The exact coverage the chosen order statistics give (>= confidence when `reached`). */
  coverage: number;
  /** False when n is too small to reach `confidence`; then (lo, hi) = (min, max). */
  reached: boolean;
  /** 1-based ranks of the bounds among the sorted samples. */
  ranks: [number, number];
}

/**
 * Distribution-free (binomial order-statistic) confidence interval for the median.
 * Example: n = 10 at 95 % gives (x_(2), x_(9)) with coverage 1 - 22/1024 = 97.85 %.
 *
 * @param samples - measurements
 * @param confidence - requested coverage (default 0.95)
 * @throws RangeError for empty input, non-finite values or confidence outside (0, 1)
 */
export function medianCI(samples: ArrayLike<number>, confidence = 0.95): MedianInterval {
  const s = sortedCopy(toSamples(samples, 'medianCI'));
  return medianCISorted(s, confidence);
}

/**
 * {@link medianCI} for data already sorted ascending (not checked).
 *
 * @throws RangeError for empty input or confidence outside (0, 1)
 */
export function medianCISorted(sorted: ArrayLike<number>, confidence = 0.95): MedianInterval {
  if (sorted.length === 0) throw new RangeError('medianCISorted: empty input; pass at least 1 sample');
  const r = medianRanks(sorted.length, confidence);
  return {
    lo: sorted[r.lower - 1],
    hi: sorted[r.upper - 1],
    confidence,
    coverage: r.coverage,
    reached: r.reached,
    ranks: [r.lower, r.upper],
  };
}
