/**
 * History analysis: per benchmark, the series of medians across runs, its trend (slope per run with a
 * CI), change points, a projection of when it crosses a threshold, and whether the latest run is a
 * regression: either the latest change point raised the level beyond the noise band within the
 * trailing window, or the latest run lies outside the trailing window's distribution.
 */
import type { HistoryEntry } from '../store/history-file.js';
import { matchId, isGlob } from './glob.js';
import { changePoints, projectCrossing, trend } from './stats.js';
import { madScaled, median, normalQuantile } from '../stats/index.js';

/** Options of {@link analyzeHistory}. */
export interface HistoryOptions {
  alpha: number;
  noise: number;
  /** Trailing runs the latest is judged against. */
  window: number;
  /** Fewer runs than this: trend and regression are n/a. */
  minRuns: number;
  /** Only ids matching this glob or containing this text. */
  filter?: string;
  /** A threshold to project towards, per id (from a config target or `--threshold`). */
  threshold?: (id: string) => HistoryThreshold | null;
  seed: number;
}

/** A threshold on one stored statistic. */
export interface HistoryThreshold {
  value: number;
  stat: 'median' | 'mean' | 'p95' | 'p99' | 'min' | 'max';
  /** As written (`p95 < 100ms`). */
  text: string;
}

/** One point of a series. */
export interface HistoryPoint {
  run: number;
  time: string;
  commit: string | null;
  median: number;
  lo: number | null;
  hi: number | null;
}

/** A level shift, located by run. */
export interface HistoryChange {
  run: number;
  time: string;
  commit: string | null;
  before: number;
  after: number;
  /** after / before - 1. */
  change: number;
}

/** Analysis of one benchmark. */
export interface SeriesAnalysis {
  id: string;
  unit: 'ns' | 'instructions';
  points: HistoryPoint[];
  latest: number | null;
  trend: { slope: number; slopeCI: [number, number]; relativeSlope: number; direction: 'rising' | 'falling' | 'flat' } | null;
  trendReason?: string;
  changes: HistoryChange[];
  projection: { threshold: HistoryThreshold; runs: number | null; reason?: string; current: number | null } | null;
  regression: { kind: 'step' | 'outlier'; change: number; message: string } | null;
  /** Why no verdict was possible. */
  reason?: string;
}

/** Analysis of a whole history. */
export interface HistoryAnalysis {
  runs: number;
  series: SeriesAnalysis[];
  regressions: string[];
}

/** True when `id` passes a history FILTER: a glob over ids, or text the id contains. */
export function matches(filter: string | undefined, id: string): boolean {
  if (!filter) return true;
  return isGlob(filter) ? matchId(filter, id) : id.includes(filter);
}

const short = (c: string | null) => (c ? c.slice(0, 10) : 'no commit');

