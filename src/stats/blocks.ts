/**
 * Confidence interval for the median level of a time-ordered series whose noise drifts.
 *
 * The order-statistic interval ({@link medianCI}) assumes independent samples. Benchmark samples
 * on a shared machine are not: the level wanders over hundreds of milliseconds (host load, clock
 * boost), so that interval can be far narrower than the spread between repeated runs. Batch means
 * (Law & Kelton, *Simulation Modeling and Analysis*, §9.5.3) handle this: split the series into m
 * contiguous blocks, take a statistic per block, and treat the m block values as roughly
 * independent: centre = their mean, half-width = t(1 - α/2, m - 1) · sd / √m. Here the per-block
 * statistic is the median, so single outliers do not move a block. With `trim`, the block medians
 * are combined by a trimmed mean with the Tukey-McLaughlin standard error (Wilcox, *Introduction to
 * Robust Estimation and Hypothesis Testing*, 4th ed., §4.4: winsorized sd / ((1 - 2γ)·√m), t with
 * m - 2g - 1 degrees of freedom), so a few outlying blocks (a slow start, a GC storm) cannot
 * dominate the interval.
 */

import { studentTQuantile } from './distributions.js';
import { median } from './quantile.js';
import { checkOpenUnit, toSamples } from './validate.js';

/** Options for {@link blockMedianCI}. */
export interface BlockMedianOptions {
  /** Number of contiguous blocks m (default 10; lowered to ⌊n/2⌋ for short series, at least 3). */
  blocks?: number;
  /** Confidence level (default 0.95). */
  confidence?: number;
  /** Fraction γ of block medians trimmed from each end, in [0, 0.5) (default 0: plain mean and t). */
  trim?: number;
}

/** Result of {@link blockMedianCI}. */
export interface BlockMedianInterval {
  /** Mean (or trimmed mean) of the block medians. */
  center: number;
  lo: number;
  hi: number;
  /** Blocks actually used. */
  blocks: number;
  /** Median of each block, in time order. */
  blockMedians: number[];
  /** False when the series is too short for 3 blocks of 2 samples; then lo/hi are ∓Infinity. */
  reached: boolean;
}

/**
 * Batch-medians confidence interval for the level of a time-ordered series.
 *
 * @param samples - measurements in the order they were taken
 * @throws RangeError for empty input, non-finite values, blocks < 3, trim outside [0, 0.5) or
 *   confidence outside (0, 1)
 */
export function blockMedianCI(samples: ArrayLike<number>, options: BlockMedianOptions = {}): BlockMedianInterval {
  const x = toSamples(samples, 'blockMedianCI');
  const confidence = options.confidence ?? 0.95;
  checkOpenUnit(confidence, 'confidence', 'blockMedianCI');
  const wanted = options.blocks ?? 10;
  if (!(Number.isInteger(wanted) && wanted >= 3)) throw new RangeError(`blockMedianCI: blocks must be an integer >= 3, got ${wanted}`);
  const trim = options.trim ?? 0;
  if (!(trim >= 0 && trim < 0.5)) throw new RangeError(`blockMedianCI: trim must be in [0, 0.5), got ${trim}`);
  const m = Math.min(wanted, Math.floor(x.length / 2));
  if (m < 3) return { center: median(x), lo: -Infinity, hi: Infinity, blocks: 0, blockMedians: [], reached: false };
  const blockMedians: number[] = [];
  for (let j = 0; j < m; j++) {
    const from = Math.floor((j * x.length) / m);
    const to = Math.floor(((j + 1) * x.length) / m);
    blockMedians.push(median(x.subarray(from, to)));
  }
  const g = Math.min(Math.floor(trim * m), Math.floor((m - 2) / 2)); // keeps >= 1 degree of freedom
  const sorted = [...blockMedians].sort((a, b) => a - b);
  let center = 0;
  for (let i = g; i < m - g; i++) center += sorted[i];
  center /= m - 2 * g;
  // Winsorized values: the g lowest set to the (g+1)-th, the g highest to the (m-g)-th.
  const w = sorted.map((v) => Math.min(Math.max(v, sorted[g]), sorted[m - g - 1]));
  let wm = 0;
  for (const v of w) wm += v;
  wm /= m;
  let ss = 0;
  for (const v of w) ss += (v - wm) ** 2;
  const se = Math.sqrt(ss / (m - 1)) / ((1 - 2 * trim) * Math.sqrt(m));
  const half = studentTQuantile(1 - (1 - confidence) / 2, m - 2 * g - 1) * se;
  return { center, lo: center - half, hi: center + half, blocks: m, blockMedians, reached: true };
}
