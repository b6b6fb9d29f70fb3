import { blockMedianCI, medianCISorted, pairedLogRatio, quantileSorted } from '../stats/index.js';
import type { Sampling } from './options.js';
import type { SampleStats, StopReason } from '../result/types.js';

/**
 * Batch-medians settings. Law & Kelton advise 10-30 blocks. 10% of the block medians are trimmed
 * from each end, so up to two outlying blocks (a slow start: JSON.parse's first 5% of samples ran
 * 1.6x slower and made the untrimmed interval ±6.7%) do not decide the interval. On steady samples
 * (seeded simulation, n = 1000) taking the wider of this and the order-statistic interval costs
 * about 29% more samples (untrimmed 20 blocks: 21%; untrimmed 10 blocks: 40%).
 */
export const DRIFT_BLOCKS = 20;
export const DRIFT_TRIM = 0.1;

/** A median CI in the result format, with its method always set. */
export type MedianInterval = Required<SampleStats['medianCI']>;

/**
 * The 95% CI of the median used to judge and report precision: the distribution-free
 * order-statistic interval, or median ± the batch-medians half-width over the samples in time
 * order when that is wider. The first assumes independent samples; the second widens when the level
 * drifts during sampling (a shared machine), so sampling goes on until the drift averages out
 * instead of stopping on a falsely narrow CI. Below six samples (too few for 3 blocks of 2) it is
 * the order-statistic interval alone.
 */
export function medianInterval(samples: ArrayLike<number>): MedianInterval {
  return judged(samples).ci;
}

function judged(samples: ArrayLike<number>): { ci: MedianInterval; median: number } {
  const sorted = Float64Array.from(samples).sort();
  const order = medianCISorted(sorted, 0.95);
  const median = quantileSorted(sorted, 0.5);
  const blocks = samples.length >= 6 ? blockMedianCI(samples, { blocks: DRIFT_BLOCKS, trim: DRIFT_TRIM }) : null;
  const blockHalf = blocks ? (blocks.hi - blocks.lo) / 2 : 0;
  const ci: MedianInterval =
    blockHalf > (order.hi - order.lo) / 2
      ? { lo: median - blockHalf, hi: median + blockHalf, confidence: 0.95, method: 'batch-medians' }
      : { lo: order.lo, hi: order.hi, confidence: order.coverage, method: 'order-statistics' };
  return { ci, median };
}

/** Relative half-width of {@link medianInterval}; Infinity below six samples or for a median <= 0. */
export function medianHalfWidth(samples: ArrayLike<number>): number {
  if (samples.length < 6) return Infinity;
  const j = judged(samples);
  if (!(j.median > 0)) return Infinity;
  return (j.ci.hi - j.ci.lo) / 2 / j.median;
}

/** Relative half-width of the paired per-round ratio CI (sign test), or Infinity. */
export function ratioHalfWidth(baseline: ArrayLike<number>, current: ArrayLike<number>): number {
  if (baseline.length < 6) return Infinity;
  for (let i = 0; i < baseline.length; i++) if (!(baseline[i] > 0) || !(current[i] > 0)) return Infinity;
  const r = pairedLogRatio(baseline, current, 0.95);
  if (!r.reached) return Infinity;
  return (r.ci[1] - r.ci[0]) / 2 / r.ratio;
}

/**
 * Decides when to stop sampling. The precision rule is checked at geometrically spaced sample
 * counts (every ~10% more samples), so its sorting costs O(n log n) in total, not per sample.
 */
export class StopRule {
  private nextCheck: number;
  constructor(private readonly s: Sampling) {
    this.nextCheck = s.minSamples;
  }

  /**
   * Returns why to stop, or null to take another sample (round). `dead`, checked when precision is
   * not reached, stops a benchmark shown indistinguishable from its empty loop, whose corrected
   * median (about 0) no sample count makes precise. `steady`, checked when it is, keeps sampling
   * while the samples hold more than one performance state: a ±1% interval around one of two levels
   * is not precision, and the budget then gives both states their share of samples.
   */
  check(count: number, elapsedMs: number, halfWidth: () => number, dead?: () => boolean, steady?: () => boolean): StopReason | null {
    const s = this.s;
    if (s.samples !== undefined) return count >= s.samples ? 'fixed' : null;
    if (count >= s.maxSamples) return 'max-samples';
    if (elapsedMs >= s.maxTimeMs) return 'budget';
    if (count < s.minSamples || elapsedMs < s.minTimeMs || count < this.nextCheck) return null;
    this.nextCheck = Math.ceil(count * 1.1) + 1;
    if (halfWidth() <= s.precision && (steady?.() ?? true)) return 'precision';
    return dead?.() ? 'dead-code' : null;
  }
}

/** What a group's stop rule reads from each contender (a `Contender`; plain objects in tests). */
export interface GroupMember {
  readonly raw: readonly number[];
  correctedHalfWidth(): number;
  provenDead(): boolean;
  steady(): boolean;
}

/**
 * One check of a group's interleaved rounds. Every contender's own median and every ratio to the
 * baseline must reach the target: the paired ratio converges much sooner, and stopping on it alone
 * left absolute times at a few %. A contender shown to be dead code counts by its ratio only: it has
 * no median to make precise (about 0), and the states of its ~1 ns raw samples say nothing about
 * anyone's time (they held a group with a steady, precise contender to the budget on a loaded machine).
 */
export function checkGroup<M extends GroupMember>(
  rule: StopRule,
  live: readonly M[],
  base: M | undefined,
  elapsedMs: number,
): StopReason | null {
  const rounds = Math.min(...live.map((c) => c.raw.length));
  let dead = new Set<M>();
  return rule.check(
    rounds,
    elapsedMs,
    () => {
      dead = new Set(live.filter((c) => c.provenDead()));
      if (dead.size === live.length) return Infinity; // nothing left to make precise: stops as dead code
      return Math.max(
        ...live.filter((c) => !dead.has(c)).map((c) => c.correctedHalfWidth()),
        ...(base ? live.filter((c) => c !== base).map((c) => ratioHalfWidth(base.raw.slice(0, rounds), c.raw.slice(0, rounds))) : []),
      );
    },
    () => dead.size === live.length,
    () => live.every((c) => dead.has(c) || c.steady()),
  );
}
