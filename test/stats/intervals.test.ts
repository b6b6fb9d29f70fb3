import { describe, expect, it } from 'vitest';
import {
  accelerationFromJackknife,
  bootstrapCI,
  bootstrapDistribution,
  jackknife,
  medianCI,
  medianInPlace,
  medianRanks,
  ratioCI,
} from '../../src/stats/index.js';
import { createRng, exponential, logNormal } from './helpers.js';

describe('medianCI (binomial order statistics)', () => {
  it('n = 10 at 95 %: (x(2), x(9)), coverage 1 - 22/1024 (Conover, Practical Nonparametric Statistics, §3.2)', () => {
    const r = medianCI([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.95);
    expect([r.lo, r.hi]).toEqual([2, 9]);
    expect(r.coverage).toBeCloseTo(1 - 22 / 1024, 14);
    expect(r.reached).toBe(true);
  });
  it('n = 20 at 95 %: ranks (6, 15) (Conover table A3)', () => {
    expect(medianRanks(20, 0.95)).toMatchObject({ lower: 6, upper: 15, reached: true });
  });
  it('n = 5 cannot reach 95 %: widest interval, coverage 1 - 2/32, reached false', () => {
    const r = medianCI([5, 1, 4, 2, 3], 0.95);
    expect(r).toMatchObject({ lo: 1, hi: 5, reached: false });
    expect(r.coverage).toBeCloseTo(0.9375, 14);
  });
  it('works for n in the millions (log-space sums) and throws on empty input', () => {
    const r = medianRanks(2_000_001, 0.95);
    expect(r.lower).toBeGreaterThan(998_000);
    expect(r.coverage).toBeGreaterThanOrEqual(0.95);
    expect(() => medianCI([])).toThrow(RangeError);
  });
  it('simulation: covers the true median of Exp(1) (ln 2) in [0.92, 0.98] of 1000 seeded trials, n = 25', () => {
    const rng = createRng(2024);
    let hits = 0;
    for (let t = 0; t < 1000; t++) {
      const r = medianCI(exponential(rng, 25, 1), 0.95);
      if (r.lo <= Math.LN2 && Math.LN2 <= r.hi) hits++;
    }
    expect(hits / 1000).toBeGreaterThanOrEqual(0.92);
    expect(hits / 1000).toBeLessThanOrEqual(0.98);
  });
});

describe('bootstrap', () => {
  const data = logNormal(createRng(7), 200, 100, 0.3);
  it('is reproducible from the seed and changes with it', () => {
    const a = bootstrapCI(data, 'median', { seed: 1 });
    const b = bootstrapCI(data, 'median', { seed: 1 });
    const c = bootstrapCI(data, 'median', { seed: 2 });
    expect(a).toEqual(b);
    expect(a.lo === c.lo && a.hi === c.hi).toBe(false);
  });
  it('counting fast path gives the same bootstrap distribution of the median as explicit resampling', () => {
    // the fast path draws indices into the sorted data; on sorted input both paths see the same
    // draws from the same stream, so the replicates must be identical
    const sorted = new Float64Array(data).sort();
    const fast = bootstrapDistribution(sorted, 'median', { resamples: 3000, seed: 9 });
    const slow = bootstrapDistribution(sorted, medianInPlace, { resamples: 3000, seed: 9 });
    expect(Array.from(fast)).toEqual(Array.from(slow));
  });
  it('jackknife acceleration of the mean equals Σd³ / (6 (Σd²)^{3/2}) with d = x - x̄ (Efron & Tibshirani eq. 14.15)', () => {
    const x = [1, 2, 3, 4, 10, 12, 30];
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    const s2 = x.reduce((s, v) => s + (v - m) ** 2, 0);
    const s3 = x.reduce((s, v) => s + (v - m) ** 3, 0);
    expect(accelerationFromJackknife(jackknife(x, 'mean'))).toBeCloseTo(s3 / (6 * s2 ** 1.5), 14);
    // fast quantile jackknife agrees with the generic one
    expect(Array.from(jackknife(x, 'median'))).toEqual(Array.from(jackknife(x, (s) => medianInPlace(s))));
  });
  it('BCa and percentile intervals of the mean cover μ at about 95 % (400 seeded trials, n = 40, normal data)', () => {
    const rng = createRng(77);
    let bca = 0;
    let pct = 0;
    for (let t = 0; t < 400; t++) {
      const x = Float64Array.from({ length: 40 }, () => 10 + rng.normal());
      const b = bootstrapCI(x, 'mean', { resamples: 1000, seed: t });
      const p = bootstrapCI(x, 'mean', { resamples: 1000, seed: t, method: 'percentile' });
      if (b.lo <= 10 && 10 <= b.hi) bca++;
      if (p.lo <= 10 && 10 <= p.hi) pct++;
    }
    expect(bca / 400).toBeGreaterThanOrEqual(0.9);
    expect(bca / 400).toBeLessThanOrEqual(0.98);
    expect(pct / 400).toBeGreaterThanOrEqual(0.9);
    expect(pct / 400).toBeLessThanOrEqual(0.98);
  });
  it('ratioCI of medians covers the true ratio 1.1 at about 95 % (300 seeded trials, n = 60)', () => {
    const rng = createRng(99);
    let hits = 0;
    for (let t = 0; t < 300; t++) {
      const a = logNormal(rng, 60, 100, 0.1);
      const b = logNormal(rng, 60, 110, 0.1);
      const r = ratioCI(a, b, { resamples: 1000, seed: t });
      if (r.lo <= 1.1 && 1.1 <= r.hi) hits++;
    }
    expect(hits / 300).toBeGreaterThanOrEqual(0.9);
    expect(hits / 300).toBeLessThanOrEqual(0.985);
  });
  it('throws on empty input and bad options', () => {
    expect(() => bootstrapCI([], 'mean')).toThrow(RangeError);
    expect(() => bootstrapCI([1, 2], 'mean', { confidence: 1 })).toThrow(RangeError);
    expect(() => ratioCI([0, 0, 0], [1, 2, 3])).toThrow(/baseline/);
  });
});
