/**
 * Statistics over a history series (one value per run, oldest first): linear trend per step,
 * change points by E-divisive means with a permutation test, and projection of when the trend
 * crosses a threshold.
 *
 * Change points: E-divisive (Matteson & James 2014, J. Amer. Statist. Assoc. 109:334), the method
 * MongoDB's performance CI uses for the same job (Daly et al., ICPE 2020). For a segment split at τ
 * into L (m values) and R (n values), with exponent 1,
 *   Q(τ) = mn/(m+n) · [ 2/(mn)·Σ_{L×R}|x - y| - 2/(m(m-1))·Σ_{L pairs}|x - x'| - 2/(n(n-1))·Σ_{R pairs}|y - y'| ].
 * Binary segmentation takes the segment and τ with the largest Q, then a permutation test (values of
 * that segment shuffled with a seeded PRNG, `permutations` times) gives p = (1 + #{Q_perm >= Q}) /
 * (1 + permutations); the split is kept when p <= alpha and the search repeats, else it stops.
 * Q is evaluated for every τ in O(len·log len) with Fenwick trees over value ranks.
 */

import { studentTTwoSided } from './distributions.js';
import { linearFit } from './regression.js';
import { createRng, DEFAULT_SEED, type Rng } from './rng.js';
import { checkOpenUnit, checkPositiveInt, toSamples } from './validate.js';

/** Linear trend of a series. */
export interface Trend {
  /** Change per step (index), least squares. */
  slope: number;
  /** (1 - alpha) confidence interval of the slope. */
  ci: [number, number];
  /** Two-sided p-value for slope = 0. */
  pValue: number;
  /** Fitted value at index 0. */
  intercept: number;
  /** Fitted value at the last index. */
  current: number;
  /** R² of the fit. */
  r2: number;
  /** Number of values. */
  n: number;
}

/**
 * Least-squares trend of values against their index 0..n-1.
 *
 * @param alpha - default 0.05
 * @throws RangeError for fewer than 3 values or non-finite values
 */
export function trend(values: ArrayLike<number>, alpha = 0.05): Trend {
  const y = toSamples(values, 'trend', 3);
  const x = Float64Array.from({ length: y.length }, (_, i) => i);
  const f = linearFit(x, y, alpha);
  const df = y.length - 2;
  const pValue = f.slopeStdErr === 0 ? (f.slope === 0 ? 1 : 0) : studentTTwoSided(f.slope / f.slopeStdErr, df);
  return {
    slope: f.slope,
    ci: f.slopeCI,
    pValue,
    intercept: f.intercept,
    current: f.intercept + f.slope * (y.length - 1),
    r2: f.r2,
    n: y.length,
  };
}

/** A detected change point. */
export interface ChangePoint {
  /** Index of the first value after the change. */
  index: number;
  /** Mean of the segment that ends just before `index`. */
  meanBefore: number;
  /** Mean of the segment that starts at `index`. */
  meanAfter: number;
  /** Permutation p-value when the split was accepted. */
  pValue: number;
}

/** Options for {@link changePoints}. */
export interface ChangePointOptions {
  /** Significance level of each permutation test (default 0.05). */
  alpha?: number;
  /** Minimum segment length (default 5, at least 2). */
  minSize?: number;
  /** PRNG seed for the permutations (default {@link DEFAULT_SEED}). */
  seed?: number;
  /** Permutations per test (default 199). */
  permutations?: number;
}

class Fenwick {
  readonly cnt: Float64Array;
  readonly sum: Float64Array;
  constructor(size: number) {
    this.cnt = new Float64Array(size + 1);
    this.sum = new Float64Array(size + 1);
  }
  add(rank: number, v: number, sign: number): void {
    for (let i = rank + 1; i < this.cnt.length; i += i & -i) {
      this.cnt[i] += sign;
      this.sum[i] += sign * v;
    }
  }
  /** [count, sum] of ranks < rank. */
  prefix(rank: number, out: Float64Array): void {
    let c = 0;
    let s = 0;
    for (let i = rank; i > 0; i -= i & -i) {
      c += this.cnt[i];
      s += this.sum[i];
    }
    out[0] = c;
    out[1] = s;
  }
}

/** Σ|v - x| over the set in `tree`, given its total count and sum. */
function absSum(tree: Fenwick, rank: number, v: number, totalCnt: number, totalSum: number, tmp: Float64Array): number {
  tree.prefix(rank, tmp);
  const cl = tmp[0];
  const sl = tmp[1];
  return v * cl - sl + (totalSum - sl) - v * (totalCnt - cl);
}

/** Best split of vals (ranks within the segment given) by the E-divisive statistic. */
function bestSplit(vals: Float64Array, ranks: Int32Array, minSize: number): { tau: number; q: number } {
  const L = vals.length;
  const left = new Fenwick(L);
  const right = new Fenwick(L);
  const tmp = new Float64Array(2);
  let rCnt = 0;
  let rSum = 0;
  let wr = 0;
  // all values start in the right set; accumulate within-right distances incrementally
  for (let i = 0; i < L; i++) {
    wr += absSum(right, ranks[i], vals[i], rCnt, rSum, tmp);
    right.add(ranks[i], vals[i], 1);
    rCnt++;
    rSum += vals[i];
  }
  let wl = 0;
  let b = 0;
  let lCnt = 0;
  let lSum = 0;
  let best = { tau: -1, q: -Infinity };
  for (let i = 0; i < L - minSize; i++) {
    const v = vals[i];
    right.add(ranks[i], v, -1);
    rCnt--;
    rSum -= v;
    const dr = absSum(right, ranks[i], v, rCnt, rSum, tmp);
    const dl = absSum(left, ranks[i], v, lCnt, lSum, tmp);
    wr -= dr;
    b += dr - dl;
    wl += dl;
    left.add(ranks[i], v, 1);
    lCnt++;
    lSum += v;
    const m = lCnt;
    const n = rCnt;
    if (m < minSize) continue;
    const e = (2 * b) / (m * n) - (2 * wl) / (m * (m - 1)) - (2 * wr) / (n * (n - 1));
    const q = ((m * n) / (m + n)) * e;
    if (q > best.q) best = { tau: i + 1, q };
  }
  return best;
}

