import { classifyOutliers, detectStates, median, summarize } from '../stats/index.js';
import { medianInterval } from './stopping.js';
import type { BenchResult, SampleStats, StatesSummary, StopReason, Throughput } from '../result/types.js';
import type { Args, ThroughputOption } from './options.js';
import { TIER_CHANGE_RATIO, type Contender } from './sampler.js';
import type { GcWatch } from './gc.js';
import { resultCounters } from './counters.js';
import type { CounterSet } from '../counters/set.js';
import { DEAD_CODE_REASON, deadCodeBound, looksDead } from './dead-code.js';
import { describeThrown } from './faults.js';

/** Statistics of per-iteration samples (in the order taken) in the result format. */
export function sampleStats(samples: ArrayLike<number>): SampleStats {
  const s = summarize(samples);
  return {
    n: s.n,
    mean: s.mean,
    median: s.median,
    p50: s.p50,
    p75: s.p75,
    p90: s.p90,
    p95: s.p95,
    p99: s.p99,
    p999: s.p999,
    min: s.min,
    max: s.max,
    stddev: s.stddev,
    mad: s.mad,
    cv: s.cv,
    medianCI: medianInterval(samples),
    ...(s.median > 0 ? { opsPerSec: 1e9 / s.median } : {}),
  };
}

/**
 * The declared throughput at one argument point. Throws a TypeError naming the benchmark when an
 * amount is not a positive finite number, so a bad declaration errors the benchmark, never a 0 rate.
 */
export function resolveThroughput(option: ThroughputOption<any> | undefined, args: Args, id: string): Throughput | undefined {
  if (!option) return undefined;
  const out: Throughput = {};
  for (const what of ['bytes', 'items'] as const) {
    const v = option[what];
    if (v === undefined) continue;
    const n = typeof v === 'function' ? v(args) : v;
    if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0)
      throw new TypeError(
        `${id}: throughput.${what} must be a positive finite number per iteration, got ${typeof n === 'number' ? n : typeof n}`,
      );
    out[what] = n;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Builds a BenchResult from a finished contender (an errored one when its throughput declaration is invalid). */
export async function contenderResult(
  c: Contender,
  stopReason: StopReason,
  gc: GcWatch,
  keepSamples: boolean,
  counters?: CounterSet | null,
): Promise<BenchResult> {
  let throughput: Throughput | undefined;
  try {
    throughput = resolveThroughput(c.def.options.throughput, c.args, c.id);
  } catch (err) {
    return failedResult({ id: c.id, name: c.name, group: c.group, args: c.args, file: c.def.file }, 'error', err, c.wallMs);
  }
  const overhead = c.empty.length ? median(c.empty) : 0;
  const corrected = c.raw.map((x) => x - overhead);
  const outliers = classifyOutliers(corrected);
  const heap = await c.heapBytesPerIteration();
  // Dead code keeps its raw statistics and a bound; corrected ones would be noise around 0.
  const dead = looksDead(c.raw, c.empty);
  const r: BenchResult = {
    id: c.id,
    name: c.name,
    group: c.group,
    args: Object.keys(c.args).length ? c.args : undefined,
    file: c.def.file,
    status: 'ok',
    kind: 'cpu',
    unit: 'ns',
    stats: dead ? undefined : sampleStats(corrected),
    rawStats: sampleStats(c.raw),
    overhead,
    samples: keepSamples && !dead ? corrected : undefined,
    iterations: keepSamples ? [...c.iterations] : undefined,
    totalIterations: c.iterations.reduce((a, b) => a + b, 0),
    stopReason,
    percentilesOver: c.iterations.every((n) => n === 1) ? 'calls' : 'batches',
    wallMs: c.wallMs,
    flags: {
      outliers: {
        mild: outliers.counts.lowMild + outliers.counts.highMild,
        severe: outliers.counts.lowSevere + outliers.counts.highSevere,
      },
    },
  };
  if (dead) {
    r.flags.deadCode = true;
    r.statsUnavailable = DEAD_CODE_REASON;
    r.deadCode = deadCodeBound(c.raw, c.empty);
  }
  const gcPerSample = gc.perWindow(c.windows);
  const gcSamples = gcPerSample.filter((n) => n > 0).length;
  if (gcSamples) r.flags.gcSamples = gcSamples;
  const states = withWarmupTier(statesSummary(dead ? c.raw : corrected, gcPerSample), c.warmupFastNs, r.stats?.median);
  if (states) r.states = states;
  if (!c.warmupSettled) r.flags.warmupUnsettled = true;
  if (heap !== undefined) r.heapBytesPerIteration = heap;
  if (throughput) r.throughput = throughput;
  if (counters && c.counterSamples.length) r.counters = resultCounters(counters, c.counterSamples, c.counterEmpty);
  return r;
}

export { TIER_CHANGE_RATIO };

/**
 * Adds what warm-up saw: when the code ran TIER_CHANGE_RATIO or more faster during warm-up than it was
 * sampled at, the tier changed before sampling, which the samples alone cannot show (they may hold
 * one level). The states then say so: the warm-up level, and a tier change.
 */
export function withWarmupTier(
  states: StatesSummary | undefined,
  warmupFastNs: number | undefined,
  medianNs: number | undefined,
): StatesSummary | undefined {
  if (warmupFastNs === undefined || medianNs === undefined || !(medianNs >= TIER_CHANGE_RATIO * warmupFastNs)) return states;
  const s = states ?? { states: [{ level: medianNs, share: 1, visits: 1 }], switches: 0 };
  return { ...s, tierChange: true, warmupLevel: warmupFastNs };
}

/** The performance states of a contender's samples, when there is more than one (with GC per sample per state). */
export function statesSummary(samples: ArrayLike<number>, gcPerSample: ArrayLike<number>): StatesSummary | undefined {
  const r = detectStates(samples, {}, gcPerSample.length === samples.length ? gcPerSample : undefined);
  if (r.verdict !== 'states') return undefined;
  const states = r.states.map((s) => ({
    level: s.level,
    share: s.share,
    visits: s.visits,
    ...(s.perSample !== undefined ? { gcPerSample: s.perSample } : {}),
  }));
  const tierChange = states[states.length - 1].level / states[0].level >= TIER_CHANGE_RATIO;
  return { states, switches: r.switches, ...(tierChange ? { tierChange } : {}) };
}

/** A result for a benchmark that threw, timed out or was skipped. */
export function failedResult(
  base: Pick<BenchResult, 'id' | 'name' | 'group' | 'args' | 'file'>,
  status: 'error' | 'skipped',
  err: unknown,
  wallMs: number,
  kind: BenchResult['kind'] = 'cpu',
): BenchResult {
  const e = describeThrown(err);
  return {
    ...base,
    args: base.args && Object.keys(base.args).length ? base.args : undefined,
    status,
    ...(status === 'error' ? { error: e } : { skipReason: e.message }),
    kind,
    unit: 'ns',
    totalIterations: 0,
    stopReason: 'error',
    wallMs,
    flags: {},
  };
}
