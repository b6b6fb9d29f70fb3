/**
 * Seeded nonparametric bootstrap (Efron & Tibshirani, *An Introduction to the Bootstrap*, 1993):
 * replicate distributions, percentile and BCa intervals for any statistic, and a two-sample
 * interval for the ratio of centres.
 *
 * Speed: for quantile statistics (median, any type-7 quantile) a resample is never materialised.
 * The data are sorted once; each resample draws n indices into a reused count array and the
 * requested order statistics are read from a cumulative scan, O(n) per resample with no sort or
 * select. Generic statistics get a reused scratch `Float64Array` holding the resample.
 */

import { normalCdf, normalQuantile } from './distributions.js';
import { quantileSorted } from './quantile.js';
import { createRng, DEFAULT_SEED, type Rng } from './rng.js';
import { checkOpenUnit, checkPositiveInt, toSamples } from './validate.js';
import { sortedCopy } from './sort.js';

/**
 * A statistic to bootstrap: a function of one resample (the buffer is reused between calls and
 * may be reordered by the function), or a named statistic with a fast path.
 */
export type Statistic = ((resample: Float64Array) => number) | 'mean' | 'median' | { quantile: number };

/** Options shared by the bootstrap functions. */
export interface BootstrapOptions {
  /** Number of resamples (default 2000). */
  resamples?: number;
  /** PRNG seed; the same seed gives bit-identical results (default {@link DEFAULT_SEED}). */
  seed?: number;
}

/** Options for {@link bootstrapCI}. */
export interface BootstrapCIOptions extends BootstrapOptions {
  /** Confidence level (default 0.95). */
  confidence?: number;
  /** 'bca' (default, bias-corrected and accelerated) or 'percentile'. */
  method?: 'bca' | 'percentile';
}

/** A bootstrap confidence interval. */
export interface BootstrapInterval {
  /** The statistic on the original sample. */
  estimate: number;
  /** Lower bound. */
  lo: number;
  /** Upper bound. */
  hi: number;
  /** Confidence level. */
  confidence: number;
  /** Interval method. */
  method: 'bca' | 'percentile';
  /** Number of resamples. */
  resamples: number;
  /** BCa bias correction z0 (0 for percentile). */
  bias: number;
  /** BCa acceleration a (0 for percentile). */
  acceleration: number;
}

function evaluate(stat: Statistic, a: Float64Array): number {
  if (typeof stat === 'function') return stat(new Float64Array(a));
  if (stat === 'mean') {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s / a.length;
  }
  const p = stat === 'median' ? 0.5 : stat.quantile;
  return quantileSorted(sortedCopy(a), p);
}

function quantileP(stat: Statistic): number | undefined {
  if (stat === 'median') return 0.5;
  if (typeof stat === 'object' && stat !== null) {
    if (!(stat.quantile >= 0 && stat.quantile <= 1)) {
      throw new RangeError(`bootstrap: quantile must be in [0, 1], got ${stat.quantile}`);
    }
    return stat.quantile;
  }
  return undefined;
}

/**
 * Fill `out` with bootstrap replicates of a type-7 quantile of `sorted` (counting method).
 * @internal exported for the ratio interval and the benchmark
 */
export function fillQuantileReplicates(sorted: Float64Array, p: number, rng: Rng, out: Float64Array, counts?: Uint32Array): void {
  const n = sorted.length;
  const c = counts ?? new Uint32Array(n);
  const h = (n - 1) * p;
  const k = Math.floor(h);
  const frac = h - k;
  const draws = new Uint32Array(n);
  for (let r = 0; r < out.length; r++) {
    c.fill(0);
    rng.fillInts(draws, n);
    for (let i = 0; i < n; i++) c[draws[i]]++;
    // find the sorted positions holding resample ranks k and k + 1 (0-based)
    let cum = 0;
    let j = 0;
    while (cum + c[j] <= k) cum += c[j++];
    const lo = sorted[j];
    if (frac === 0 || k + 1 >= n) {
      out[r] = lo;
      continue;
    }
    let hiVal: number;
    if (cum + c[j] > k + 1) hiVal = lo;
    else {
      j++;
      while (c[j] === 0) j++;
      hiVal = sorted[j];
    }
    out[r] = lo + frac * (hiVal - lo);
  }
}

