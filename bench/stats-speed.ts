/**
 * Speed of the statistics core. A plain script (not a vitest bench):
 *
 *   npx tsx bench/stats-speed.ts
 *
 * Prints the median of several timed repetitions (after warm-up) for each case, next to its target.
 */

import {
  bootstrapDistribution,
  compareSamples,
  createRng,
  mannWhitneyU,
  medianInPlace,
  quantileSorted,
  summarize,
} from '../src/stats/index.js';
import { sortedCopy } from '../src/stats/sort.js';

function time(label: string, target: number, reps: number, fn: () => void): void {
  fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const med = ms[Math.floor(ms.length / 2)];
  const status = med <= target ? 'ok' : 'OVER TARGET';
  console.log(
    `${label.padEnd(58)} median ${med.toFixed(1).padStart(8)} ms  min ${ms[0].toFixed(1).padStart(8)} ms  (target < ${target} ms, ${status})`,
  );
}

const rng = createRng(42);
const logNormal = (n: number, sigma: number): Float64Array => Float64Array.from({ length: n }, () => 1000 * Math.exp(sigma * rng.normal()));

const million = logNormal(1_000_000, 0.2);
time('summarize(1e6): all descriptives + quantiles', 100, 7, () => {
  summarize(million);
});
time('sort 1e6 (Float64Array.prototype.sort) + 6 quantiles', 100, 7, () => {
  const s = new Float64Array(million).sort();
  for (const p of [0.5, 0.75, 0.9, 0.95, 0.99, 0.999]) quantileSorted(s, p);
});

time('sortedCopy 1e6 (radix) + 6 quantiles', 100, 7, () => {
  const s = sortedCopy(million);
  for (const p of [0.5, 0.75, 0.9, 0.95, 0.99, 0.999]) quantileSorted(s, p);
});

const tenK = logNormal(10_000, 0.2);
time('bootstrap median: 10,000 resamples of 10,000 (counting)', 1000, 3, () => {
  bootstrapDistribution(tenK, 'median', { resamples: 10_000, seed: 1 });
});
time('bootstrap mean: 10,000 resamples of 10,000', 1000, 3, () => {
  bootstrapDistribution(tenK, 'mean', { resamples: 10_000, seed: 1 });
});
time('bootstrap fn median: 10,000 resamples of 10,000 (quickselect)', 3000, 3, () => {
  bootstrapDistribution(tenK, medianInPlace, { resamples: 10_000, seed: 1 });
});
const a = logNormal(10_000, 0.1);
const b = logNormal(10_000, 0.1);
time('mannWhitneyU 10,000 vs 10,000', 100, 5, () => {
  mannWhitneyU(a, b);
});
time('compareSamples 10,000 vs 10,000 (2000 resamples)', 1000, 3, () => {
  compareSamples(a, b);
});
