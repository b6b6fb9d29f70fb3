/**
 * Quantiles by Hyndman & Fan (1996) definition 7, the default of R's `quantile()` and of NumPy's
 * `percentile()` (method 'linear'): for sorted x[0..n-1] and probability p,
 * h = (n - 1)·p, Q(p) = x[⌊h⌋] + (h - ⌊h⌋)·(x[⌊h⌋+1] - x[⌊h⌋]).
 * It interpolates linearly between order statistics, returns min at p = 0 and max at p = 1.
 */

import { sortedCopy } from './sort.js';
import { toSamples } from './validate.js';

/** Probabilities reported by {@link standardQuantiles}. */
export const STANDARD_PROBABILITIES = [0.5, 0.75, 0.9, 0.95, 0.99, 0.999] as const;

/** The percentiles every summary reports. */
export interface StandardQuantiles {
  /** 50th percentile (median). */
  p50: number;
  /** 75th percentile. */
  p75: number;
  /** 90th percentile. */
  p90: number;
  /** 95th percentile. */
  p95: number;
  /** 99th percentile. */
  p99: number;
  /** 99.9th percentile. */
  p999: number;
}

/**
 * Sorted copy of the samples as a `Float64Array` (numeric ascending; the input is not modified).
 *
 * @throws RangeError for empty input or non-finite values
 */
export function sortSamples(x: ArrayLike<number>): Float64Array {
  const a = toSamples(x, 'sortSamples');
  return sortedCopy(a);
}

/**
 * Type-7 quantile of data that is already sorted ascending (not checked).
 *
 * @param sorted - ascending samples
 * @param p - probability in [0, 1]
 * @throws RangeError for empty input or p outside [0, 1]
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileSorted: empty input; pass at least 1 sample');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const k = Math.floor(h);
  const lo = sorted[k];
  if (k + 1 >= n) return lo;
  const frac = h - k;
  return frac === 0 ? lo : lo + frac * (sorted[k + 1] - lo);
}

/**
 * Type-7 quantile of unsorted samples (sorts a copy; use {@link quantiles} for several at once).
 *
 * @throws RangeError for empty input, non-finite values or p outside [0, 1]
 */
export function quantile(x: ArrayLike<number>, p: number): number {
  return quantileSorted(sortSamples(x), p);
}

/**
 * Several type-7 quantiles from one sort.
 *
 * @param x - samples (unsorted)
 * @param ps - probabilities in [0, 1]
 * @returns quantiles in the order of `ps`
 */
export function quantiles(x: ArrayLike<number>, ps: readonly number[]): number[] {
  const s = sortSamples(x);
  return ps.map((p) => quantileSorted(s, p));
}

/**
 * Median (type-7 quantile at 1/2: the middle value, or the mean of the two middle values).
 *
 * @throws RangeError for empty input or non-finite values
 */
export function median(x: ArrayLike<number>): number {
  return quantileSorted(sortSamples(x), 0.5);
}

/**
 * p50, p75, p90, p95, p99 and p999 of sorted data.
 *
 * @param sorted - ascending samples
 */
export function standardQuantiles(sorted: ArrayLike<number>): StandardQuantiles {
  return {
    p50: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75),
    p90: quantileSorted(sorted, 0.9),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    p999: quantileSorted(sorted, 0.999),
  };
}

/**
 * Interquartile range Q(0.75) - Q(0.25), type 7 (R's `IQR()` default).
 *
 * @throws RangeError for empty input or non-finite values
 */
export function iqr(x: ArrayLike<number>): number {
  const s = sortSamples(x);
  return quantileSorted(s, 0.75) - quantileSorted(s, 0.25);
}