function fillMeanReplicates(a: Float64Array, rng: Rng, out: Float64Array): void {
  const n = a.length;
  const draws = new Uint32Array(n);
  for (let r = 0; r < out.length; r++) {
    rng.fillInts(draws, n);
    let s = 0;
    for (let i = 0; i < n; i++) s += a[draws[i]];
    out[r] = s / n;
  }
}

/**
 * Bootstrap replicate distribution of a statistic: `resamples` values of the statistic, each on n
 * draws with replacement, reproducible from `seed`.
 *
 * @param x - samples
 * @param stat - statistic (function or 'mean' | 'median' | { quantile })
 * @throws RangeError for empty input, non-finite values or a bad option
 */
export function bootstrapDistribution(x: ArrayLike<number>, stat: Statistic, options: BootstrapOptions = {}): Float64Array {
  const a = toSamples(x, 'bootstrapDistribution');
  const B = options.resamples ?? 2000;
  checkPositiveInt(B, 'resamples', 'bootstrapDistribution');
  const rng = createRng(options.seed ?? DEFAULT_SEED);
  const out = new Float64Array(B);
  const n = a.length;
  const p = quantileP(stat);
  if (p !== undefined) {
    fillQuantileReplicates(sortedCopy(a), p, rng, out);
  } else if (stat === 'mean') {
    fillMeanReplicates(a, rng, out);
  } else if (typeof stat === 'function') {
    const scratch = new Float64Array(n);
    const draws = new Uint32Array(n);
    for (let r = 0; r < B; r++) {
      rng.fillInts(draws, n);
      for (let i = 0; i < n; i++) scratch[i] = a[draws[i]];
      out[r] = stat(scratch);
    }
  } else {
    throw new RangeError(`bootstrapDistribution: unknown statistic ${String(stat)}`);
  }
  return out;
}

/**
 * Jackknife (leave-one-out) values of the statistic; O(1) each for mean and quantiles, one call on
 * an n - 1 buffer each for a function statistic (O(n²) overall).
 */
export function jackknife(x: ArrayLike<number>, stat: Statistic): Float64Array {
  const a = toSamples(x, 'jackknife', 2);
  const n = a.length;
  const out = new Float64Array(n);
  const p = quantileP(stat);
  if (stat === 'mean') {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i];
    for (let i = 0; i < n; i++) out[i] = (s - a[i]) / (n - 1);
  } else if (p !== undefined) {
    // leaving out sorted position j shifts positions >= j down by one; the value only depends on
    // whether j is below, at/between, or above the two order statistics used
    const s = sortedCopy(a);
    const h = (n - 2) * p;
    const k = Math.floor(h);
    const frac = h - k;
    const at = (i: number, j: number): number => (i < j ? s[i] : s[i + 1]);
    const order = new Int32Array(n).map((_, i) => i).sort((i, j) => a[i] - a[j]);
    for (let j = 0; j < n; j++) {
      const lo = at(k, j);
      const v = frac === 0 || k + 1 > n - 2 ? lo : lo + frac * (at(k + 1, j) - lo);
      out[order[j]] = v;
    }
  } else if (typeof stat === 'function') {
    const buf = new Float64Array(n - 1);
    for (let i = 0; i < n; i++) {
      let w = 0;
      for (let j = 0; j < n; j++) if (j !== i) buf[w++] = a[j];
      out[i] = stat(buf);
    }
  } else {
    throw new RangeError(`jackknife: unknown statistic ${String(stat)}`);
  }
  return out;
}

/**
 * BCa acceleration from jackknife values: a = Σ(θ̄ - θ_i)³ / (6·(Σ(θ̄ - θ_i)²)^{3/2}); 0 when all
 * jackknife values are equal.
 */
export function accelerationFromJackknife(jack: ArrayLike<number>): number {
  const n = jack.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += jack[i];
  m /= n;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n; i++) {
    const d = m - jack[i];
    s2 += d * d;
    s3 += d * d * d;
  }
  return s2 === 0 ? 0 : s3 / (6 * Math.pow(s2, 1.5));
}

/**
 * Bootstrap confidence interval for a statistic. Percentile: the α/2 and 1 - α/2 type-7 quantiles
 * of the replicates. BCa (Efron 1987): the same quantiles at
 * α_j = Φ(z0 + (z0 + z_j) / (1 - a·(z0 + z_j))), with bias z0 = Φ⁻¹(share of replicates below the
 * estimate, ties counted half, as SciPy's `bootstrap`) and acceleration a from the jackknife.
 * Results are identical for identical (data, statistic, options).
 *
 * @throws RangeError for empty input, non-finite values or bad options
 */
