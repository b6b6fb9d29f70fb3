/**
 * Bencher Metric Format (https://bencher.dev/docs/reference/bencher-metric-format/):
 * `{ "<benchmark>": { "<measure>": { value, lower_value?, upper_value? } } }`. Times go to Bencher's
 * built-in `latency` measure, in nanoseconds as it expects, with the median's 95% CI as the bounds;
 * instruction counts to an `instructions` measure (Bencher creates a measure named by a new slug).
 * Benchmarks without statistics (errored, skipped) are left out: BMF has no way to say why.
 */
import type { RunResult } from '../result/types.js';
import { isNum } from '../result/text.js';

/** One BMF metric. */
export interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

/** A BMF document: benchmark name -> measure slug -> metric. */
export type Bmf = Record<string, Record<string, BmfMetric>>;

/** Converts a run to BMF. */
export function toBmf(run: RunResult): Bmf {
  const out: Bmf = {};
  for (const b of run.benchmarks) {
    const s = b.stats;
    if (b.status !== 'ok' || !s || !isNum(s.median)) continue;
    const metric: BmfMetric = { value: s.median };
    if (isNum(s.medianCI?.lo) && isNum(s.medianCI?.hi)) Object.assign(metric, { lower_value: s.medianCI.lo, upper_value: s.medianCI.hi });
    out[b.id] = { [b.unit === 'ns' ? 'latency' : 'instructions']: metric };
  }
  return out;
}