function ranksOf(vals: Float64Array): Int32Array {
  const idx = new Int32Array(vals.length).map((_, i) => i).sort((i, j) => vals[i] - vals[j]);
  const r = new Int32Array(vals.length);
  for (let k = 0; k < idx.length; k++) r[idx[k]] = k;
  return r;
}

function shuffle(vals: Float64Array, ranks: Int32Array, rng: Rng): void {
  for (let i = vals.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tv = vals[i];
    vals[i] = vals[j];
    vals[j] = tv;
    const tr = ranks[i];
    ranks[i] = ranks[j];
    ranks[j] = tr;
  }
}

/**
 * Change points of a series by E-divisive means with a seeded permutation test (see the module
 * comment). Deterministic for a given seed. Returns change points sorted by index, each with the
 * means of the final segments on either side.
 *
 * @throws RangeError for empty input, non-finite values or bad options
 */
export function changePoints(values: ArrayLike<number>, options: ChangePointOptions = {}): ChangePoint[] {
  const x = toSamples(values, 'changePoints');
  const alpha = options.alpha ?? 0.05;
  checkOpenUnit(alpha, 'alpha', 'changePoints');
  const minSize = options.minSize ?? 5;
  if (!Number.isInteger(minSize) || minSize < 2) throw new RangeError(`changePoints: minSize must be an integer >= 2, got ${minSize}`);
  const permutations = options.permutations ?? 199;
  checkPositiveInt(permutations, 'permutations', 'changePoints');
  const rng = createRng(options.seed ?? DEFAULT_SEED);
  const cuts: { index: number; pValue: number }[] = [];
  // candidate splits per segment, recomputed only for new segments
  type Seg = { start: number; end: number; tau: number; q: number };
  const evalSeg = (start: number, end: number): Seg => {
    if (end - start < 2 * minSize) return { start, end, tau: -1, q: -Infinity };
    const vals = x.slice(start, end);
    const r = bestSplit(vals, ranksOf(vals), minSize);
    return { start, end, tau: r.tau < 0 ? -1 : start + r.tau, q: r.q };
  };
  let segs: Seg[] = [evalSeg(0, x.length)];
  for (;;) {
    let pick: Seg | undefined;
    for (const s of segs) if (s.tau >= 0 && (!pick || s.q > pick.q)) pick = s;
    if (!pick) break;
    const vals = x.slice(pick.start, pick.end);
    const ranks = ranksOf(vals);
    let exceed = 0;
    for (let p = 0; p < permutations; p++) {
      shuffle(vals, ranks, rng);
      if (bestSplit(vals, ranks, minSize).q >= pick.q) exceed++;
    }
    const pValue = (1 + exceed) / (1 + permutations);
    if (pValue > alpha) break;
    cuts.push({ index: pick.tau, pValue });
    const chosen = pick;
    segs = segs.filter((s) => s !== chosen);
    segs.push(evalSeg(chosen.start, chosen.tau), evalSeg(chosen.tau, chosen.end));
  }
  cuts.sort((a, b) => a.index - b.index);
  const bounds = [0, ...cuts.map((c) => c.index), x.length];
  const segMean = (s: number, e: number): number => {
    let sum = 0;
    for (let i = s; i < e; i++) sum += x[i];
    return sum / (e - s);
  };
  return cuts.map((c, i) => ({
    index: c.index,
    meanBefore: segMean(bounds[i], bounds[i + 1]),
    meanAfter: segMean(bounds[i + 1], bounds[i + 2]),
    pValue: c.pValue,
  }));
}

/** Result of {@link projectCrossing}. */
export interface Crossing {
  /**
   * Steps after the last value until the fitted trend reaches the threshold (fractional), or null
   * when it will not: see `reason`.
   */
  steps: number | null;
  /**
   * 'crossing' (steps given), 'at-threshold' (steps 0), 'flat' (the slope's CI contains 0 at
   * alpha, so no direction is established), 'moving-away' (significant slope pointing away).
   */
  reason: 'crossing' | 'at-threshold' | 'flat' | 'moving-away';
  /** The trend the projection used. */
  trend: Trend;
}

/**
 * Project when the linear trend of `values` crosses `threshold`, counting from the fitted value
 * at the last index: steps = (threshold - current) / slope, only when the slope is significant
 * (its 1 - alpha CI excludes 0) and points toward the threshold.
 *
 * @param alpha - default 0.05
 * @throws RangeError for fewer than 3 values, non-finite values or a non-finite threshold
 */
export function projectCrossing(values: ArrayLike<number>, threshold: number, alpha = 0.05): Crossing {
  if (!Number.isFinite(threshold)) throw new RangeError(`projectCrossing: threshold must be finite, got ${threshold}`);
  const t = trend(values, alpha);
  const gap = threshold - t.current;
  if (gap === 0) return { steps: 0, reason: 'at-threshold', trend: t };
  if (t.slope === 0 || (t.ci[0] <= 0 && t.ci[1] >= 0)) return { steps: null, reason: 'flat', trend: t };
  if (Math.sign(gap) !== Math.sign(t.slope)) return { steps: null, reason: 'moving-away', trend: t };
  return { steps: gap / t.slope, reason: 'crossing', trend: t };
}