export function bootstrapCI(x: ArrayLike<number>, stat: Statistic, options: BootstrapCIOptions = {}): BootstrapInterval {
  const a = toSamples(x, 'bootstrapCI');
  const confidence = options.confidence ?? 0.95;
  checkOpenUnit(confidence, 'confidence', 'bootstrapCI');
  const method = options.method ?? 'bca';
  if (method !== 'bca' && method !== 'percentile') {
    throw new RangeError(`bootstrapCI: unknown method ${String(method)}; use 'bca' or 'percentile'`);
  }
  const estimate = evaluate(stat, a);
  const reps = bootstrapDistribution(a, stat, options).sort();
  const B = reps.length;
  const alpha = 1 - confidence;
  let pLo = alpha / 2;
  let pHi = 1 - alpha / 2;
  let bias = 0;
  let acceleration = 0;
  if (method === 'bca' && a.length >= 2) {
    let below = 0;
    let equal = 0;
    for (let i = 0; i < B; i++) {
      if (reps[i] < estimate) below++;
      else if (reps[i] === estimate) equal++;
    }
    const share = Math.min(Math.max((below + 0.5 * equal) / B, 0.5 / B), 1 - 0.5 / B);
    bias = normalQuantile(share);
    acceleration = accelerationFromJackknife(jackknife(a, stat));
    const adj = (z: number): number => {
      const s = bias + z;
      return normalCdf(bias + s / (1 - acceleration * s));
    };
    pLo = adj(normalQuantile(alpha / 2));
    pHi = adj(normalQuantile(1 - alpha / 2));
  }
  return {
    estimate,
    lo: quantileSorted(reps, pLo),
    hi: quantileSorted(reps, pHi),
    confidence,
    method,
    resamples: B,
    bias,
    acceleration,
  };
}

/** Options for {@link ratioCI}. */
export interface RatioCIOptions extends BootstrapOptions {
  /** Confidence level (default 0.95). */
  confidence?: number;
  /** Centre of each sample: 'median' (default) or 'mean'. */
  centre?: 'median' | 'mean';
}

/** Interval for centre(b) / centre(a). */
export interface RatioInterval {
  /** centre(b) / centre(a) on the original samples. */
  ratio: number;
  /** Lower bound. */
  lo: number;
  /** Upper bound. */
  hi: number;
  /** Confidence level. */
  confidence: number;
  /** Number of resamples. */
  resamples: number;
}

/**
 * Percentile-bootstrap interval for the ratio of two independent samples' centres,
 * centre(b) / centre(a): a and b are resampled independently (one seeded stream), and the
 * interval is the α/2 and 1 - α/2 quantiles of the replicate ratios.
 *
 * @throws RangeError for empty input, non-finite values, a centre of a that is 0, or bad options
 */
export function ratioCI(a: ArrayLike<number>, b: ArrayLike<number>, options: RatioCIOptions = {}): RatioInterval {
  const xa = toSamples(a, 'ratioCI (a)');
  const xb = toSamples(b, 'ratioCI (b)');
  const confidence = options.confidence ?? 0.95;
  checkOpenUnit(confidence, 'confidence', 'ratioCI');
  const B = options.resamples ?? 2000;
  checkPositiveInt(B, 'resamples', 'ratioCI');
  const centre: Statistic = options.centre === 'mean' ? 'mean' : 'median';
  const ca = evaluate(centre, xa);
  if (ca === 0) throw new RangeError('ratioCI: the centre of the baseline sample a is 0; a ratio is undefined');
  const ratio = evaluate(centre, xb) / ca;
  const rng = createRng(options.seed ?? DEFAULT_SEED);
  const ra = new Float64Array(B);
  const rb = new Float64Array(B);
  if (centre === 'median') {
    fillQuantileReplicates(sortedCopy(xa), 0.5, rng, ra);
    fillQuantileReplicates(sortedCopy(xb), 0.5, rng, rb);
  } else {
    fillMeanReplicates(xa, rng, ra);
    fillMeanReplicates(xb, rng, rb);
  }
  const ratios = new Float64Array(B);
  for (let r = 0; r < B; r++) ratios[r] = rb[r] / ra[r];
  ratios.sort();
  const alpha = 1 - confidence;
  return { ratio, lo: quantileSorted(ratios, alpha / 2), hi: quantileSorted(ratios, 1 - alpha / 2), confidence, resamples: B };
}
