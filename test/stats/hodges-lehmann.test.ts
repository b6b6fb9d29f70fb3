import { describe, expect, it } from 'vitest';
import { hodgesLehmann, kthDifference, mannWhitneyQuantile } from '../../src/stats/index.js';
import { createRng } from './helpers.js';

function bruteDiffs(x: number[], y: number[]): number[] {
  const d: number[] = [];
  for (const a of x) for (const b of y) d.push(a - b);
  return d.sort((p, q) => p - q);
}

describe('Hodges-Lehmann shift and Moses interval', () => {
  it('R wilcox.test(x, y, conf.int = TRUE) conventions on the ?wilcox.test permeability data', () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const r = hodgesLehmann(x, y);
    const d = bruteDiffs(x, y);
    expect(r.shift).toBeCloseTo((d[24] + d[25]) / 2, 14); // 50 differences: mean of 25th and 26th
    // qu = qwilcox(0.025, 10, 5) = 9 -> CI (D(9), D(42))
    expect(mannWhitneyQuantile(0.025, 10, 5)).toBe(9);
    expect(r.ranks).toEqual([9, 42]);
    expect(r.ci).toEqual([d[8], d[41]]);
    expect(r.coverage).toBeGreaterThanOrEqual(0.95);
  });
  it('n1 = n2 = 10: lower bound is D(24) (critical U 23 from standard tables + 1)', () => {
    const rng = createRng(1);
    const x = Array.from({ length: 10 }, () => rng.normal());
    const y = Array.from({ length: 10 }, () => rng.normal() + 1);
    const r = hodgesLehmann(x, y);
    expect(r.ranks).toEqual([24, 77]);
    const d = bruteDiffs(x, y);
    expect(r.ci).toEqual([d[23], d[76]]);
  });
  it('a pure shift is recovered exactly', () => {
    const y = [3, 7, 1, 9, 4];
    const x = y.map((v) => v + 2.5);
    expect(hodgesLehmann(x, y).shift).toBe(2.5);
  });
  it('kthDifference (no materialisation) equals the sorted brute-force differences', () => {
    const rng = createRng(4);
    const x = Array.from({ length: 37 }, () => rng.normal() * 3);
    const y = Array.from({ length: 23 }, () => rng.normal());
    const d = bruteDiffs(x, y);
    const xs = Float64Array.from(x).sort();
    const ys = Float64Array.from(y).sort();
    for (const k of [1, 2, 100, 425, 426, 850, 851]) expect(kthDifference(xs, ys, k)).toBe(d[k - 1]);
  });
  it('large samples use the normal-approximation ranks and stay exact in value', () => {
    const rng = createRng(8);
    const x = Array.from({ length: 1600 }, () => rng.normal() + 0.2);
    const y = Array.from({ length: 1500 }, () => rng.normal());
    const r = hodgesLehmann(x, y);
    expect(r.method).toBe('normal');
    expect(r.shift).toBeGreaterThan(0.1);
    expect(r.shift).toBeLessThan(0.3);
    expect(r.ci[0]).toBeLessThan(r.shift);
    expect(r.ci[1]).toBeGreaterThan(r.shift);
  });
  it('empty input throws', () => expect(() => hodgesLehmann([], [1])).toThrow(RangeError));
});
