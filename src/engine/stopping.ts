import { blockMedianCI, medianCISorted, pairedLogRatio, quantileSorted } from '../stats/index.js';
import type { Sampling } from './options.js';
import type { StopReason } from './types.js';

/**
 * Relative half-width of the 95% CI of the median, or Infinity when it cannot be judged: the wider
 * of the order-statistic interval (independent samples) and the batch-medians interval over the
 * samples in time order, which widens when the level drifts during sampling (a shared machine),
 * so sampling goes on until the drift averages out instead of stopping on a falsely narrow CI.
 */
export function medianHalfWidth(samples: ArrayLike<number>): number {
  if (samples.length < 2) return Infinity;
  const sorted = Float64Array.from(samples).sort();
  const ci = medianCISorted(sorted, 0.95);
  const m = quantileSorted(sorted, 0.5);
  if (!ci.reached || !(m > 0)) return Infinity;
  const blocks = blockMedianCI(samples);
  if (!blocks.reached) return Infinity;
  return Math.max(ci.hi - ci.lo, blocks.hi - blocks.lo) / 2 / m;
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

  /** Returns why to stop, or null to take another sample (round). */
  check(count: number, elapsedMs: number, halfWidth: () => number): StopReason | null {
    const s = this.s;
    if (s.samples !== undefined) return count >= s.samples ? 'fixed' : null;
    if (count >= s.maxSamples) return 'max-samples';
    if (elapsedMs >= s.maxTimeMs) return 'budget';
    if (count < s.minSamples || elapsedMs < s.minTimeMs || count < this.nextCheck) return null;
    this.nextCheck = Math.ceil(count * 1.1) + 1;
    return halfWidth() <= s.precision ? 'precision' : null;
  }
}
