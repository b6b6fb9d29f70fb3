import { describe, expect, it } from 'vitest';
import {
  coefficientOfVariation,
  consistency,
  histogram,
  iqr,
  mad,
  madScaled,
  max,
  mdape,
  mean,
  median,
  min,
  quantile,
  quantiles,
  skewness,
  sortSamples,
  stddev,
  summarize,
  variance,
} from '../../src/stats/index.js';
import { sortedCopy } from '../../src/stats/sort.js';
import { createRng } from './helpers.js';

/** NIST StRD univariate NumAcc datasets: 1 value then 500 alternating pairs around it. */
function numAcc(centre: number, lo: number, hi: number): number[] {
  const v = [centre];
  for (let i = 0; i < 500; i++) v.push(lo, hi);
  return v;
}

describe('mean and standard deviation: NIST StRD univariate certified values', () => {
  it('NumAcc1 (10000001, 10000003, 10000002): mean 10000002, sd 1', () => {
    const x = [10000001, 10000003, 10000002];
    expect(mean(x)).toBe(10000002);
    expect(stddev(x)).toBe(1);
  });
  it('NumAcc2 (1.2 ± 0.1, n = 1001): mean 1.2, sd 0.1', () => {
    const x = numAcc(1.2, 1.1, 1.3);
    expect(mean(x)).toBeCloseTo(1.2, 14);
    expect(stddev(x)).toBeCloseTo(0.1, 14);
  });
  it('NumAcc3 (1000000.2 ± 0.1, n = 1001): mean 1000000.2, sd 0.1', () => {
    const x = numAcc(1000000.2, 1000000.1, 1000000.3);
    expect(mean(x)).toBeCloseTo(1000000.2, 8);
    expect(Math.abs(stddev(x) / 0.1 - 1)).toBeLessThan(1e-8);
  });
  it('NumAcc4 (10000000.2 ± 0.1, n = 1001): mean 10000000.2, sd 0.1 (naive Σx² fails here)', () => {
    const x = numAcc(10000000.2, 10000000.1, 10000000.3);
    expect(mean(x)).toBeCloseTo(10000000.2, 7);
    expect(Math.abs(stddev(x) / 0.1 - 1)).toBeLessThan(1e-7);
    expect(Math.abs(summarize(x).stddev / 0.1 - 1)).toBeLessThan(1e-7);
  });
});

