/**
 * Descriptive statistics: location, spread, shape, a Freedman-Diaconis histogram and the
 * one-call {@link summarize} the engine uses for every benchmark.
 *
 * Conventions (all documented per function): variance and standard deviation use the n - 1
 * denominator and the corrected two-pass algorithm (Chan, Golub & LeVeque 1983), which passes the
 * NIST StRD NumAcc tests; quantiles are type 7 (see quantile.ts); skewness is the adjusted
 * Fisher-Pearson coefficient G1 (SAS/SPSS/Excel SKEW, SciPy `skew(bias=False)`); ratios such as
 * cv and mdape are fractions (0.05 = 5 %), not percentages.
 */

import { medianInPlace } from './select.js';
import { quantileSorted, standardQuantiles, type StandardQuantiles } from './quantile.js';
import { toSamples } from './validate.js';
import { sortedCopy } from './sort.js';

/** Scale that makes the MAD a consistent estimator of σ for normal data: 1 / Φ⁻¹(3/4). */
export const MAD_NORMAL_SCALE = 1.4826;

/**
 * Arithmetic mean, with one correction pass (mean += Σ(x - mean) / n) that recovers the digits
 * a plain sum loses when values share a large offset.
 *
 * @throws RangeError for empty input or non-finite values
 */
export function mean(x: ArrayLike<number>): number {
  return meanOf(toSamples(x, 'mean'));
}

function meanOf(a: Float64Array): number {
  const n = a.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i];
  const m = s / n;
  let c = 0;
  for (let i = 0; i < n; i++) c += a[i] - m;
  return m + c / n;
}

/** Sum of squared deviations about the mean, corrected two-pass. */
function sumSquares(a: Float64Array, m: number): number {
  let ss = 0;
  let c = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - m;
    ss += d * d;
    c += d;
  }
  return ss - (c * c) / a.length;
}

/**
 * Sample variance Σ(x - x̄)² / (n - 1), corrected two-pass algorithm.
 *
 * @throws RangeError for fewer than 2 samples or non-finite values
 */
export function variance(x: ArrayLike<number>): number {
  const a = toSamples(x, 'variance', 2);
  return sumSquares(a, meanOf(a)) / (a.length - 1);
}

/**
 * Sample standard deviation √variance (n - 1 denominator).
 *
 * @throws RangeError for fewer than 2 samples or non-finite values
 */
export function stddev(x: ArrayLike<number>): number {
  return Math.sqrt(variance(x));
}

/**
 * Smallest value.
 *
 * @throws RangeError for empty input or non-finite values
 */
export function min(x: ArrayLike<number>): number {
  const a = toSamples(x, 'min');
  let m = a[0];
  for (let i = 1; i < a.length; i++) if (a[i] < m) m = a[i];
  return m;
}

/**
 * Largest value.
 *
 * @throws RangeError for empty input or non-finite values
 */
export function max(x: ArrayLike<number>): number {
  const a = toSamples(x, 'max');
  let m = a[0];
  for (let i = 1; i < a.length; i++) if (a[i] > m) m = a[i];
  return m;
}

/**
 * Median absolute deviation, median(|x - median(x)|), unscaled (R: `mad(x, constant = 1)`).
 * Multiply by {@link MAD_NORMAL_SCALE} (or call {@link madScaled}) to estimate σ.
 *
 * @throws RangeError for empty input or non-finite values
 */
export function mad(x: ArrayLike<number>): number {
  const a = toSamples(x, 'mad');
  const scratch = new Float64Array(a);
  const med = medianInPlace(scratch);
  for (let i = 0; i < a.length; i++) scratch[i] = Math.abs(a[i] - med);
  return medianInPlace(scratch);
}

/**
 * Normal-consistent MAD: 1.4826 · median(|x - median(x)|) (R's `mad(x)` default).
 *
 * @throws RangeError for empty input or non-finite values
 */
export function madScaled(x: ArrayLike<number>): number {
  return MAD_NORMAL_SCALE * mad(x);
}

/**
 * Coefficient of variation, stddev / |mean|, as a fraction. Returns 0 for constant data, and
 * `Infinity` when the mean is 0 but the data vary.
 *
 * @throws RangeError for fewer than 2 samples or non-finite values
 */
export function coefficientOfVariation(x: ArrayLike<number>): number {
  const a = toSamples(x, 'coefficientOfVariation', 2);
  const m = meanOf(a);
  const sd = Math.sqrt(sumSquares(a, m) / (a.length - 1));
  return sd === 0 ? 0 : sd / Math.abs(m);
}

