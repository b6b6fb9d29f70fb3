/**
 * Paired, interleaved rounds: round i measured the baseline a_i and the current b_i close together
 * in time, so slow drifts of the machine cancel in the per-round log-ratio d_i = ln(b_i / a_i).
 * The estimate is exp(median d); the interval is the sign-test (binomial order-statistic) interval
 * of the median of d, exponentiated; the p-value is the exact two-sided sign test on the signs of
 * d (zeros dropped, as the usual sign test). None of this assumes a distribution shape.
 */

import { signTestPValue } from './distributions.js';
import { medianCISorted } from './order-stats.js';
import { quantileSorted } from './quantile.js';
import { checkOpenUnit, toSamples } from './validate.js';

/** Result of {@link pairedLogRatio}. */
export interface PairedRatioResult {
  /** exp(median_i ln(b_i / a_i)): the typical per-round ratio b / a. */
  ratio: number;
  /** Sign-test confidence interval of the ratio. */
  ci: [number, number];
  /** Requested confidence. */
  confidence: number;
  /** Exact coverage of the order-statistic interval. */
  coverage: number;
  /** False when there are too few rounds to reach the confidence (ci is then (min, max)). */
  reached: boolean;
  /** Exact two-sided sign-test p-value for median log-ratio = 0 (1 when every ratio is exactly 1). */
  pValue: number;
  /** Rounds where b > a. */
  positives: number;
  /** Rounds where b < a. */
  negatives: number;
  /** Number of rounds. */
  n: number;
}

/**
 * Median per-round log-ratio of b against a, with a sign-test CI and p-value.
 *
 * @param a - baseline per-round samples (positive)
 * @param b - current per-round samples (positive), same length as a
 * @param confidence - default 0.95
 * @throws RangeError for empty or unequal-length input, non-finite or non-positive values
 */
export function pairedLogRatio(a: ArrayLike<number>, b: ArrayLike<number>, confidence = 0.95): PairedRatioResult {
  const xa = toSamples(a, 'pairedLogRatio (a)');
  const xb = toSamples(b, 'pairedLogRatio (b)');
  checkOpenUnit(confidence, 'confidence', 'pairedLogRatio');
  if (xa.length !== xb.length) {
    throw new RangeError(`pairedLogRatio: a has ${xa.length} rounds but b has ${xb.length}; paired rounds need equal lengths`);
  }
  const n = xa.length;
  const d = new Float64Array(n);
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < n; i++) {
    if (!(xa[i] > 0 && xb[i] > 0)) {
      throw new RangeError(`pairedLogRatio: round ${i} has a=${xa[i]}, b=${xb[i]}; log-ratios need positive values`);
    }
    d[i] = Math.log(xb[i] / xa[i]);
    if (d[i] > 0) positives++;
    else if (d[i] < 0) negatives++;
  }
  d.sort();
  const ci = medianCISorted(d, confidence);
  const nonZero = positives + negatives;
  return {
    ratio: Math.exp(quantileSorted(d, 0.5)),
    ci: [Math.exp(ci.lo), Math.exp(ci.hi)],
    confidence,
    coverage: ci.coverage,
    reached: ci.reached,
    pValue: nonZero === 0 ? 1 : signTestPValue(positives, nonZero),
    positives,
    negatives,
    n,
  };
}
