/** The thin adapters between compare/ and the statistics core (src/compare/stats.ts). */
import { describe, expect, it } from 'vitest';
import { adjustPValues, pairedRoundsRatio, projectCrossing } from '../../src/compare/stats.js';

describe('compare/stats adapters', () => {
  it('adjustPValues: Holm and BH differ where they should (R p.adjust), none copies, empty stays empty', () => {
    const p = [0.01, 0.02, 0.03];
    expect(adjustPValues(p, 'holm').map((v) => +v.toFixed(12))).toEqual([0.03, 0.04, 0.04]);
    expect(adjustPValues(p, 'bh').map((v) => +v.toFixed(12))).toEqual([0.03, 0.03, 0.03]);
    const none = adjustPValues(p, 'none');
    expect(none).toEqual(p);
    expect(none).not.toBe(p);
    expect(adjustPValues([], 'holm')).toEqual([]);
  });

  it('pairedRoundsRatio: the interval is at 1 - alpha', () => {
    const r = [1.1, 1.12, 1.09, 1.11];
    const at95 = pairedRoundsRatio(r, 0.05).ci;
    const at50 = pairedRoundsRatio(r, 0.5).ci;
    expect(at50[1] - at50[0]).toBeLessThan((at95[1] - at95[0]) / 3);
  });

  it('projectCrossing: no reason when the trend crosses, the reason when it does not', () => {
    const up = projectCrossing([1, 2, 3, 4, 5], 10);
    expect(up.reason).toBeUndefined();
    expect(up.steps!).toBeCloseTo(5, 6);
    const down = projectCrossing([5, 4, 3, 2, 1], 10);
    expect(down.steps).toBeNull();
    expect(down.reason).toMatch(/\S/);
  });
});
