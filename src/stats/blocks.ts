/**
 * Confidence interval for the median level of a time-ordered series whose noise drifts.
 *
 * The order-statistic interval ({@link medianCI}) assumes independent samples. Benchmark samples
 * on a shared machine are not: the level wanders over hundreds of milliseconds (host load, clock
 * boost), so that interval can be far narrower than the spread between repeated runs. Batch means
 * (Law & Kelton, *Simulation Modeling and Analysis*, §9.5.3) handle this: split the series into m
 * contiguous blocks, take a statistic per block, and treat the m block values as roughly
 * independent: centre = their mean, half-width = t(1 - α/2, m - 1) · sd / √m. Here the per-block
 * statistic is the median, so single outliers do not move a block.
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
}

/** Result of {@link blockMedianCI}. */
export interface BlockMedianInterval {
  /** Mean of the block medians. */
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
 * @throws RangeError for empty input, non-finite values, blocks < 3 or confidence outside (0, 1)
 */
export function blockMedianCI(samples: ArrayLike<number>, options: BlockMedianOptions = {}): BlockMedianInterval {
  const x = toSamples(samples, 'blockMedianCI');
  const confidence = options.confidence ?? 0.95;
  checkOpenUnit(confidence, 'confidence', 'blockMedianCI');
  const wanted = options.blocks ?? 10;
  if (!(Number.isInteger(wanted) && wanted >= 3)) throw new RangeError(`blockMedianCI: blocks must be an integer >= 3, got ${wanted}`);
  const m = Math.min(wanted, Math.floor(x.length / 2));
  if (m < 3) return { center: median(x), lo: -Infinity, hi: Infinity, blocks: 0, blockMedians: [], reached: false };
  const blockMedians: number[] = [];
  for (let j = 0; j < m; j++) {
    const from = Math.floor((j * x.length) / m);
    const to = Math.floor(((j + 1) * x.length) / m);
    blockMedians.push(median(x.subarray(from, to)));
  }
  let center = 0;
  for (const b of blockMedians) center += b;
  center /= m;
  let ss = 0;
  for (const b of blockMedians) ss += (b - center) ** 2;
  const half = (studentTQuantile(1 - (1 - confidence) / 2, m - 1) * Math.sqrt(ss / (m - 1))) / Math.sqrt(m);
  return { center, lo: center - half, hi: center + half, blocks: m, blockMedians, reached: true };
}
