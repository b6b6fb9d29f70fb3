/**
 * Probable dead code: a benchmark whose samples cannot be told apart from its empty loop's. Its
 * corrected times are then noise around 0 (a median of -0.03 ns with ±276% said nothing), so the
 * result keeps the raw statistics and an upper bound on the cost instead.
 */
import { compareSamples, hodgesLehmann, median } from '../stats/index.js';
import type { BenchResult } from '../result/types.js';

/**
 * Relative band around the empty loop's time within which a benchmark counts as indistinguishable.
 * Two identical generated loops (an empty body against its own empty loop) measured 0.83-1.14x of
 * each other across fresh processes on Node 20-26, by where each one's code lands; the cheapest real
 * body a loop keeps (one add to a closure variable) measured 2.3x or more (bench/dead-code/band.ts).
 * 5% flagged an empty body in only 10 of 12 processes on Node 24.
 */
export const DEAD_BAND = 0.25;
const ALPHA = 0.01;

/** Flagged at the end: not shown slower than the empty loop by more than the band (p < 0.01). */
export function looksDead(raw: ArrayLike<number>, empty: ArrayLike<number>): boolean {
  if (raw.length < 3 || empty.length < 3) return false;
  return compareSamples(empty, raw, { alpha: ALPHA, noise: DEAD_BAND, resamples: 500 }).verdict !== 'slower';
}

/**
 * Stops sampling early only on positive evidence: the upper end of the 99% interval of the ratio to
 * the empty loop is within the band (at most 25% slower; faster counts too: the empty loop's body is
 * not free of cost either). A real but noisy benchmark's interval reaches past the band, so it
 * samples on. The median pre-check skips the bootstrap for anything clearly slower.
 */
export function provenDead(raw: ArrayLike<number>, empty: ArrayLike<number>): boolean {
  if (raw.length < 6 || empty.length < 6) return false;
  if (median(raw) > (1 + 2 * DEAD_BAND) * median(empty)) return false;
  return compareSamples(empty, raw, { alpha: ALPHA, noise: DEAD_BAND, resamples: 500 }).ci[1] <= 1 + DEAD_BAND;
}

/**
 * Upper bound on the per-iteration cost above the empty loop: the upper end of the 95%
 * Hodges-Lehmann interval of the shift between raw and empty-loop samples. A cost cannot be
 * negative, so an upper end below 0 bounds it by 0: still a true statement, unlike a clamped estimate.
 */
export function deadCodeBound(raw: ArrayLike<number>, empty: ArrayLike<number>): NonNullable<BenchResult['deadCode']> {
  const hl = hodgesLehmann(raw, empty, 0.95);
  return { upperBound: Math.max(0, hl.ci[1]), confidence: 0.95, method: 'hodges-lehmann' };
}

/** Why a dead-code result has no corrected statistics. */
export const DEAD_CODE_REASON =
  'indistinguishable from the empty loop: corrected times would be noise around 0 (keep the result with doNotOptimize())';