describe('quantiles, type 7', () => {
  // R 4.x: quantile(1:10) -> 1.00 3.25 5.50 7.75 10.00 ; IQR(1:10) -> 4.5
  const x = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
  it('R quantile(1:10)', () => {
    expect(quantiles(x, [0, 0.25, 0.5, 0.75, 1])).toEqual([1, 3.25, 5.5, 7.75, 10]);
    expect(iqr(x)).toBe(4.5);
    expect(median(x)).toBe(5.5);
    expect(median([3, 1, 2])).toBe(2);
  });
  it('R quantile(1:10, c(.9, .95, .99)) -> 9.10 9.55 9.91', () => {
    expect(quantile(x, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile(x, 0.95)).toBeCloseTo(9.55, 12);
    expect(quantile(x, 0.99)).toBeCloseTo(9.91, 12);
  });
  it('rejects p outside [0, 1]', () => {
    expect(() => quantile(x, 1.5)).toThrow(RangeError);
  });
});

describe('robust spread and shape', () => {
  it('R: mad(c(1,2,3,4,100)) = 1.4826; mad(..., constant = 1) = 1', () => {
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(madScaled([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 12);
  });
  it('skewness G1 of (1,2,3,4,10) = 1.2·√2 (hand computed: m2 = 10, m3 = 36, G1 = √20/3 · 36/10^1.5)', () => {
    expect(skewness([1, 2, 3, 4, 10])).toBeCloseTo(1.2 * Math.SQRT2, 12);
    expect(skewness([1, 2, 3])).toBe(0);
  });
  it('cv, consistency, mdape on 1..10 (hand computed)', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // sd = sqrt(55/6), mean = 5.5
    expect(coefficientOfVariation(x)).toBeCloseTo(Math.sqrt(55 / 6) / 5.5, 14);
    expect(consistency(x)).toBeCloseTo(1 - Math.sqrt(55 / 6) / 5.5, 14);
    // |x - 5.5| / x sorted: ..., 0.375 (x=4), 7/18 (x=9), ... -> median (0.375 + 7/18) / 2 = 55/144
    expect(mdape(x)).toBeCloseTo(55 / 144, 14);
  });
});

describe('histogram (Freedman-Diaconis)', () => {
  it('NumPy: np.histogram(np.arange(1, 11), bins="fd") -> counts [3, 3, 4], edges [1, 4, 7, 10]', () => {
    const h = histogram([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Array.from(h.edges)).toEqual([1, 4, 7, 10]);
    expect(Array.from(h.counts)).toEqual([3, 3, 4]);
    expect(h.rule).toBe('freedman-diaconis');
  });
  it('constant data gives one bin; counts always sum to n', () => {
    expect(Array.from(histogram([5, 5, 5]).counts)).toEqual([3]);
    const rng = createRng(3);
    const x = Float64Array.from({ length: 5000 }, () => rng.normal());
    const h = histogram(x);
    expect(h.counts.reduce((s, c) => s + c, 0)).toBe(5000);
  });
});

describe('summarize', () => {
  it('agrees with the single-purpose functions', () => {
    const rng = createRng(11);
    const x = Float64Array.from({ length: 20001 }, () => 100 * Math.exp(0.3 * rng.normal()));
    const s = summarize(x);
    expect(s.n).toBe(20001);
    expect(s.mean).toBeCloseTo(mean(x), 10);
    expect(s.variance).toBeCloseTo(variance(x), 8);
    expect(s.median).toBe(median(x));
    expect(s.p99).toBe(quantile(x, 0.99));
    expect(s.p999).toBe(quantile(x, 0.999));
    expect(s.min).toBe(min(x));
    expect(s.max).toBe(max(x));
    expect(s.mad).toBe(mad(x));
    expect(s.mdape).toBeCloseTo(mdape(x), 14);
    expect(s.iqr).toBe(iqr(x));
    expect(s.skewness).toBeCloseTo(skewness(x), 10);
    expect(s.consistency).toBeCloseTo(1 - s.cv, 15);
  });
  it('one sample: spread is 0, not NaN', () => {
    const s = summarize([42]);
    expect(s).toMatchObject({ n: 1, mean: 42, median: 42, stddev: 0, variance: 0, mad: 0, cv: 0, skewness: 0 });
  });
  it('negative data take the mdape fallback path', () => {
    expect(summarize([-3, -1, 2, 4, 8]).mdape).toBeCloseTo(mdape([-3, -1, 2, 4, 8]), 14);
  });
});

describe('empty and invalid input', () => {
  const fns: [string, () => unknown][] = [
    ['mean', () => mean([])],
    ['median', () => median([])],
    ['summarize', () => summarize([])],
    ['histogram', () => histogram([])],
    ['variance of 1 value', () => variance([1])],
    ['NaN sample', () => mean([1, Number.NaN])],
    ['Infinity sample', () => summarize([1, Infinity])],
  ];
  for (const [name, fn] of fns) {
    it(`${name} throws RangeError`, () => expect(fn).toThrow(RangeError));
  }
  it('message names the function', () => expect(() => mean([])).toThrow(/mean: empty input/));
});

describe('radix sort', () => {
  it('matches Float64Array.prototype.sort on mixed-sign data with -0, subnormals and duplicates', () => {
    const rng = createRng(5);
    const x = new Float64Array(50_000);
    for (let i = 0; i < x.length; i++) {
      const r = rng.random();
      x[i] = r < 0.01 ? -0 : r < 0.02 ? 5e-324 * (rng.int(5) - 2) : r < 0.1 ? rng.int(10) : rng.normal() * 10 ** rng.int(20);
    }
    const expected = new Float64Array(x).sort();
    const got = sortedCopy(x);
    expect(Object.is(got[0], expected[0])).toBe(true);
    expect(Array.from(got)).toEqual(Array.from(expected));
    expect(Array.from(sortSamples(x))).toEqual(Array.from(expected));
  });
});
