import { describe, expect, it } from 'vitest';
import { classifyOutliers, modifiedZScores, trimOutliers, tukeyFences } from '../../src/stats/index.js';

describe('Tukey fences', () => {
  it('1..10 plus 30 and -20: type-7 quartiles, fences at 1.5 and 3 IQR (hand computed)', () => {
    // x = 1..10: q1 = 3.25, q3 = 7.75, IQR 4.5 -> mild fences -3.5 / 14.5, severe -10.25 / 21.25
    const f = tukeyFences([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(f).toMatchObject({ q1: 3.25, q3: 7.75, iqr: 4.5, lowMild: -3.5, highMild: 14.5, lowSevere: -10.25, highSevere: 21.25 });
  });
  it('classifies and counts, never drops', () => {
    const x = [-20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16, 30];
    const r = classifyOutliers(x);
    expect(r.labels).toHaveLength(x.length);
    expect(r.labels[0]).toBe('low-severe');
    expect(r.labels[12]).toBe('high-severe');
    expect(r.total).toBeGreaterThanOrEqual(2);
  });
});

describe('modified z-scores (Iglewicz & Hoaglin 1993)', () => {
  it('M = 0.6745 (x - median) / MAD; |M| > 3.5 flagged', () => {
    const x = [1, 2, 3, 4, 100]; // median 3, MAD 1
    const z = modifiedZScores(x);
    expect(Array.from(z)).toEqual([-1.349, -0.6745, 0, 0.6745, 0.6745 * 97]);
    const r = classifyOutliers(x, { method: 'modified-z' });
    expect(r.labels).toEqual(['none', 'none', 'none', 'none', 'high-severe']);
    expect(r.counts.highSevere).toBe(1);
  });
});

describe('trimOutliers', () => {
  it('returns what it removed, with indices', () => {
    const r = trimOutliers([1, 2, 3, 4, 100]);
    expect(Array.from(r.kept)).toEqual([1, 2, 3, 4]);
    expect(Array.from(r.removed)).toEqual([100]);
    expect(r.removedIndices).toEqual([4]);
  });
  it('throws on empty input', () => {
    expect(() => trimOutliers([])).toThrow(RangeError);
    expect(() => classifyOutliers([])).toThrow(RangeError);
  });
});
