import { describe, expect, it } from 'vitest';
import { pairedTTest, welchTTest } from '../../src/stats/index.js';

// R's `sleep` data set (Cushny & Peebles), extra hours of sleep for the two drugs.
const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('Welch t-test', () => {
  it('R 4.x ?t.test: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776, p = 0.07939, CI -3.3654832 0.2054832', () => {
    const r = welchTTest(group1, group2);
    expect(r.t).toBeCloseTo(-1.8608, 4);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.pValue).toBeCloseTo(0.07939, 5);
    expect(r.ci[0]).toBeCloseTo(-3.3654832, 7);
    expect(r.ci[1]).toBeCloseTo(0.2054832, 7);
    expect(r.estimate).toBeCloseTo(0.75 - 2.33, 14);
  });
  it('one-sided alternatives split the two-sided p-value', () => {
    const less = welchTTest(group1, group2, { alternative: 'less' });
    const greater = welchTTest(group1, group2, { alternative: 'greater' });
    expect(less.pValue).toBeCloseTo(0.07939 / 2, 5);
    expect(less.pValue + greater.pValue).toBeCloseTo(1, 14);
    expect(less.ci[0]).toBe(-Infinity);
  });
  it('throws on too few samples or zero variance, naming the function and the argument', () => {
    expect(() => welchTTest([1], [1, 2])).toThrow('welchTTest (x): needs at least 2 samples, got 1');
    expect(() => welchTTest([1, 2], [1])).toThrow('welchTTest (y): needs at least 2 samples, got 1');
    expect(() => welchTTest([1, 1], [2, 2])).toThrow('welchTTest: standard error is 0');
    expect(() => welchTTest(group1, group2, { confidence: 1.5 })).toThrow('welchTTest: confidence must be in (0, 1), got 1.5');
    expect(() => welchTTest(group1, group2, { alternative: 'sideways' as 'less' })).toThrow('welchTTest: unknown alternative sideways');
  });
  it('shifting both samples by 1e9 leaves t as it was, to the precision the shifted inputs keep (1e-7)', () => {
    const shift = (a: number[]) => a.map((x) => x + 1e9);
    const plain = welchTTest(group1, group2);
    const shifted = welchTTest(shift(group1), shift(group2));
    expect(shifted.t).toBeCloseTo(plain.t, 6);
    expect(shifted.df).toBeCloseTo(plain.df, 6);
  });
  it('a one-sided 95% bound is the matching end of the two-sided 90% interval', () => {
    const two90 = welchTTest(group1, group2, { confidence: 0.9 });
    const greater = welchTTest(group1, group2, { alternative: 'greater' });
    const less = welchTTest(group1, group2, { alternative: 'less' });
    expect(greater.ci[0]).toBeCloseTo(two90.ci[0], 12);
    expect(greater.ci[1]).toBe(Infinity);
    expect(less.ci[1]).toBeCloseTo(two90.ci[1], 12);
    expect(less.ci[0]).toBe(-Infinity);
    expect(greater.alternative).toBe('greater');
  });
});

describe('paired t-test', () => {
  it('R 4.x: t.test(group1, group2, paired = TRUE) -> t = -4.0621, df = 9, p = 0.002833, CI -2.4598858 -0.7001142', () => {
    const r = pairedTTest(group1, group2);
    expect(r.t).toBeCloseTo(-4.0621, 4);
    expect(r.df).toBe(9);
    expect(r.pValue).toBeCloseTo(0.002833, 6);
    expect(r.ci[0]).toBeCloseTo(-2.4598858, 7);
    expect(r.ci[1]).toBeCloseTo(-0.7001142, 7);
  });
  it('unequal lengths throw, saying so', () =>
    expect(() => pairedTTest([1, 2, 3], [1, 2])).toThrow('pairedTTest: x has 3 values but y has 2; pairs need equal lengths'));
  it('names the function and the argument in its errors', () => {
    expect(() => pairedTTest([1], [1, 2])).toThrow('pairedTTest (x): needs at least 2 samples');
    expect(() => pairedTTest([1, 2], [1])).toThrow('pairedTTest (y): needs at least 2 samples');
    expect(() => pairedTTest([1, 2], [0, 1])).toThrow('pairedTTest: standard error is 0');
  });
});
