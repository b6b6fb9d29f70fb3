/**
 * Ordinary least squares for a straight line y = intercept + slope·x, with the slope's
 * Student-t confidence interval (n - 2 df). Sums are taken about the means (two-pass), which
 * reproduces NIST StRD certified values (Norris) to ~12 digits.
 */

import { studentTQuantile } from './distributions.js';
import { checkOpenUnit, toSamples } from './validate.js';

/** Result of {@link linearFit}. */
export interface LinearFit {
  /** Least-squares slope. */
  slope: number;
  /** Least-squares intercept. */
  intercept: number;
  /** Confidence interval of the slope at 1 - alpha ([slope, slope] when the fit is exact). */
  slopeCI: [number, number];
  /** Standard error of the slope. */
  slopeStdErr: number;
  /** Standard error of the intercept. */
  interceptStdErr: number;
  /** Coefficient of determination R² (1 when y is constant and fitted exactly). */
  r2: number;
  /** Residual standard deviation √(SSE / (n - 2)). */
  residualStd: number;
  /** Number of points. */
  n: number;
}

/**
 * Least-squares line through (x_i, y_i) with a (1 - alpha) CI for the slope:
 * slope ± t_{1-α/2, n-2}·s/√Sxx.
 *
 * @param x - predictor values (not all equal)
 * @param y - responses, same length
 * @param alpha - default 0.05
 * @throws RangeError for fewer than 3 points, unequal lengths, non-finite values or constant x
 */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>, alpha = 0.05): LinearFit {
  const xs = toSamples(x, 'linearFit (x)', 3);
  const ys = toSamples(y, 'linearFit (y)', 3);
  if (xs.length !== ys.length) throw new RangeError(`linearFit: x has ${xs.length} values but y has ${ys.length}`);
  checkOpenUnit(alpha, 'alpha', 'linearFit');
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) throw new RangeError('linearFit: all x values are equal; the slope is undefined');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = ys[i] - intercept - slope * xs[i];
    sse += r * r;
  }
  const residualStd = Math.sqrt(sse / (n - 2));
  const slopeStdErr = residualStd / Math.sqrt(sxx);
  const interceptStdErr = residualStd * Math.sqrt(1 / n + (mx * mx) / sxx);
  const q = studentTQuantile(1 - alpha / 2, n - 2);
  return {
    slope,
    intercept,
    slopeCI: [slope - q * slopeStdErr, slope + q * slopeStdErr],
    slopeStdErr,
    interceptStdErr,
    r2: syy === 0 ? 1 : 1 - sse / syy,
    residualStd,
    n,
  };
}
