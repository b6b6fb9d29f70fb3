import { describe, expect, it } from 'vitest';
import { changePoints, projectCrossing, trend } from '../../src/stats/index.js';
import { createRng } from './helpers.js';

describe('trend', () => {
  it('slope per step with CI; exact for a line', () => {
    const t = trend([5, 7, 9, 11, 13]);
    expect(t.slope).toBe(2);
    expect(t.ci).toEqual([2, 2]);
    expect(t.current).toBe(13);
    expect(t.pValue).toBe(0);
  });
  it('noisy flat series: CI contains 0', () => {
    const rng = createRng(3);
    const t = trend(Array.from({ length: 50 }, () => 100 + rng.normal()));
    expect(t.ci[0]).toBeLessThan(0);
    expect(t.ci[1]).toBeGreaterThan(0);
  });
});

describe('changePoints (E-divisive means, permutation test)', () => {
  it('finds a single step in the mean, with the means either side', () => {
    const rng = createRng(12);
    const x = Array.from({ length: 80 }, (_, i) => (i < 45 ? 10 : 12) + 0.4 * rng.normal());
    const cps = changePoints(x, { seed: 1 });
    expect(cps).toHaveLength(1);
    expect(Math.abs(cps[0].index - 45)).toBeLessThanOrEqual(1);
    expect(cps[0].meanBefore).toBeCloseTo(10, 0);
    expect(cps[0].meanAfter).toBeCloseTo(12, 0);
    expect(cps[0].pValue).toBeLessThanOrEqual(0.05);
  });
  it('finds two steps', () => {
    const rng = createRng(13);
    const x = Array.from({ length: 120 }, (_, i) => (i < 40 ? 10 : i < 80 ? 13 : 9) + 0.5 * rng.normal());
    const idx = changePoints(x, { seed: 2 }).map((c) => c.index);
    expect(idx).toHaveLength(2);
    expect(Math.abs(idx[0] - 40)).toBeLessThanOrEqual(2);
    expect(Math.abs(idx[1] - 80)).toBeLessThanOrEqual(2);
  });
  it('stationary noise: false detections in at most 3 of 40 seeded series (alpha 0.05)', () => {
    const rng = createRng(14);
    let found = 0;
    for (let s = 0; s < 40; s++) {
      const x = Array.from({ length: 60 }, () => 10 + rng.normal());
      if (changePoints(x, { seed: s }).length > 0) found++;
    }
    expect(found).toBeLessThanOrEqual(3);
  });
  it('is deterministic for a seed and validates options', () => {
    const rng = createRng(15);
    const x = Array.from({ length: 50 }, (_, i) => (i < 25 ? 0 : 1) + 0.8 * rng.normal());
    expect(changePoints(x, { seed: 4 })).toEqual(changePoints(x, { seed: 4 }));
    expect(() => changePoints([])).toThrow(RangeError);
    expect(() => changePoints([1, 2, 3], { minSize: 1 })).toThrow(RangeError);
  });
});

describe('projectCrossing', () => {
  it('steps until the trend reaches the threshold', () => {
    const r = projectCrossing([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 20);
    expect(r.reason).toBe('crossing');
    expect(r.steps).toBeCloseTo(11, 12);
  });
  it('moving away, flat and at threshold give null/0 with a reason', () => {
    expect(projectCrossing([0, 1, 2, 3, 4], -5)).toMatchObject({ steps: null, reason: 'moving-away' });
    const rng = createRng(2);
    expect(
      projectCrossing(
        Array.from({ length: 30 }, () => rng.normal()),
        10,
      ),
    ).toMatchObject({ steps: null, reason: 'flat' });
    expect(projectCrossing([1, 2, 3], 3)).toMatchObject({ steps: 0, reason: 'at-threshold' });
  });
});