/**
 * Median absolute percentage error of the samples against their median, as a fraction:
 * median_i(|x_i - median(x)| / |x_i|). This is the forecasting MdAPE with the median as the
 * forecast; a sample equal to 0 contributes `Infinity` (or 0 when the median is 0 too).
 *
 * @throws RangeError for empty input or non-finite values
 */
export function mdape(x: ArrayLike<number>): number {
  const a = toSamples(x, 'mdape');
  const scratch = new Float64Array(a);
  return mdapeWith(a, medianInPlace(scratch), scratch);
}

function mdapeWith(a: Float64Array, med: number, scratch: Float64Array): number {
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - med);
    scratch[i] = d === 0 ? 0 : d / Math.abs(a[i]);
  }
  return medianInPlace(scratch);
}

/**
 * Sample skewness, adjusted Fisher-Pearson G1 = √(n(n-1))/(n-2) · m3 / m2^{3/2} with
 * m_k = Σ(x - x̄)^k / n. Returns 0 for constant data.
 *
 * @throws RangeError for fewer than 3 samples or non-finite values
 */
export function skewness(x: ArrayLike<number>): number {
  const a = toSamples(x, 'skewness', 3);
  return skewnessOf(a, meanOf(a));
}

function skewnessOf(a: Float64Array, m: number): number {
  const n = a.length;
  if (n < 3) return 0;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i] - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
  }
  m2 /= n;
  m3 /= n;
  if (m2 === 0) return 0;
  return (Math.sqrt(n * (n - 1)) / (n - 2)) * (m3 / Math.pow(m2, 1.5));
}

/**
 * Consistency score 1 - stddev / mean (1 is perfectly steady; can be negative for very noisy data).
 *
 * @throws RangeError for fewer than 2 samples or non-finite values
 */
export function consistency(x: ArrayLike<number>): number {
  return 1 - coefficientOfVariation(x);
}

/** A histogram with equal-width bins. */
export interface Histogram {
  /** Bin edges, length bins + 1; bin i covers [edges[i], edges[i+1]), the last bin is closed. */
  edges: Float64Array;
  /** Count per bin, length bins. */
  counts: Uint32Array;
  /** Width of every bin (0 when all samples are equal). */
  binWidth: number;
  /** How the bin count was chosen. */
  rule: 'freedman-diaconis' | 'sturges' | 'single' | 'fixed';
}

/** Options for {@link histogram}. */
export interface HistogramOptions {
  /** Use exactly this many bins instead of the Freedman-Diaconis rule. */
  bins?: number;
  /** Upper bound on the number of bins the rule may choose (default 1000). */
  maxBins?: number;
}

/**
 * Histogram with Freedman-Diaconis bins: width h = 2·IQR·n^{-1/3}, bins = ⌈(max - min) / h⌉ over
 * [min, max] (as NumPy's `histogram(x, bins='fd')`). Falls back to Sturges (⌈log2 n⌉ + 1) when
 * the IQR is 0, and to one bin when all values are equal. Edges are min + i·(max - min)/bins.
 *
 * @throws RangeError for empty input or non-finite values
 */
export function histogram(x: ArrayLike<number>, options: HistogramOptions = {}): Histogram {
  const a = toSamples(x, 'histogram');
  const n = a.length;
  const sorted = sortedCopy(a);
  const lo = sorted[0];
  const hi = sorted[n - 1];
  const range = hi - lo;
  let bins: number;
  let rule: Histogram['rule'];
  if (options.bins !== undefined) {
    if (!Number.isInteger(options.bins) || options.bins < 1) {
      throw new RangeError(`histogram: bins must be a positive integer, got ${options.bins}`);
    }
    bins = options.bins;
    rule = 'fixed';
  } else if (range === 0) {
    bins = 1;
    rule = 'single';
  } else {
    const spread = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
    const h = (2 * spread) / Math.cbrt(n);
    if (h > 0) {
      bins = Math.ceil(range / h);
      rule = 'freedman-diaconis';
    } else {
      bins = Math.ceil(Math.log2(n)) + 1;
      rule = 'sturges';
    }
    bins = Math.max(1, Math.min(bins, options.maxBins ?? 1000));
  }
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = lo + (i * range) / bins;
  edges[bins] = hi;
  const counts = new Uint32Array(bins);
  const norm = range === 0 ? 0 : bins / range;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    let b = Math.floor((v - lo) * norm);
    if (b >= bins) b = bins - 1;
    if (b > 0 && v < edges[b]) b--;
    else if (b < bins - 1 && v >= edges[b + 1]) b++;
    counts[b]++;
  }
  return { edges, counts, binWidth: range / bins, rule };
}

