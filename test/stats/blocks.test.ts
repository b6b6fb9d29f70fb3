import { describe, expect, it } from 'vitest';
import { blockMedianCI, medianCI } from '../../src/stats/index.js';
import { createRng } from './helpers.js';

describe('blockMedianCI (batch medians)', () => {
  it('five blocks with medians 1..5: mean 3 ± qt(0.975, 4)·sd/√5 (R: qt(0.975, 4) = 2.776445)', () => {
    // Each block [k - 10, k, k + 10] has median k; the outer values make the block mean differ.
    const x = [1, 2, 3, 4, 5].flatMap((k) => [k - 10, k, k + 10]);
    const r = blockMedianCI(x, { blocks: 5 });
    expect(r.blockMedians).toEqual([1, 2, 3, 4, 5]);
    expect(r.center).toBe(3);
    const half = (2.776445 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(r.hi - 3).toBeCloseTo(half, 5);
    expect(3 - r.lo).toBeCloseTo(half, 5);
    expect(r.reached).toBe(true);
  });

  it('trimmed: block medians 1..10, 20% trim: trimmed mean 5.5 ± qt(0.975, 5)·s_w/(0.6·√10) (Wilcox §4.4; R: qt(0.975, 5) = 2.570582)', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((k) => [k - 0.5, k, k + 0.5]);
    const r = blockMedianCI(x, { blocks: 10, trim: 0.2 });
    expect(r.blockMedians).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.center).toBeCloseTo(5.5, 12);
    // Winsorized: 3,3,3,4,5,6,7,8,8,8: sum of squares about 5.5 = 42.5, variance 42.5 / 9.
    const half = (2.570582 * Math.sqrt(42.5 / 9)) / (0.6 * Math.sqrt(10));
    expect(r.hi - 5.5).toBeCloseTo(half, 5);
    expect(() => blockMedianCI(x, { trim: 0.5 })).toThrow(/trim must be in \[0, 0.5\)/);
  });

  it('trimmed: one slow block (a slow start) barely moves the interval; untrimmed it dominates', () => {
    const rng = createRng(3);
    const x = Float64Array.from({ length: 8000 }, (_, i) => (i < 400 ? 13_900 : 8_500) * (1 + 0.05 * rng.normal()));
    const plain = blockMedianCI(x, { blocks: 20 });
    const trimmed = blockMedianCI(x, { blocks: 20, trim: 0.1 });
    expect((plain.hi - plain.lo) / 2 / 8_500).toBeGreaterThan(0.03);
    expect((trimmed.hi - trimmed.lo) / 2 / 8_500).toBeLessThan(0.005);
    expect(Math.abs(trimmed.center / 8_500 - 1)).toBeLessThan(0.005);
  });

  it('uses fewer blocks for short series and gives up below three blocks of two', () => {
    expect(blockMedianCI([1, 2, 3, 4, 5, 6, 7, 8]).blocks).toBe(4);
    const r = blockMedianCI([1, 2, 3, 4, 5]);
    expect(r).toMatchObject({ reached: false, blocks: 0, lo: -Infinity, hi: Infinity });
    expect(() => blockMedianCI([1, 2, 3], { blocks: 2 })).toThrow(/blocks must be an integer >= 3/);
    expect(() => blockMedianCI([1, 2, 3], { confidence: 1 })).toThrow(RangeError);
  });

  it('covers a drifting level where the independent-samples interval does not (seeded simulation)', () => {
    // AR(1) level drift (correlation time ~200 samples) plus white noise, true level 100.
    const rng = createRng(31);
    let blockHits = 0;
    let iidHits = 0;
    const trials = 300;
    for (let t = 0; t < trials; t++) {
      const x = new Float64Array(2000);
      let level = rng.normal() * 2;
      for (let i = 0; i < x.length; i++) {
        level = 0.995 * level + Math.sqrt(1 - 0.995 ** 2) * 2 * rng.normal();
        x[i] = 100 + level + rng.normal();
      }
      const b = blockMedianCI(x);
      if (b.lo <= 100 && 100 <= b.hi) blockHits++;
      const o = medianCI(x);
      if (o.lo <= 100 && 100 <= o.hi) iidHits++;
    }
    // Blocks of 200 samples are barely longer than the drift's correlation time, so batch medians
    // under-cover (72-83 % over seeds 31-33), yet far less than the i.i.d. interval (9-11 %).
    expect(blockHits / trials).toBeGreaterThan(0.7);
    expect(iidHits / trials).toBeLessThan(0.2);
  });

  it('covers at about the nominal rate on independent samples', () => {
    const rng = createRng(5);
    let hits = 0;
    const trials = 1000;
    for (let t = 0; t < trials; t++) {
      const x = Float64Array.from({ length: 200 }, () => 50 + rng.normal());
      const b = blockMedianCI(x);
      if (b.lo <= 50 && 50 <= b.hi) hits++;
    }
    expect(hits / trials).toBeGreaterThan(0.93);
    expect(hits / trials).toBeLessThan(0.97);
  });
});
