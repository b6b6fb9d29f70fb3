/**
 * benny's results from the engine's: `ops` from the corrected median, `margin` from the median's
 * 95% CI, the details (seconds per call, benchmark.js's unit) from the per-iteration samples.
 */
import type { BenchResult, RunResult } from '../../result/types.js';
import { median } from '../../stats/index.js';
import { moments } from '../core/moments.js';
import type { CaseResult, CaseResultWithDiff, Options, Summary } from './types.js';

/** One case's result; `ops` 0 and no samples when it did not complete. */
export function caseResult(name: string, b: BenchResult | undefined, options: Required<Options>, promise: boolean): CaseResult {
  const s = b?.status === 'ok' ? b.stats : undefined;
  const seconds = b?.status === 'ok' && b.samples ? b.samples.map((ns) => ns / 1e9) : [];
  if (!s || !seconds.length) {
    const zero = {
      min: 0,
      max: 0,
      mean: 0,
      median: 0,
      standardDeviation: 0,
      marginOfError: 0,
      relativeMarginOfError: 0,
      standardErrorOfMean: 0,
      sampleVariance: 0,
    };
    return { name, ops: 0, margin: 0, options, samples: 0, promise, details: { ...zero, sampleResults: [] }, completed: false };
  }
  const m = moments(seconds);
  const half = (s.medianCI.hi - s.medianCI.lo) / 2;
  return {
    name,
    ops: s.opsPerSec ?? 0,
    margin: s.median > 0 ? Number(((100 * half) / s.median).toFixed(2)) : 0,
    options,
    samples: seconds.length,
    promise,
    details: {
      min: Math.min(...seconds),
      max: Math.max(...seconds),
      mean: m.mean,
      median: median(seconds),
      standardDeviation: m.sd,
      marginOfError: m.moe,
      relativeMarginOfError: m.rme,
      standardErrorOfMean: m.sem,
      sampleVariance: m.variance,
      sampleResults: seconds,
    },
    completed: true,
  };
}

/** Rounds to `precision` decimals, adding decimals until values that differed still differ. */
export function roundDistinct(values: number[], precision: number): number[] {
  const distinct = new Set(values).size;
  for (let p = precision; p < 20; p++) {
    const k = 10 ** p;
    const rounded = values.map((v) => Math.round(v * k) / k);
    if (new Set(rounded).size === distinct) return rounded;
  }
  return values;
}

/** The suite's summary: ops rounded for display, the fastest and slowest case, each case's percentage slower than the fastest. */
export function summaryOf(name: string, date: Date, cases: CaseResult[], precision: number, run: RunResult): Summary {
  const ops = roundDistinct(
    cases.map((c) => c.ops),
    precision,
  );
  const rounded = cases.map((c, i) => ({ ...c, ops: ops[i] }));
  let fastest = 0;
  let slowest = 0;
  rounded.forEach((c, i) => {
    if (c.ops > rounded[fastest].ops) fastest = i;
    if (c.ops < rounded[slowest].ops) slowest = i;
  });
  const top = rounded[fastest]?.ops ?? 0;
  const results: CaseResultWithDiff[] = rounded.map((c, i) => ({
    ...c,
    percentSlower: i === fastest || top === 0 ? 0 : Number(((1 - c.ops / top) * 100).toFixed(2)),
  }));
  return {
    name,
    date,
    results,
    fastest: { name: rounded[fastest]?.name ?? '', index: fastest },
    slowest: { name: rounded[slowest]?.name ?? '', index: slowest },
    cyclebench: run,
  };
}
