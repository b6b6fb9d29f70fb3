/**
 * The mean-based figures peers report (benchmark.js, tinybench: sd, sem, t-based margin of error)
 * computed from the engine's per-iteration samples, so adapters fill their peers' fields with the
 * peers' definitions but our measurements.
 */
import { mean, quantileSorted, sortSamples, studentTQuantile, variance } from '../../stats/index.js';

/** Mean, spread and the 95% t-interval half-width of the mean. */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
  sd: number;
  /** Standard error of the mean. */
  sem: number;
  /** Degrees of freedom, n - 1. */
  df: number;
  /** Two-sided 95% critical value of Student's t for df. */
  critical: number;
  /** Margin of error: critical x sem. */
  moe: number;
  /** Relative margin of error in percent; Infinity when the mean is 0. */
  rme: number;
}

/** Moments of `x`; with one sample the spread is 0 and the margin unknown (Infinity). */
export function moments(x: ArrayLike<number>): Moments {
  const n = x.length;
  const m = mean(x);
  const v = n > 1 ? variance(x) : 0;
  const df = Math.max(n - 1, 0);
  const critical = df > 0 ? studentTQuantile(0.975, df) : Infinity;
  const sem = Math.sqrt(v / n);
  const moe = df > 0 ? critical * sem : Infinity;
  return { n, mean: m, variance: v, sd: Math.sqrt(v), sem, df, critical, moe, rme: m === 0 ? Infinity : (100 * moe) / Math.abs(m) };
}

/** Sorted copy and a type-7 quantile reader over it. */
export function sortedWithQuantile(x: ArrayLike<number>): { sorted: Float64Array; q: (p: number) => number } {
  const sorted = sortSamples(x);
  return { sorted, q: (p) => quantileSorted(sorted, p) };
}
