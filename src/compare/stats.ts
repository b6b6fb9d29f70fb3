/**
 * The one place the regression code touches the statistics core (`src/stats`): thin typed adapters,
 * so the rest of `compare/` depends only on these shapes.
 */
import * as core from '../stats/index.js';

/** Verdict of one two-sample comparison. */
export type Verdict = core.Verdict;

/** Options of `compareSamples`. */
export interface CompareSamplesOptions {
  alpha?: number;
  noise?: number;
  paired?: boolean;
  seed?: number;
}

/** What `compareSamples(a, b)` returns: `ratio` is centre(b) / centre(a). */
export type SampleComparison = core.SampleComparison;

/** A level shift found in a series. */
export interface ChangePoint {
  /** First index of the new level. */
  index: number;
  meanBefore: number;
  meanAfter: number;
  pValue?: number;
}

/** A linear trend through a series, per step. */
export interface Trend {
  slope: number;
  slopeCI: [number, number];
  pValue?: number;
}

/** When a trend reaches a threshold: steps from the last point, or null with the reason. */
export interface Crossing {
  steps: number | null;
  reason?: string;
  /** The trend's fitted value at the last run. */
  current: number;
}

/** Compares samples `a` (before) and `b` (after). */
export function compareSamples(a: ArrayLike<number>, b: ArrayLike<number>, o: CompareSamplesOptions): SampleComparison {
  return core.compareSamples(a, b, o);
}

/** The verdict rule for a ratio interval and an (optional) p-value; see the statistics core. */
export const bandVerdict = core.bandVerdict;

/**
 * centre(b) / centre(a) for per-process medians: Welch's t-test on their logarithms, so the ratio is
 * the ratio of geometric means and its (1 - alpha) CI the exponentiated interval of the log difference.
 */
export function welchLogRatio(
  a: readonly number[],
  b: readonly number[],
  alpha: number,
): { ratio: number; ci: [number, number]; pValue: number } {
  const t = core.welchTTest(b.map(Math.log), a.map(Math.log), { confidence: 1 - alpha });
  return {
    ratio: Math.exp(t.estimate),
    ci: [Math.exp(t.ci[0]), Math.exp(t.ci[1])],
    pValue: Number.isFinite(t.pValue) ? t.pValue : t.estimate === 0 ? 1 : 0,
  };
}

/** The geometric-mean ratio of per-round ratios, with a (1 - alpha) t-interval and p-value over rounds. */
export function pairedRoundsRatio(ratios: readonly number[], alpha: number): { ratio: number; ci: [number, number]; pValue: number } {
  const logs = ratios.map(Math.log);
  const t = core.pairedTTest(
    logs,
    logs.map(() => 0),
    { confidence: 1 - alpha },
  );
  const p = Number.isFinite(t.pValue) ? t.pValue : t.estimate === 0 ? 1 : 0;
  const ci: [number, number] = Number.isFinite(t.ci[0])
    ? [Math.exp(t.ci[0]), Math.exp(t.ci[1])]
    : [Math.exp(t.estimate), Math.exp(t.estimate)];
  return { ratio: Math.exp(t.estimate), ci, pValue: p };
}

/** Adjusted p-values by the chosen correction. */
export function adjustPValues(p: readonly number[], method: 'holm' | 'bh' | 'none'): number[] {
  if (p.length === 0 || method === 'none') return [...p];
  return method === 'holm' ? core.holm(p) : core.benjaminiHochberg(p);
}

/** A series' trend per step with its confidence interval. */
export function trend(values: readonly number[], alpha: number): Trend {
  const t = core.trend(values, alpha);
  return { slope: t.slope, slopeCI: [t.ci[0], t.ci[1]], pValue: t.pValue };
}

/** Change points of a series, sorted by index. */
export function changePoints(values: readonly number[], o: { alpha?: number; minSize?: number; seed?: number }): ChangePoint[] {
  return core.changePoints(values, o).sort((x, y) => x.index - y.index);
}

/** Steps until the series' trend crosses `threshold`, or null with the reason. */
export function projectCrossing(values: readonly number[], threshold: number): Crossing {
  const c = core.projectCrossing(values, threshold);
  return { steps: c.steps, reason: c.reason === 'crossing' ? undefined : c.reason, current: c.trend.current };
}
