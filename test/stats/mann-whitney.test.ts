import { describe, expect, it } from 'vitest';
import { mannWhitneyCdf, mannWhitneyFrequencies, mannWhitneyQuantile, mannWhitneyU } from '../../src/stats/index.js';

// R 4.x ?wilcox.test, "Two-sample test": permeability constants (Hollander & Wolfe 1973, p. 69)
const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const y = [1.15, 0.88, 0.9, 0.74, 1.21];

describe('Mann-Whitney U: R wilcox.test reference values', () => {
  it('wilcox.test(x, y, alternative = "g") -> W = 35, p-value = 0.1272 (exact)', () => {
    const r = mannWhitneyU(x, y, { alternative: 'greater' });
    expect(r.u).toBe(35);
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeCloseTo(0.1272, 4);
  });
  it('wilcox.test(x, y, alternative = "greater", exact = FALSE, correct = FALSE) -> p-value = 0.1103', () => {
    const r = mannWhitneyU(x, y, { alternative: 'greater', exact: false, correct: false });
    expect(r.pValue).toBeCloseTo(0.1103, 4);
    // z = (35 - 25) / sqrt(10·5·16/12)
    expect(r.z).toBeCloseTo(10 / Math.sqrt(200 / 3), 12);
  });
  it('two-sided exact p is twice the one-sided (0.2544); continuity-corrected normal uses z = 9.5/σ', () => {
    expect(mannWhitneyU(x, y).pValue).toBeCloseTo(0.2544, 4);
    const r = mannWhitneyU(x, y, { exact: false });
    expect(r.z).toBeCloseTo(9.5 / Math.sqrt(200 / 3), 12);
  });
});

describe('exact distribution', () => {
  it('frequencies sum to C(m+n, m) and are symmetric', () => {
    const f = mannWhitneyFrequencies(4, 6);
    expect(f.reduce((s, v) => s + v, 0)).toBe(210);
    for (let u = 0; u <= 24; u++) expect(f[u]).toBe(f[24 - u]);
    // m = n = 2: U ∈ {0,1,2,3,4} with counts 1,1,2,1,1
    expect(Array.from(mannWhitneyFrequencies(2, 2))).toEqual([1, 1, 2, 1, 1]);
  });
  it('two-tailed 0.05 critical values of U from standard tables: n1 = n2 = 5 -> 2, 10 -> 23, 20 -> 127', () => {
    // critical value c: reject when U <= c, i.e. P(U <= c) <= 0.025 < P(U <= c + 1)
    for (const [n, c] of [
      [5, 2],
      [10, 23],
      [20, 127],
    ]) {
      expect(mannWhitneyCdf(c, n, n)).toBeLessThanOrEqual(0.025);
      expect(mannWhitneyCdf(c + 1, n, n)).toBeGreaterThan(0.025);
      expect(mannWhitneyQuantile(0.025, n, n)).toBe(c + 1);
    }
  });
});

describe('ties and large samples', () => {
  it('tie-corrected variance: x = (1,2,2,3), y = (2,3,4,5) by hand', () => {
    // pooled sorted: 1 2 2 2 3 3 4 5; midranks 1, 3,3,3, 5.5,5.5, 7, 8
    // rank sum of x = 1 + 3 + 3 + 5.5 = 12.5 -> U = 12.5 - 10 = 2.5
    // ties: t = 3 and t = 2 -> Σ(t³ - t) = 24 + 6 = 30; σ² = 16/12 · (9 - 30/56)
    const r = mannWhitneyU([1, 2, 2, 3], [2, 3, 4, 5]);
    expect(r.ties).toBe(true);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(2.5);
    const sigma = Math.sqrt((16 / 12) * (9 - 30 / 56));
    expect(r.z).toBeCloseTo((2.5 - 8 + 0.5) / sigma, 12);
  });
  it('identical samples give p = 1', () => {
    expect(mannWhitneyU([1, 2, 3], [1, 2, 3]).pValue).toBe(1);
  });
  it('empty input throws', () => expect(() => mannWhitneyU([], [1])).toThrow(RangeError));
});
