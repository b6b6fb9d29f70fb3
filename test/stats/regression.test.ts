import { describe, expect, it } from 'vitest';
import { fitComplexity, linearFit } from '../../src/stats/index.js';

// NIST StRD linear regression dataset "Norris" (lower difficulty), 36 observations (y, x).
const NORRIS: [number, number][] = [
  [0.1, 0.2],
  [338.8, 337.4],
  [118.1, 118.2],
  [888.0, 884.6],
  [9.2, 10.1],
  [228.1, 226.5],
  [668.5, 666.3],
  [998.5, 996.3],
  [449.1, 448.6],
  [778.9, 777.0],
  [559.2, 558.2],
  [0.3, 0.4],
  [0.1, 0.6],
  [778.1, 775.5],
  [668.8, 666.9],
  [339.3, 338.0],
  [448.9, 447.5],
  [10.8, 11.6],
  [557.7, 556.0],
  [228.3, 228.1],
  [998.0, 995.8],
  [888.8, 887.6],
  [119.6, 120.2],
  [0.3, 0.3],
  [0.6, 0.3],
  [557.6, 556.8],
  [339.3, 339.1],
  [888.0, 887.2],
  [998.5, 999.0],
  [778.9, 779.0],
  [10.2, 11.1],
  [117.6, 118.3],
  [228.9, 229.2],
  [668.4, 669.1],
  [449.2, 448.9],
  [0.2, 0.5],
];

describe('linearFit', () => {
  it('NIST StRD Norris certified values (slope, intercept, their sd, residual sd, R²)', () => {
    const f = linearFit(
      NORRIS.map((r) => r[1]),
      NORRIS.map((r) => r[0]),
    );
    expect(f.slope).toBeCloseTo(1.00211681802045, 12);
    expect(f.intercept).toBeCloseTo(-0.262323073774029, 11);
    expect(f.slopeStdErr).toBeCloseTo(0.429796848199937e-3, 13);
    expect(f.interceptStdErr).toBeCloseTo(0.232818234301152, 11);
    expect(f.residualStd).toBeCloseTo(0.884796396144373, 11);
    expect(f.r2).toBeCloseTo(0.999993745883712, 12);
    // 95 % CI: slope ± qt(0.975, 34)·sd; qt(0.975, 34) = 2.032245 (t table)
    expect(f.slopeCI[0]).toBeCloseTo(1.00211681802045 - 2.032245 * 0.429796848199937e-3, 8);
  });
  it('exact line: zero residuals, degenerate CI', () => {
    const f = linearFit([1, 2, 3, 4], [3, 5, 7, 9]);
    expect(f.slope).toBe(2);
    expect(f.intercept).toBe(1);
    expect(f.slopeCI).toEqual([2, 2]);
    expect(f.r2).toBe(1);
  });
  it('throws on constant x, too few points or unequal lengths', () => {
    expect(() => linearFit([1, 1, 1], [1, 2, 3])).toThrow(/all x values are equal/);
    expect(() => linearFit([1, 2], [1, 2])).toThrow(RangeError);
    expect(() => linearFit([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});

describe('fitComplexity', () => {
  const n = [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
  const cases: [string, (v: number) => number][] = [
    ['O(1)', () => 7],
    ['O(log n)', (v) => 2 * Math.log2(v)],
    ['O(n)', (v) => 3 * v],
    ['O(n log n)', (v) => 3 * v * Math.log2(v)],
    ['O(n^2)', (v) => 0.5 * v * v],
    ['O(n^3)', (v) => 1e-3 * v ** 3],
  ];
  for (const [name, f] of cases) {
    it(`recognises ${name} with 3 % deterministic noise`, () => {
      const t = n.map((v, i) => f(v) * (1 + 0.03 * Math.sin(7 * i)));
      const r = fitComplexity(n, t);
      expect(r.name).toBe(name);
      expect(r.candidates).toHaveLength(6);
    });
  }
  it('reports the coefficient (exact data) and fits a constant on request', () => {
    expect(
      fitComplexity(
        n,
        n.map((v) => 3 * v * Math.log2(v)),
      ).coefficient,
    ).toBeCloseTo(3, 12);
    const r = fitComplexity(
      n,
      n.map((v) => 2 * v + 500),
      { constant: true },
    );
    expect(r.name).toBe('O(n)');
    expect(r.coefficient).toBeCloseTo(2, 10);
    expect(r.constant).toBeCloseTo(500, 8);
  });
  it('relative weighting keeps the class when the largest size is disturbed', () => {
    const sizes = [40, 80, 160, 320];
    const t = sizes.map((v) => v * v);
    t[3] *= 1.5; // one slow top point (a preempted measurement)
    expect(fitComplexity(sizes, t).name).toBe('O(n^3)'); // absolute residuals: the top point rules
    const r = fitComplexity(sizes, t, { weighting: 'relative' });
    expect(r.name).toBe('O(n^2)');
    expect(r.rms).toBe(r.normalizedRms);
  });
  it('relative weighting: exact data recovers the coefficient and constant', () => {
    expect(
      fitComplexity(
        n,
        n.map((v) => 0.5 * v * v),
        { weighting: 'relative' },
      ).coefficient,
    ).toBeCloseTo(0.5, 12);
    const r = fitComplexity(
      n,
      n.map((v) => 2 * v + 500),
      { constant: true, weighting: 'relative' },
    );
    expect(r.name).toBe('O(n)');
    expect(r.coefficient).toBeCloseTo(2, 8);
    expect(r.constant).toBeCloseTo(500, 6);
    for (const [name, f] of cases) {
      const t = n.map((v, i) => f(v) * (1 + 0.03 * Math.sin(7 * i)));
      expect(fitComplexity(n, t, { weighting: 'relative' }).name).toBe(name);
    }
  });
  it('throws on bad input', () => {
    expect(() => fitComplexity([1, 2], [1, 0], { weighting: 'relative' })).toThrow(/times > 0/);
    expect(() => fitComplexity([], [])).toThrow(RangeError);
    expect(() => fitComplexity([0, 1], [1, 2])).toThrow(/sizes must be > 0/);
  });
});
