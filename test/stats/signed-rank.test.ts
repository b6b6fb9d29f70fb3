import { describe, expect, it } from 'vitest';
import { normalSf, signedRankDistribution, wilcoxonSignedRank } from '../../src/stats/index.js';
import { createRng } from './helpers.js';

/** Largest t with P(V <= t) <= p. */
function critical(n: number, p: number): number {
  const dist = signedRankDistribution(n);
  let tail = 0;
  let t = -1;
  for (let v = 0; v < dist.length; v++) {
    tail += dist[v];
    if (tail > p + 1e-12) break;
    t = v;
  }
  return t;
}

describe('Wilcoxon signed-rank test and Hodges-Lehmann pseudomedian', () => {
  it("?wilcox.test's depression data (Hollander & Wolfe): V = 40, one-sided p = 0.01953", () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const r = wilcoxonSignedRank(x.map((v, i) => v - y[i]));
    expect(r.statistic).toBe(40);
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeCloseTo(2 * (10 / 512), 12); // P(V >= 40) = 10/512 = 0.01953
  });

  it('critical values of the published two-sided 5% table (n = 6..10, 20, 25, 30)', () => {
    const table: [number, number][] = [
      [6, 0],
      [7, 2],
      [8, 3],
      [9, 5],
      [10, 8],
      [20, 52],
      [25, 89],
      [30, 137],
    ];
    for (const [n, t] of table) expect(critical(n, 0.025), `n = ${n}`).toBe(t);
  });

  it('the distribution sums to 1 and is symmetric', () => {
    const dist = signedRankDistribution(12);
    expect(dist.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 14);
    for (let v = 0; v < dist.length; v++) expect(dist[v]).toBeCloseTo(dist[dist.length - 1 - v], 15);
  });

  it('the interval is (W(c+1), W(M-c)) of the sorted Walsh averages, and holds the estimate', () => {
    const rng = createRng(3);
    const d = Array.from({ length: 20 }, () => rng.normal() * 0.01 + 0.02);
    const walsh: number[] = [];
    for (let i = 0; i < d.length; i++) for (let j = i; j < d.length; j++) walsh.push((d[i] + d[j]) / 2);
    walsh.sort((a, b) => a - b);
    const r = wilcoxonSignedRank(d);
    expect(r.ci).toEqual([walsh[52], walsh[walsh.length - 53]]);
    expect(r.estimate).toBeCloseTo((walsh[104] + walsh[105]) / 2, 15);
    expect(r.ci[0]).toBeLessThan(r.estimate);
    expect(r.estimate).toBeLessThan(r.ci[1]);
  });

  it('one wild difference moves the interval by a rank, where the t-interval widens', () => {
    const rng = createRng(5);
    const d = Array.from({ length: 20 }, () => 0.017 + rng.normal() * 0.011);
    const clean = wilcoxonSignedRank(d);
    const wild = wilcoxonSignedRank([...d.slice(0, 19), 0.25]);
    expect(wild.ci[0]).toBeGreaterThan(clean.ci[0] - 0.003);
    expect(wild.ci[1] - wild.ci[0]).toBeLessThan(1.3 * (clean.ci[1] - clean.ci[0]));
  });

  it('covers the true centre about 95% of the time (simulated)', () => {
    const rng = createRng(9);
    let covered = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const d = Array.from({ length: 15 }, () => 1 + rng.normal());
      const r = wilcoxonSignedRank(d);
      if (r.ci[0] <= 1 && 1 <= r.ci[1]) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.935);
    expect(covered / trials).toBeLessThan(0.975);
  });

  it('too few differences for the confidence: (min, max) and reached false; all zeros: p = 1', () => {
    const r = wilcoxonSignedRank([0.01, 0.02, 0.03, 0.015, 0.012]);
    expect(r.reached).toBe(false);
    expect(r.ci).toEqual([0.01, 0.03]);
    expect(wilcoxonSignedRank([0, 0, 0]).pValue).toBe(1);
  });

  it('ties and zeros: normal approximation with R-style corrections', () => {
    const r = wilcoxonSignedRank([1, 1, 2, 2, 3, -1, 0, 4, 5, 2]);
    expect(r.method).toBe('normal');
    expect(r.nonZero).toBe(9);
    // ranks of |d| (zero dropped): 1,1,1 -> 2; 2,2,2 -> 5; 3 -> 7; 4 -> 8; 5 -> 9; V = 45 - 2 = 43
    expect(r.statistic).toBe(43);
    // mean 9*10/4 = 22.5; variance 9*10*19/24 - (2 * (3^3 - 3))/48 = 70.25; z = (43 - 22.5 - 0.5)/sqrt(70.25)
    expect(r.pValue).toBeCloseTo(2 * normalSf(20 / Math.sqrt(70.25)), 12);
    expect(r.pValue).toBeCloseTo(0.01702, 4);
  });

  it('rejects empty and non-finite input', () => {
    expect(() => wilcoxonSignedRank([])).toThrow(RangeError);
    expect(() => wilcoxonSignedRank([1, NaN])).toThrow(RangeError);
  });
});
