/**
 * Empirical complexity: fit t ≈ c·f(n) (optionally + k) for each candidate f and pick the one with
 * the smallest RMS error, as Google Benchmark's `MinimalLeastSq` does (log is log2 there and here).
 * The fit is least squares; without a constant c = Σ f·t / Σ f². Ties prefer the simpler class.
 * `weighting: 'relative'` fits relative residuals instead (see {@link ComplexityOptions}).
 */

import { toSamples } from './validate.js';

/** Complexity classes considered, simplest first. */
export const COMPLEXITY_CLASSES = ['O(1)', 'O(log n)', 'O(n)', 'O(n log n)', 'O(n^2)', 'O(n^3)'] as const;

/** One complexity class. */
export type ComplexityClass = (typeof COMPLEXITY_CLASSES)[number];

const SHAPES: Record<ComplexityClass, (n: number) => number> = {
  'O(1)': () => 1,
  'O(log n)': (n) => Math.log2(n),
  'O(n)': (n) => n,
  'O(n log n)': (n) => n * Math.log2(n),
  'O(n^2)': (n) => n * n,
  'O(n^3)': (n) => n * n * n,
};

/** Fit of one class. */
export interface ComplexityCandidate {
  /** The class. */
  name: ComplexityClass;
  /** Coefficient c in t ≈ c·f(n) (+ constant). */
  coefficient: number;
  /** Constant term (0 unless `constant` was requested). */
  constant: number;
  /** Root-mean-square residual, in the units of t (a fraction of t with relative weighting). */
  rms: number;
  /** rms / mean(t), comparable across data sets (equal to rms with relative weighting). */
  normalizedRms: number;
}

/** Result of {@link fitComplexity}: the chosen class plus every candidate. */
export interface FittedComplexity extends ComplexityCandidate {
  /** All candidates in {@link COMPLEXITY_CLASSES} order. */
  candidates: ComplexityCandidate[];
}

/** Options for {@link fitComplexity}. */
export interface ComplexityOptions {
  /** Also fit a constant term k (t ≈ c·f(n) + k); default false. */
  constant?: boolean;
  /**
   * `'absolute'` (default, as Google Benchmark): residuals in the units of t, so the largest sizes
   * dominate. `'relative'`: residuals divided by t (weights 1/t²), so every size counts alike and one
   * disturbed large-n point cannot flip the class; needs every t > 0.
   */
  weighting?: 'absolute' | 'relative';
}

/**
 * Choose the complexity class whose fit has the least RMS error.
 *
 * @param n - problem sizes (> 0; at least two distinct sizes)
 * @param t - measured times (same length)
 * @throws RangeError for fewer than 2 points, unequal lengths, non-finite values or n <= 0
 */
export function fitComplexity(n: ArrayLike<number>, t: ArrayLike<number>, options: ComplexityOptions = {}): FittedComplexity {
  const ns = toSamples(n, 'fitComplexity (n)', 2);
  const ts = toSamples(t, 'fitComplexity (t)', 2);
  if (ns.length !== ts.length) throw new RangeError(`fitComplexity: n has ${ns.length} values but t has ${ts.length}`);
  for (let i = 0; i < ns.length; i++) {
    if (!(ns[i] > 0)) throw new RangeError(`fitComplexity: n[${i}] = ${ns[i]}; sizes must be > 0`);
  }
  const len = ns.length;
  const relative = options.weighting === 'relative';
  if (relative) {
    for (let i = 0; i < len; i++) {
      if (!(ts[i] > 0)) throw new RangeError(`fitComplexity: t[${i}] = ${ts[i]}; relative weighting needs times > 0`);
    }
  }
  // Weighted least squares: w = 1 (absolute residuals) or 1/t² (relative residuals).
  const w = Float64Array.from(ts, (t) => (relative ? 1 / (t * t) : 1));
  let sw = 0;
  let meanT = 0;
  let plainMeanT = 0;
  for (let i = 0; i < len; i++) {
    sw += w[i];
    meanT += w[i] * ts[i];
    plainMeanT += ts[i];
  }
  meanT /= sw;
  plainMeanT /= len;
  const candidates = COMPLEXITY_CLASSES.map((name): ComplexityCandidate => {
    const f = Float64Array.from(ns, SHAPES[name]);
    let c: number;
    let k = 0;
    if (options.constant && name !== 'O(1)') {
      let mf = 0;
      for (let i = 0; i < len; i++) mf += w[i] * f[i];
      mf /= sw;
      let sff = 0;
      let sft = 0;
      for (let i = 0; i < len; i++) {
        sff += w[i] * (f[i] - mf) * (f[i] - mf);
        sft += w[i] * (f[i] - mf) * (ts[i] - meanT);
      }
      c = sff === 0 ? 0 : sft / sff;
      k = sff === 0 ? meanT : meanT - c * mf;
    } else {
      let sff = 0;
      let sft = 0;
      for (let i = 0; i < len; i++) {
        sff += w[i] * f[i] * f[i];
        sft += w[i] * f[i] * ts[i];
      }
      c = sff === 0 ? 0 : sft / sff;
    }
    let ss = 0;
    for (let i = 0; i < len; i++) {
      const r = ts[i] - c * f[i] - k;
      ss += w[i] * r * r;
    }
    const rms = Math.sqrt(ss / len);
    const normalizedRms = relative ? rms : plainMeanT === 0 ? rms : rms / Math.abs(plainMeanT);
    return { name, coefficient: c, constant: k, rms, normalizedRms };
  });
  let best = candidates[0];
  for (const c of candidates) if (c.rms < best.rms * (1 - 1e-12)) best = c;
  return { ...best, candidates };
}
