/**
 * Pooling fresh processes (`--processes N`): each process measured every benchmark; the pooled
 * result takes the process as the unit. A benchmark's centre is the mean of the process medians and
 * its interval a Student t-interval over them, so the spread between processes (JIT decisions,
 * address layout, the machine's state) is in the interval instead of hidden by thousands of
 * samples from one process. The samples are kept, concatenated, for distributions and percentiles.
 */
import { bandVerdict, mean, stddev, studentTQuantile, studentTTwoSided } from '../stats/index.js';
import { DEFAULT_SAMPLING } from './options.js';
import { complexityFits } from './complexity.js';
import { runEnvelope } from './environment.js';
import { sampleStats, TIER_CHANGE_RATIO } from './result.js';
import type { BenchResult, GroupComparison, RunResult, StatesSummary } from '../result/types.js';

/** 95% t-interval of the mean of `values` (n >= 2). */
export function tInterval(values: readonly number[], confidence = 0.95): { centre: number; lo: number; hi: number } {
  const centre = mean(values);
  const half = studentTQuantile(1 - (1 - confidence) / 2, values.length - 1) * (stddev(values) / Math.sqrt(values.length));
  return { centre, lo: centre - half, hi: centre + half };
}

function pooledBench(parts: BenchResult[]): BenchResult {
  const ok = parts.filter((b) => b.status === 'ok' && b.stats);
  // A benchmark that errored or was skipped in any process is reported as in its first such process.
  if (ok.length !== parts.length || ok.length < 2) return parts.find((b) => b.status !== 'ok') ?? parts[0];
  const medians = ok.map((b) => b.stats!.median);
  const samples = ok.flatMap((b) => b.samples ?? []);
  const base = ok[0];
  const stats = sampleStats(samples.length ? samples : medians);
  const ci = tInterval(medians);
  stats.median = ci.centre;
  stats.medianCI = { lo: ci.lo, hi: ci.hi, confidence: 0.95, method: 'processes' };
  stats.opsPerSec = ci.centre > 0 ? 1e9 / ci.centre : undefined;
  if (stats.opsPerSec === undefined) delete stats.opsPerSec;
  const centre = Math.abs(ci.centre) || 1;
  return {
    ...base,
    stats,
    rawStats: sampleStats(ok.flatMap((b) => (b.rawStats ? [b.rawStats.median] : []))),
    overhead: mean(ok.map((b) => b.overhead ?? 0)),
    samples: samples.length ? samples : undefined,
    iterations: ok.every((b) => b.iterations) ? ok.flatMap((b) => b.iterations!) : undefined,
    totalIterations: ok.reduce((a, b) => a + b.totalIterations, 0),
    wallMs: ok.reduce((a, b) => a + b.wallMs, 0),
    stopReason: base.stopReason,
    ...(processStates(medians) ? { states: processStates(medians) } : {}),
    processes: {
      medians,
      betweenCV: medians.length > 1 ? stddev(medians) / centre : 0,
      withinHalfWidth: mean(ok.map((b) => (b.stats!.medianCI.hi - b.stats!.medianCI.lo) / 2 / (Math.abs(b.stats!.median) || 1))),
    },
  };
}

/**
 * Levels of the process medians: sorted, a new level starts where a median is more than 10% above
 * the previous one (the rule detectStates uses for samples); undefined when they form one level.
 */
export function processStates(medians: readonly number[]): StatesSummary | undefined {
  const sorted = [...medians].sort((a, b) => a - b);
  const levels: number[][] = [[sorted[0]]];
  for (const m of sorted.slice(1)) {
    const last = levels[levels.length - 1];
    if (m > last[last.length - 1] * 1.1) levels.push([m]);
    else last.push(m);
  }
  if (levels.length < 2) return undefined;
  const states = levels.map((l) => ({
    level: l.reduce((a, b) => a + b, 0) / l.length,
    share: l.length / medians.length,
    visits: l.length,
  }));
  return {
    states,
    switches: 0,
    across: 'processes',
    ...(states[states.length - 1].level / states[0].level >= TIER_CHANGE_RATIO ? { tierChange: true } : {}),
  };
}

function pooledGroup(parts: GroupComparison[]): GroupComparison {
  const first = parts[0];
  const entries = first.entries.map((e) => {
    const ratios = parts.map((g) => g.entries.find((x) => x.id === e.id)?.ratio).filter((r): r is number => r !== undefined && r > 0);
    if (ratios.length < 2) return e;
    // The process is the unit: a t-interval of the mean log ratio over processes.
    const logs = ratios.map(Math.log);
    const t = tInterval(logs);
    const se = stddev(logs) / Math.sqrt(logs.length);
    const pValue = se > 0 ? studentTTwoSided(t.centre / se, logs.length - 1) : t.centre === 0 ? 1 : 0;
    const ci: [number, number] = [Math.exp(t.lo), Math.exp(t.hi)];
    return { ...e, ratio: Math.exp(t.centre), ci, pValue, verdict: bandVerdict(ci, pValue, 0.05, DEFAULT_SAMPLING.precision) };
  });
  return { ...first, entries };
}

/** One result from the results of N fresh processes, benchmarks in the order of `order` (ids). */
export function poolProcessRuns(runs: RunResult[], order: readonly string[]): RunResult {
  if (runs.length === 1) return runs[0];
  const byId = new Map<string, BenchResult[]>();
  for (const r of runs) for (const b of r.benchmarks) byId.set(b.id, [...(byId.get(b.id) ?? []), b]);
  const ids = [...order.filter((id) => byId.has(id)), ...[...byId.keys()].filter((id) => !order.includes(id))];
  const benchmarks = ids.map((id) => pooledBench(byId.get(id)!));
  const groupKey = (g: GroupComparison) => `${g.group}${JSON.stringify(g.args ?? {})}`;
  const groups = new Map<string, GroupComparison[]>();
  for (const r of runs) for (const g of r.groups) groups.set(groupKey(g), [...(groups.get(groupKey(g)) ?? []), g]);
  const first = runs[0];
  const pooled = runEnvelope({
    startedAt: first.startedAt,
    mode: first.mode,
    tag: first.tag,
    benchmarks,
    groups: [...groups.values()].map(pooledGroup),
    complexity: complexityFits(benchmarks),
  });
  return { ...pooled, environment: first.environment, processes: runs.length };
}
