/**
 * The comparison verdict used by `cyclebench compare`: is the current sample b faster, slower or
 * the same as the baseline a, for time-like measurements (lower is better)?
 */

import { ratioCI } from './bootstrap.js';
import { mannWhitneyU } from './mann-whitney.js';
import { pairedLogRatio } from './paired.js';
import { DEFAULT_SEED } from './rng.js';
import { toSamples } from './validate.js';

/** Verdict of {@link compareSamples}. */
export type Verdict = 'faster' | 'slower' | 'same' | 'inconclusive';

/** Options for {@link compareSamples}. */
export interface CompareOptions {
  /** Significance level; the ratio interval has confidence 1 - alpha (default 0.05). */
  alpha?: number;
  /** Half-width of the practical-equivalence band around a ratio of 1 (default 0.01 = ±1 %). */
  noise?: number;
  /** a and b are equal-length per-round samples from interleaved rounds (default false). */
  paired?: boolean;
  /** Seed of the bootstrap (unpaired only); default {@link DEFAULT_SEED}, so results reproduce. */
  seed?: number;
  /** Bootstrap resamples for the unpaired ratio interval (default 2000). */
  resamples?: number;
}

/** Outcome of {@link compareSamples}. */
export interface SampleComparison {
  /** See {@link compareSamples} for the exact rule. */
  verdict: Verdict;
  /** centre(b) / centre(a): ratio of medians, or the median per-round ratio when paired. */
  ratio: number;
  /** Confidence interval of `ratio` at level 1 - alpha. */
  ci: [number, number];
  /** Two-sided p-value of the test named in `test`. */
  pValue: number;
  /** Which test and interval produced pValue and ci. */
  test: string;
  /** Sample sizes [a, b] (rounds twice when paired). */
  n: [number, number];
}

/**
 * Compare b (current) against a (baseline) for time-like samples where lower is better.
 *
 * Unpaired (default): ratio = median(b) / median(a); ci = seeded percentile-bootstrap interval of
 * the ratio of medians at confidence 1 - alpha ({@link ratioCI}); pValue = two-sided Mann-Whitney
 * U ({@link mannWhitneyU}: exact for small samples without ties, else tie-corrected normal
 * approximation with continuity correction).
 *
 * Paired (`paired: true`, a[i] and b[i] from the same round): ratio = exp(median ln(b_i / a_i)),
 * ci = sign-test order-statistic interval at confidence ≥ 1 - alpha, pValue = exact two-sided sign
 * test ({@link pairedLogRatio}).
 *
 * Verdict, with band = [1 - noise, 1 + noise]:
 * - `slower` when pValue < alpha and ci[0] > 1 + noise (the whole interval is above the band);
 * - `faster` when pValue < alpha and ci[1] < 1 - noise (the whole interval is below the band);
 * - `same` when 1 - noise <= ci[0] and ci[1] <= 1 + noise (equivalence shown), whatever pValue;
 * - `inconclusive` otherwise (the interval straddles a band edge, or test and interval disagree).
 *
 * @throws RangeError for empty input, non-finite values, alpha outside (0, 1), noise < 0, a
 *   baseline median of 0, or (paired) unequal lengths / non-positive values
 */
export function compareSamples(a: ArrayLike<number>, b: ArrayLike<number>, options: CompareOptions = {}): SampleComparison {
  const xa = toSamples(a, 'compareSamples (a, baseline)');
  const xb = toSamples(b, 'compareSamples (b, current)');
  const alpha = options.alpha ?? 0.05;
  const noise = options.noise ?? 0.01;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`compareSamples: alpha must be in (0, 1), got ${alpha}`);
  if (!(noise >= 0)) throw new RangeError(`compareSamples: noise must be >= 0, got ${noise}`);
  let ratio: number;
  let ci: [number, number];
  let pValue: number;
  let test: string;
  if (options.paired) {
    const r = pairedLogRatio(xa, xb, 1 - alpha);
    ratio = r.ratio;
    ci = r.ci;
    pValue = r.pValue;
    test = `paired sign test on per-round log-ratios; order-statistic CI (coverage ${r.coverage.toFixed(4)}${r.reached ? '' : ', too few rounds for the requested confidence'})`;
  } else {
    const r = ratioCI(xa, xb, { confidence: 1 - alpha, seed: options.seed ?? DEFAULT_SEED, resamples: options.resamples });
    const mw = mannWhitneyU(xb, xa);
    ratio = r.ratio;
    ci = [r.lo, r.hi];
    pValue = mw.pValue;
    test = `Mann-Whitney U (${mw.method}); bootstrap percentile CI of the median ratio (${r.resamples} resamples)`;
  }
  return { verdict: bandVerdict(ci, pValue, alpha, noise), ratio, ci, pValue, test, n: [xa.length, xb.length] };
}

/**
 * The verdict rule of {@link compareSamples}, for any ratio interval: `slower` / `faster` when
 * significant and the whole interval is beyond the band [1 - noise, 1 + noise], `same` when the
 * interval lies inside the band, else `inconclusive`. A null p-value (an exact ratio, or a
 * summary-only interval) lets the interval decide alone.
 */
export function bandVerdict(ci: readonly [number, number], pValue: number | null, alpha: number, noise: number): Verdict {
  const significant = pValue === null || pValue < alpha;
  if (significant && ci[0] > 1 + noise) return 'slower';
  if (significant && ci[1] < 1 - noise) return 'faster';
  if (ci[0] >= 1 - noise && ci[1] <= 1 + noise) return 'same';
  return 'inconclusive';
}
