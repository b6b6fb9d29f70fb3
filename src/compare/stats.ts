/**
 * The one place the regression code touches the statistics core (`src/stats`). It states the shapes it
 * relies on and normalises the few whose exact form may vary (change points, projections), so the rest
 * of `compare/` depends only on these types.
 */
import * as core from '../stats/index.js';
import { CycleBenchError } from '../errors.js';

/** Verdict of one two-sample comparison. */
export type Verdict = 'faster' | 'slower' | 'same' | 'inconclusive';

/** Options of `compareSamples`. */
export interface CompareSamplesOptions {
  alpha?: number;
  noise?: number;
  paired?: boolean;
  seed?: number;
}

/** What `compareSamples(a, b)` returns: `ratio` is centre(b) / centre(a). */
export interface SampleComparison {
  verdict: Verdict;
  ratio: number;
  ci: [number, number];
  pValue: number;
  test: string;
  n: number | [number, number] | { a: number; b: number };
}

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
}

interface Api {
  compareSamples(a: ArrayLike<number>, b: ArrayLike<number>, o?: CompareSamplesOptions): SampleComparison;
  holm(p: readonly number[]): number[];
  benjaminiHochberg(p: readonly number[]): number[];
  trend(values: ArrayLike<number>, alpha?: number): Record<string, unknown>;
  changePoints(values: ArrayLike<number>, o?: { alpha?: number; minSize?: number; seed?: number }): unknown;
  projectCrossing(values: ArrayLike<number>, threshold: number): unknown;
}

function api(): Api {
  const a = core as unknown as Partial<Api>;
  for (const k of ['compareSamples', 'holm', 'benjaminiHochberg', 'trend', 'changePoints', 'projectCrossing'] as const) {
    if (typeof a[k] !== 'function') {
      throw new CycleBenchError('E_USAGE', `Internal: the statistics core does not export ${k}(); this build of cyclebench is incomplete.`);
    }
  }
  return a as Api;
}

/** Compares samples `a` (before) and `b` (after). */
export function compareSamples(a: ArrayLike<number>, b: ArrayLike<number>, o: CompareSamplesOptions): SampleComparison {
  return api().compareSamples(a, b, o);
}

/** Adjusted p-values by the chosen correction. */
export function adjustPValues(p: readonly number[], method: 'holm' | 'bh' | 'none'): number[] {
  if (p.length === 0 || method === 'none') return [...p];
  return method === 'holm' ? api().holm(p) : api().benjaminiHochberg(p);
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A series' trend per step with its confidence interval. */
export function trend(values: readonly number[], alpha: number): Trend {
  const t = api().trend(values, alpha);
  const ci = (t.slopeCI ?? t.ci) as unknown;
  const pair: [number, number] = Array.isArray(ci)
    ? [Number(ci[0]), Number(ci[1])]
    : ci && typeof ci === 'object'
      ? [Number((ci as { lo: number }).lo), Number((ci as { hi: number }).hi)]
      : [NaN, NaN];
  return { slope: Number(t.slope), slopeCI: pair, pValue: num(t.pValue) };
}

/** Change points of a series, normalised to {@link ChangePoint}s sorted by index. */
export function changePoints(values: readonly number[], o: { alpha?: number; minSize?: number; seed?: number }): ChangePoint[] {
  const raw = api().changePoints(values, o);
  const list: unknown[] = Array.isArray(raw)
    ? raw
    : raw && typeof raw === 'object'
      ? (((raw as Record<string, unknown>).points ?? (raw as Record<string, unknown>).changePoints ?? []) as unknown[])
      : [];
  const mean = (lo: number, hi: number): number => {
    let s = 0;
    for (let i = lo; i < hi; i++) s += values[i];
    return hi > lo ? s / (hi - lo) : NaN;
  };
  const idx = list.map((p) => (typeof p === 'number' ? p : Number((p as Record<string, unknown>).index)));
  return list
    .map((p, i): ChangePoint => {
      const index = idx[i];
      const prev = i > 0 ? idx[i - 1] : 0;
      const next = i + 1 < idx.length ? idx[i + 1] : values.length;
      const r = typeof p === 'object' && p !== null ? (p as Record<string, unknown>) : {};
      return {
        index,
        meanBefore: num(r.meanBefore) ?? num(r.before) ?? mean(prev, index),
        meanAfter: num(r.meanAfter) ?? num(r.after) ?? mean(index, next),
        pValue: num(r.pValue),
      };
    })
    .filter((c) => Number.isInteger(c.index))
    .sort((x, y) => x.index - y.index);
}

/** Steps until the series' trend crosses `threshold`, or null with the reason. */
export function projectCrossing(values: readonly number[], threshold: number): Crossing {
  const raw = api().projectCrossing(values, threshold);
  if (typeof raw === 'number') return { steps: Number.isFinite(raw) ? raw : null, reason: Number.isFinite(raw) ? undefined : 'never' };
  if (raw === null || raw === undefined) return { steps: null, reason: 'no crossing projected' };
  const r = raw as Record<string, unknown>;
  const steps = num(r.steps) ?? null;
  return { steps, reason: typeof r.reason === 'string' ? r.reason : steps === null ? 'no crossing projected' : undefined };
}
