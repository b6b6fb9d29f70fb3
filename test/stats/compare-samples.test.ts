import { describe, expect, it } from 'vitest';
import { compareSamples, pairedLogRatio } from '../../src/stats/index.js';
import { createRng, logNormal } from './helpers.js';

describe('compareSamples verdicts (seeded simulations)', () => {
  it('same distribution: "same" or "inconclusive" in >= 95 % of 300 trials (alpha 0.05, noise 1 %)', () => {
    const rng = createRng(123);
    let wrong = 0;
    for (let t = 0; t < 300; t++) {
      const a = logNormal(rng, 60, 1000, 0.05);
      const b = logNormal(rng, 60, 1000, 0.05);
      const v = compareSamples(a, b, { resamples: 1000, seed: t }).verdict;
      if (v === 'faster' || v === 'slower') wrong++;
    }
    expect(wrong / 300).toBeLessThanOrEqual(0.05);
  });
  it('a true 10 % slowdown with n = 200 and 5 % noise is "slower"; the mirror is "faster"', () => {
    const rng = createRng(7);
    for (let t = 0; t < 10; t++) {
      const a = logNormal(rng, 200, 1000, 0.05);
      const b = logNormal(rng, 200, 1100, 0.05);
      const r = compareSamples(a, b);
      expect(r.verdict).toBe('slower');
      expect(r.ratio).toBeGreaterThan(1.05);
      expect(r.ci[0]).toBeGreaterThan(1.01);
      expect(compareSamples(b, a).verdict).toBe('faster');
    }
  });
  it('tight identical distributions show equivalence: "same"', () => {
    const rng = createRng(8);
    const a = logNormal(rng, 500, 1000, 0.01);
    const b = logNormal(rng, 500, 1000, 0.01);
    const r = compareSamples(a, b, { noise: 0.02 });
    expect(r.verdict).toBe('same');
    expect(r.n).toEqual([500, 500]);
  });
  it('is reproducible for a seed', () => {
    const rng = createRng(9);
    const a = logNormal(rng, 50, 10, 0.2);
    const b = logNormal(rng, 50, 11, 0.2);
    expect(compareSamples(a, b, { seed: 5 })).toEqual(compareSamples(a, b, { seed: 5 }));
  });
  it('paired rounds: common drift cancels, a 3 % slowdown is "slower"', () => {
    const rng = createRng(10);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 60; i++) {
      const drift = 1000 * (1 + 0.3 * Math.sin(i / 5)); // large machine drift shared by both
      a.push(drift * Math.exp(0.01 * rng.normal()));
      b.push(1.03 * drift * Math.exp(0.01 * rng.normal()));
    }
    const r = compareSamples(a, b, { paired: true });
    expect(r.verdict).toBe('slower');
    expect(r.test).toMatch(/sign test/);
    expect(r.ratio).toBeCloseTo(1.03, 1);
    // unpaired, the drift swamps the effect
    expect(compareSamples(a, b).verdict).toBe('inconclusive');
  });
  it('throws on empty input and bad options', () => {
    expect(() => compareSamples([], [1])).toThrow(RangeError);
    expect(() => compareSamples([1], [1], { alpha: 0 })).toThrow(RangeError);
    expect(() => compareSamples([1, 2], [1], { paired: true })).toThrow(/equal lengths/);
  });
});

describe('pairedLogRatio', () => {
  it('sign test p and order-statistic CI on log-ratios (R binom.test(9, 10): p = 0.02148)', () => {
    const a = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10];
    const b = [11, 12, 10.5, 13, 11.5, 10.2, 12.5, 11.1, 10.9, 9.5];
    const r = pairedLogRatio(a, b);
    expect(r.positives).toBe(9);
    expect(r.negatives).toBe(1);
    expect(r.pValue).toBeCloseTo(22 / 1024, 12);
    // n = 10 at 95 %: 2nd and 9th smallest ratios
    expect(r.ci[0]).toBeCloseTo(1.02, 12);
    expect(r.ci[1]).toBeCloseTo(1.25, 12);
    expect(r.ratio).toBeCloseTo(Math.sqrt(1.1 * 1.11), 12);
  });
  it('non-positive values throw, naming the round', () => {
    expect(() => pairedLogRatio([1, 0], [1, 1])).toThrow('pairedLogRatio: round 1 has a=0, b=1; log-ratios need positive values');
    expect(() => pairedLogRatio([1, 1], [1, 0])).toThrow('pairedLogRatio: round 1 has a=1, b=0');
    expect(() => pairedLogRatio([1, 1], [-1, 1])).toThrow('pairedLogRatio: round 0 has a=1, b=-1');
  });
  it('names the argument in its errors', () => {
    expect(() => pairedLogRatio([], [1])).toThrow('pairedLogRatio (a): empty input');
    expect(() => pairedLogRatio([1], [])).toThrow('pairedLogRatio (b): empty input');
    expect(() => pairedLogRatio([1], [1], 2)).toThrow('pairedLogRatio: confidence must be in (0, 1), got 2');
  });
  it('a round with the same time before and after counts on neither side; all ties give p = 1', () => {
    const r = pairedLogRatio([10, 10, 10, 10], [11, 10, 9, 12]);
    expect([r.positives, r.negatives, r.n]).toEqual([2, 1, 4]);
    const same = pairedLogRatio([1, 2, 3], [1, 2, 3]);
    expect([same.positives, same.negatives, same.pValue, same.ratio]).toEqual([0, 0, 1, 1]);
  });
});
