/**
 * Welch's unequal-variance t-test (Welch 1947), as R's `t.test(x, y)` default (var.equal = FALSE):
 * t = (x̄ - ȳ) / √(s_x²/m + s_y²/n), Welch-Satterthwaite df, exact Student-t p-value and the
 * confidence interval for mean(x) - mean(y).
 */

import { studentTCdf, studentTQuantile, studentTTwoSided } from './distributions.js';
import type { Alternative } from './mann-whitney.js';
import { checkOpenUnit, toSamples } from './validate.js';

/** Options for {@link welchTTest}. */
export interface WelchOptions {
  /** Alternative for mean(x) - mean(y) (default 'two-sided'). */
  alternative?: Alternative;
  /** Confidence level of the interval (default 0.95). */
  confidence?: number;
}

/** Result of a t-test. */
export interface TTestResult {
  /** t statistic. */
  t: number;
  /** Degrees of freedom (fractional for Welch). */
  df: number;
  /** p-value for the alternative. */
  pValue: number;
  /** Estimated difference (mean(x) - mean(y), or the mean difference when paired). */
  estimate: number;
  /** Standard error of the estimate. */
  stderr: number;
  /** Confidence interval of the estimate (one-sided alternatives give an infinite side, as R). */
  ci: [number, number];
  /** Confidence level of `ci`. */
  confidence: number;
  /** Alternative tested. */
  alternative: Alternative;
}

function meanVar(a: Float64Array): [number, number] {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  let m = s / a.length;
  let c = 0;
  for (let i = 0; i < a.length; i++) c += a[i] - m;
  m += c / a.length;
  let ss = 0;
  c = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - m;
    ss += d * d;
    c += d;
  }
  return [m, (ss - (c * c) / a.length) / (a.length - 1)];
}

/**
 * t-test result from an estimate, its standard error and df (shared by Welch, paired and the
 * regression slope).
 * @internal
 */
export function tResult(
  estimate: number,
  stderr: number,
  df: number,
  alternative: Alternative,
  confidence: number,
  fn: string,
): TTestResult {
  checkOpenUnit(confidence, 'confidence', fn);
  if (!(stderr > 0)) {
    throw new RangeError(`${fn}: standard error is 0 (the data have no variance); a t-test is undefined`);
  }
  const t = estimate / stderr;
  let pValue: number;
  let ci: [number, number];
  if (alternative === 'two-sided') {
    pValue = studentTTwoSided(t, df);
    const q = studentTQuantile(1 - (1 - confidence) / 2, df);
    ci = [estimate - q * stderr, estimate + q * stderr];
  } else if (alternative === 'greater') {
    pValue = 1 - studentTCdf(t, df);
    ci = [estimate - studentTQuantile(confidence, df) * stderr, Infinity];
  } else if (alternative === 'less') {
    pValue = studentTCdf(t, df);
    ci = [-Infinity, estimate + studentTQuantile(confidence, df) * stderr];
  } else {
    throw new RangeError(`${fn}: unknown alternative ${String(alternative)}`);
  }
  return { t, df, pValue, estimate, stderr, ci, confidence, alternative };
}

/**
 * Welch's two-sample t-test of mean(x) - mean(y) = 0.
 *
 * @throws RangeError when either sample has fewer than 2 values, values are non-finite, or both
 *   samples are constant (zero standard error)
 */
export function welchTTest(x: ArrayLike<number>, y: ArrayLike<number>, options: WelchOptions = {}): TTestResult {
  const a = toSamples(x, 'welchTTest (x)', 2);
  const b = toSamples(y, 'welchTTest (y)', 2);
  const [ma, va] = meanVar(a);
  const [mb, vb] = meanVar(b);
  const sa = va / a.length;
  const sb = vb / b.length;
  const se = Math.sqrt(sa + sb);
  const df = ((sa + sb) * (sa + sb)) / ((sa * sa) / (a.length - 1) + (sb * sb) / (b.length - 1));
  return tResult(ma - mb, se, df, options.alternative ?? 'two-sided', options.confidence ?? 0.95, 'welchTTest');
}

/**
 * Paired t-test of mean(x_i - y_i) = 0 (R: `t.test(x, y, paired = TRUE)`).
 *
 * @throws RangeError for unequal lengths, fewer than 2 pairs, non-finite values or constant
 *   differences
 */
export function pairedTTest(x: ArrayLike<number>, y: ArrayLike<number>, options: WelchOptions = {}): TTestResult {
  const a = toSamples(x, 'pairedTTest (x)', 2);
  const b = toSamples(y, 'pairedTTest (y)', 2);
  if (a.length !== b.length) throw new RangeError(`pairedTTest: x has ${a.length} values but y has ${b.length}; pairs need equal lengths`);
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
  const [m, v] = meanVar(d);
  return tResult(m, Math.sqrt(v / d.length), d.length - 1, options.alternative ?? 'two-sided', options.confidence ?? 0.95, 'pairedTTest');
}
