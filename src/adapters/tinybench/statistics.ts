/**
 * tinybench's `latency` and `throughput` statistics from the engine's corrected per-iteration
 * samples: latency in ms per call, throughput in calls per second. A sample at or below zero (the
 * empty loop's cost subtracted from a call that costs about as much) has no finite throughput;
 * as tinybench does for zero-length samples, it is given 1000 / mean latency.
 */
import { mad, mean } from '../../stats/index.js';
import { moments, sortedWithQuantile } from '../core/moments.js';
import type { Statistics, TaskResultWithStatistics } from './types.js';
import type { BenchResult } from '../../result/types.js';

function statistics(x: number[], retain: boolean): Statistics {
  const { sorted, q } = sortedWithQuantile(x);
  const m = moments(sorted);
  return {
    aad: mean(Array.from(sorted, (v) => Math.abs(v - m.mean))),
    critical: m.critical,
    df: m.df,
    mad: mad(sorted),
    max: sorted[sorted.length - 1],
    mean: m.mean,
    min: sorted[0],
    moe: m.moe,
    p50: q(0.5),
    p75: q(0.75),
    p99: q(0.99),
    p995: q(0.995),
    p999: q(0.999),
    rme: m.rme,
    samples: retain ? Array.from(sorted) : undefined,
    samplesCount: sorted.length,
    sd: m.sd,
    sem: m.sem,
    variance: m.variance,
  };
}

/** The statistics fields of a completed task, from a result with samples (ns per iteration). */
export function taskStatistics(b: BenchResult, retain: boolean): TaskResultWithStatistics {
  const latencyMs = b.samples!.map((ns) => ns / 1e6);
  const latency = statistics(latencyMs, retain);
  const fallback = latency.mean > 0 ? 1000 / latency.mean : 0;
  const throughput = statistics(
    latencyMs.map((ms) => (ms > 0 ? 1000 / ms : fallback)),
    retain,
  );
  const totalTime = latencyMs.reduce((a, v) => a + v, 0);
  return { latency, throughput, period: totalTime / latencyMs.length, totalTime, cyclebench: b };
}
