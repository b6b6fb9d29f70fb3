import { describe, expect, it } from 'vitest';
import { StopRule, checkGroup, medianHalfWidth, ratioHalfWidth, type GroupMember } from '../../src/engine/stopping.js';
import { DEFAULT_SAMPLING } from '../../src/engine/options.js';
import { createRng, medianCI } from '../../src/stats/index.js';

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
    // Batch medians see the trend: 20 blocks, 10% trimmed, t with 15 df: ≈ 0.79 % of 102.5.
    expect(medianHalfWidth(drift)).toBeGreaterThan(0.006);
    expect(medianHalfWidth(drift)).toBeLessThan(0.009);
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

describe('the median CI in results', () => {
  it('is the order-statistic interval on steady samples and median ± the block half-width under drift', async () => {
    const { sampleStats } = await import('../../src/engine/result.js');
    const rng = createRng(9);
    // On steady samples the two intervals agree within the sampling error of the block spread:
    // over 50 seeded series the reported CI is typically 1-1.3x the order-statistic one.
    const ratios: number[] = [];
    for (let k = 0; k < 50; k++) {
      const steady = Float64Array.from({ length: 1000 }, () => 100 + rng.normal());
      const s = sampleStats(steady);
      const order = medianCI(steady);
      ratios.push((s.medianCI.hi - s.medianCI.lo) / (order.hi - order.lo));
      if (s.medianCI.method === 'order-statistics') expect(s.medianCI.confidence).toBeGreaterThanOrEqual(0.95);
    }
    ratios.sort((a, b) => a - b);
    expect(ratios[0]).toBeGreaterThanOrEqual(1);
    expect(ratios[25]).toBeLessThan(1.3);

    const drift = Float64Array.from({ length: 1000 }, (_, i) => 100 + (5 * i) / 1000 + 0.1 * rng.normal());
    const d = sampleStats(drift);
    expect(d.medianCI.method).toBe('batch-medians');
    const o = medianCI(drift);
    expect(d.medianCI.hi - d.medianCI.lo).toBeGreaterThan(3 * (o.hi - o.lo));
    expect(d.medianCI.confidence).toBe(0.95);
    expect(d.medianCI.hi - d.median).toBeCloseTo(d.median - d.medianCI.lo, 9);
    // Same ± as the stopping rule judged (relative half-width, about 0.67 % here).
    expect((d.medianCI.hi - d.medianCI.lo) / 2 / d.median).toBeCloseTo(medianHalfWidth(drift), 9);
  });
});

describe('StopRule and performance states', () => {
  it('does not stop on precision while the samples hold more than one state', () => {
    const sampling = { ...DEFAULT_SAMPLING, minSamples: 1, minTimeMs: 0 };
    expect(
      new StopRule(sampling).check(
        100,
        100,
        () => 0.001,
        undefined,
        () => false,
      ),
    ).toBeNull();
    expect(
      new StopRule(sampling).check(
        100,
        100,
        () => 0.001,
        undefined,
        () => true,
      ),
    ).toBe('precision');
    expect(
      new StopRule(sampling).check(
        100,
        sampling.maxTimeMs,
        () => 0.001,
        undefined,
        () => false,
      ),
    ).toBe('budget');
  });
});

describe('checkGroup', () => {
  const sampling = { ...DEFAULT_SAMPLING, minSamples: 1, minTimeMs: 0 };
  const steadyRaw = Array.from({ length: 200 }, (_, i) => 250 + (i % 5));
  const member = (o: Partial<GroupMember> & { raw: number[] }): GroupMember => ({
    correctedHalfWidth: () => 0.001,
    provenDead: () => false,
    steady: () => true,
    ...o,
  });

  it('a dead contender counts by its ratio only: neither its median nor its states hold the group', () => {
    const real = member({ raw: steadyRaw });
    // Its ~1 ns raw samples in two states (as a loaded machine gave), its ratio to the baseline steady.
    const dead = member({
      raw: steadyRaw.map((x) => x / 250),
      correctedHalfWidth: () => Infinity,
      provenDead: () => true,
      steady: () => false,
    });
    expect(checkGroup(new StopRule(sampling), [real, dead], real, 100)).toBe('precision');
    // Not shown dead: its (unbounded) corrected half-width counts again, and so do its states.
    const unproven = { ...dead, provenDead: () => false };
    expect(checkGroup(new StopRule(sampling), [real, unproven], real, 100)).toBeNull();
    expect(checkGroup(new StopRule(sampling), [real, { ...unproven, correctedHalfWidth: () => 0.001 }], real, 100)).toBeNull();
  });

  it('a live contender with two states keeps the group sampling; all dead stops as dead code', () => {
    const twoStates = member({ raw: steadyRaw, steady: () => false });
    expect(checkGroup(new StopRule(sampling), [member({ raw: steadyRaw }), twoStates], undefined, 100)).toBeNull();
    const dead = member({ raw: steadyRaw, correctedHalfWidth: () => Infinity, provenDead: () => true });
    expect(checkGroup(new StopRule(sampling), [dead, { ...dead }], undefined, 100)).toBe('dead-code');
  });
});
