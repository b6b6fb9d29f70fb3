/**
 * The tinybench 2 API that vitest 4's benchmark runner drives (`new Bench(options)`,
 * `new Task(bench, name, fn)`, `warmup()`, `run()`, `complete`/`error` events and a flat
 * `task.result`), on top of cyclebench's tinybench adapter. `hz` and `rme` are cyclebench's:
 * from the median and its 95% CI (the figures sampling stopped on); the other fields keep tinybench's
 * definitions over cyclebench's per-iteration samples (ms).
 */
import { Bench as Bench6 } from '../tinybench/bench.js';
import { Task as Task6 } from '../tinybench/task.js';
import type { BenchOptions } from '../tinybench/types.js';
import type { BenchResult } from '../../result/types.js';
import type { Moments } from '../core/moments.js';

/** Each benchmark function's name in the result file: its describe path (set by the runner). */
export const labels = new WeakMap<Function, string>();
/** Each benchmark function's cyclebench result, for the runner's result file (kept out of vitest's JSON). */
export const measured = new WeakMap<Function, BenchResult>();

/** tinybench 2's flat result: the mean-based moments (ms) with extremes, percentiles and cyclebench's `hz` and `rme`. */
export type FlatResult = Pick<Moments, 'mean' | 'variance' | 'sd' | 'sem' | 'df' | 'critical' | 'moe'> & {
  error?: unknown;
  totalTime: number;
  min: number;
  max: number;
  /** Calls per second from the median. */
  hz: number;
  period: number;
  /** Per-iteration samples in ms, sorted. */
  samples: number[];
  /** Half-width of the median's 95% CI, in % of the median. */
  rme: number;
  p75: number;
  p99: number;
  p995: number;
  p999: number;
};

/** A bench whose tasks keep their samples (vitest computes its median from them) and write no result file themselves (the runner does). */
export class Bench extends Bench6 {
  constructor(options: BenchOptions = {}) {
    super({ ...options, retainSamples: true, cyclebench: { ...options.cyclebench, json: false } });
  }
}

export class Task extends Task6 {
  protected override resultName(): string {
    return labels.get(this.fn) ?? this.name;
  }

  override async run(): Promise<this> {
    await super.run();
    const r = super.result;
    if (r.state === 'completed') measured.set(this.fn, r.cyclebench);
    return this;
  }

  /** The result in tinybench 2's shape; undefined before it has run. */
  // @ts-expect-error tinybench 2's result shape differs from tinybench 6's on purpose.
  override get result(): FlatResult | undefined {
    const r = super.result;
    if (r.state === 'errored')
      return {
        error: r.error,
        totalTime: 0,
        min: 0,
        max: 0,
        hz: 0,
        period: 0,
        samples: [],
        mean: 0,
        variance: 0,
        sd: 0,
        sem: 0,
        df: 0,
        critical: 0,
        moe: 0,
        rme: 0,
        p75: 0,
        p99: 0,
        p995: 0,
        p999: 0,
      };
    if (r.state !== 'completed') return undefined;
    const l = r.latency;
    const s = r.cyclebench.stats!;
    const rme = s.median > 0 ? (100 * (s.medianCI.hi - s.medianCI.lo)) / 2 / s.median : 0;
    return {
      totalTime: r.totalTime,
      min: l.min,
      max: l.max,
      hz: s.opsPerSec ?? 0,
      period: r.period,
      samples: l.samples ?? [],
      mean: l.mean,
      variance: l.variance,
      sd: l.sd,
      sem: l.sem,
      df: l.df,
      critical: l.critical,
      moe: l.moe,
      rme,
      p75: l.p75,
      p99: l.p99,
      p995: l.p995,
      p999: l.p999,
    };
  }
}