function analyzeSeries(id: string, entries: HistoryEntry[], o: HistoryOptions): SeriesAnalysis {
  const points: HistoryPoint[] = [];
  let unit: 'ns' | 'instructions' = 'ns';
  const statSeries: Record<string, number[]> = {};
  entries.forEach((e, run) => {
    const b = e.benchmarks.find((x) => x.id === id);
    if (!b || b.status === 'error' || typeof b.median !== 'number' || !Number.isFinite(b.median)) return;
    unit = b.unit;
    points.push({ run: run + 1, time: e.time, commit: e.commit, median: b.median, lo: b.lo, hi: b.hi });
    for (const k of ['median', 'mean', 'p95', 'p99', 'min', 'max'] as const) {
      const v = b[k];
      (statSeries[k] ??= []).push(typeof v === 'number' ? v : NaN);
    }
  });
  const values = points.map((p) => p.median);
  const lastEntry = entries[entries.length - 1];
  const inLatest = points.length > 0 && points[points.length - 1].run === entries.length;
  const res: SeriesAnalysis = {
    id,
    unit,
    points,
    latest: inLatest ? values[values.length - 1] : null,
    trend: null,
    changes: [],
    projection: null,
    regression: null,
  };
  if (!inLatest) res.reason = lastEntry?.benchmarks.some((b) => b.id === id) ? 'errored in the latest run' : 'not in the latest run';
  if (values.length < o.minRuns) {
    res.trendReason = `${values.length} run${values.length === 1 ? '' : 's'}, need ${o.minRuns}`;
    res.reason ??= res.trendReason;
    const th = o.threshold?.(id);
    if (th) res.projection = { threshold: th, runs: null, reason: res.trendReason, current: res.latest };
    return res;
  }
  const level = median(values);
  const t = trend(values, o.alpha);
  const rel = level > 0 ? t.slope / level : NaN;
  const significant = Number.isFinite(t.slopeCI[0]) && (t.slopeCI[0] > 0 || t.slopeCI[1] < 0);
  res.trend = {
    slope: t.slope,
    slopeCI: t.slopeCI,
    relativeSlope: rel,
    direction: !significant ? 'flat' : t.slope > 0 ? 'rising' : 'falling',
  };
  res.changes = changePoints(values, { alpha: o.alpha, minSize: 3, seed: o.seed }).map((c) => ({
    run: points[c.index].run,
    time: points[c.index].time,
    commit: points[c.index].commit,
    before: c.meanBefore,
    after: c.meanAfter,
    change: c.meanBefore > 0 ? c.meanAfter / c.meanBefore - 1 : NaN,
  }));
  const th = o.threshold?.(id);
  if (th) {
    const series = (statSeries[th.stat] ?? []).filter((v) => Number.isFinite(v));
    if (series.length < o.minRuns)
      res.projection = { threshold: th, runs: null, reason: `${th.stat} not recorded in enough runs`, current: null };
    else {
      const cur = series[series.length - 1];
      const p = projectCrossing(series, th.value);
      const above = series.filter((v) => v >= th.value).length;
      // Thresholds are upper bounds: a trend "moving away" from one it is already past has crossed it.
      if (cur >= th.value || (p.steps === null && p.current >= th.value))
        res.projection = { threshold: th, runs: 0, reason: `${above} of ${series.length} runs at or above it`, current: cur };
      else res.projection = { threshold: th, runs: p.steps, reason: p.reason, current: cur };
    }
  }
  if (!inLatest) return res;
  const latest = values[values.length - 1];
  const lastChange = res.changes[res.changes.length - 1];
  const recentRun = entries.length - o.window;
  if (lastChange && lastChange.run > recentRun && lastChange.change > o.noise) {
    res.regression = {
      kind: 'step',
      change: lastChange.change,
      message: `${id}: level rose ${(lastChange.change * 100).toFixed(1)}% at run ${lastChange.run} (${short(lastChange.commit)}, ${lastChange.time}) and has stayed there`,
    };
    return res;
  }
  const window = values.slice(Math.max(0, values.length - 1 - o.window), values.length - 1);
  if (window.length >= Math.max(4, o.minRuns - 1)) {
    const centre = median(window);
    const spread = Math.max(madScaled(window), Math.abs(centre) * 1e-9);
    const z = (latest - centre) / spread;
    const change = centre > 0 ? latest / centre - 1 : NaN;
    const lo = points[points.length - 1].lo;
    if (z > normalQuantile(1 - o.alpha) && change > o.noise && (lo === null || lo > centre)) {
      res.regression = {
        kind: 'outlier',
        change,
        message: `${id}: latest run is ${(change * 100).toFixed(1)}% slower than the median of the previous ${window.length} runs (robust z=${z.toFixed(1)})`,
      };
    }
  }
  return res;
}

/** Analyses a history. Series are ordered by first appearance. */
export function analyzeHistory(entries: HistoryEntry[], o: HistoryOptions): HistoryAnalysis {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const e of entries)
    for (const b of e.benchmarks)
      if (!seen.has(b.id) && matches(o.filter, b.id)) {
        seen.add(b.id);
        ids.push(b.id);
      }
  const series = ids.map((id) => analyzeSeries(id, entries, o));
  return { runs: entries.length, series, regressions: series.filter((s) => s.regression).map((s) => s.id) };
}