/** Everything the engine reports about one sample set. */
export interface Summary extends StandardQuantiles {
  /** Number of samples. */
  n: number;
  /** Arithmetic mean. */
  mean: number;
  /** Median (= p50). */
  median: number;
  /** Smallest sample. */
  min: number;
  /** Largest sample. */
  max: number;
  /** Sample variance (n - 1); 0 when n = 1. */
  variance: number;
  /** Sample standard deviation; 0 when n = 1. */
  stddev: number;
  /** Median absolute deviation from the median, unscaled. */
  mad: number;
  /** 1.4826 · mad (estimates σ for normal data). */
  madScaled: number;
  /** Interquartile range p75 - p25 (type 7). */
  iqr: number;
  /** Coefficient of variation stddev / |mean| (fraction); 0 for constant data. */
  cv: number;
  /** Median absolute percentage error against the median (fraction), see {@link mdape}. */
  mdape: number;
  /** Adjusted Fisher-Pearson skewness G1; 0 when n < 3 or the data are constant. */
  skewness: number;
  /** 1 - cv. */
  consistency: number;
}

/**
 * Type-7 median of g(sorted[i]) where g(v) = |v - pivot| (relative = false) or |v - pivot| / v
 * (relative = true, all values > 0): both decrease below the pivot and increase from it, so the
 * two monotone runs are merged in O(n) sequential steps with no scratch buffer and no selection.
 */
function medianOfMerged(sorted: Float64Array, pivot: number, relative: boolean): number {
  const n = sorted.length;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < pivot) lo = mid + 1;
    else hi = mid;
  }
  const h = (n - 1) * 0.5;
  const k = Math.floor(h);
  let i = lo - 1; // left run walks down
  let j = lo; // right run walks up
  let prev = 0;
  for (let r = 0; r <= k + 1 && r < n; r++) {
    let v: number;
    const gl = i >= 0 ? (relative ? (pivot - sorted[i]) / sorted[i] : pivot - sorted[i]) : Infinity;
    const gr = j < n ? (relative ? (sorted[j] - pivot) / sorted[j] : sorted[j] - pivot) : Infinity;
    if (gl <= gr) {
      v = gl;
      i--;
    } else {
      v = gr;
      j++;
    }
    if (r === k) {
      if (h === k) return v;
      prev = v;
    } else if (r === k + 1) return prev + 0.5 * (v - prev);
  }
  return prev;
}

/**
 * All descriptive statistics from one sort (Float64Array.prototype.sort) plus O(n) passes.
 * With a single sample, spread statistics are 0 (no spread can be estimated) rather than NaN.
 *
 * @param samples - the measurements (not modified)
 * @throws RangeError for empty input or non-finite values
 */
export function summarize(samples: ArrayLike<number>): Summary {
  const a = toSamples(samples, 'summarize');
  const n = a.length;
  const sorted = sortedCopy(a);
  const q = standardQuantiles(sorted);
  const med = q.p50;
  const m = meanOf(a);
  // one pass for the second and third central moments (corrected two-pass variance)
  let ss = 0;
  let c = 0;
  let s3 = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i] - m;
    const d2 = d * d;
    c += d;
    ss += d2;
    s3 += d2 * d;
  }
  ss -= (c * c) / n;
  const variance = n > 1 ? Math.max(0, ss) / (n - 1) : 0;
  const sd = Math.sqrt(variance);
  const m2 = ss / n;
  const skew = n < 3 || !(m2 > 0) ? 0 : (Math.sqrt(n * (n - 1)) / (n - 2)) * (s3 / n / Math.pow(m2, 1.5));
  const madRaw = medianOfMerged(sorted, med, false);
  const mdapeValue = sorted[0] > 0 ? medianOfMerged(sorted, med, true) : mdapeWith(a, med, new Float64Array(n));
  const cv = sd === 0 ? 0 : sd / Math.abs(m);
  return {
    n,
    mean: m,
    median: med,
    ...q,
    min: sorted[0],
    max: sorted[n - 1],
    variance,
    stddev: sd,
    mad: madRaw,
    madScaled: MAD_NORMAL_SCALE * madRaw,
    iqr: quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25),
    cv,
    mdape: mdapeValue,
    skewness: skew,
    consistency: 1 - cv,
  };
}
