import { describe, expect, it } from 'vitest';
import { StopRule, medianHalfWidth, ratioHalfWidth } from '../../src/engine/stopping.js';
import { DEFAULT_SAMPLING } from '../../src/engine/options.js';
import { createRng } from '../../src/stats/index.js';

describe('stopping rule', () => {
  it('a slow drift widens the median half-width; the same values shuffled do not', () => {
    const n = 1000;
    const drift = Float64Array.from({ length: n }, (_, i) => 100 + (5 * i) / n); // +5 % over the run
    const rng = createRng(3);
    const shuffled = drift.slice();
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.random53() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    // Independent-samples CI alone: about 5·1.96/√n / 102.5 ≈ 0.3 % either way.
    expect(medianHalfWidth(shuffled)).toBeLessThan(0.004);
    // Batch medians see the trend: t(0.975, 9)·sd(block medians)/√10 / 102.5 ≈ 1 %.
    expect(medianHalfWidth(drift)).toBeGreaterThan(0.009);
  });

  it('cannot judge fewer than six samples or a non-positive median', () => {
    expect(medianHalfWidth([1, 1, 1, 1, 1])).toBe(Infinity);
    expect(medianHalfWidth(new Float64Array(20))).toBe(Infinity);
    expect(ratioHalfWidth([1, 1, 1], [1, 1, 1])).toBe(Infinity);
  });

  it('stops on precision only after the minimum samples and time, else on the caps', () => {
    const rule = new StopRule({ ...DEFAULT_SAMPLING, minSamples: 12, minTimeMs: 50, maxTimeMs: 1000, maxSamples: 500 });
    expect(rule.check(11, 60, () => 0)).toBeNull();
    expect(rule.check(12, 10, () => 0)).toBeNull();
    expect(rule.check(12, 60, () => 0.5)).toBeNull();
    expect(rule.check(40, 60, () => 0.001)).toBe('precision');
    expect(rule.check(500, 60, () => 1)).toBe('max-samples');
    expect(rule.check(20, 1000, () => 1)).toBe('budget');
  });
});
