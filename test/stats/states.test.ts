/**
 * Performance-state detection on known truth: seeded synthetic sequences (steady, and two levels
 * visited in stretches) and real sample sequences recorded from cyclebench (bench/states/fixtures).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng, detectStates, optimalPartition } from '../../src/stats/index.js';

/** Lognormal noise around 10 µs; `ratio` x slower in the last `share` of each of `visits` stretches. */
function sequence(
  seed: number,
  o: { n?: number; cv?: number; ratio?: number; share?: number; visits?: number; spikes?: number } = {},
): Float64Array {
  const { n = 1000, cv = 0.03, ratio = 1, share = 0.4, visits = 2, spikes = 0.01 } = o;
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, (_, i) => {
    const slow = ratio !== 1 && ((i / n) * visits) % 1 >= 1 - share;
    let v = 10_000 * (slow ? ratio : 1) * Math.exp(cv * rng.normal());
    if (rng.random() < spikes) v *= 2 + 2 * rng.random();
    return v;
  });
}

describe('detectStates', () => {
  it('calls steady sequences steady (at most 1 in 100 seeds, n = 1000)', () => {
    let wrong = 0;
    for (let seed = 1; seed <= 100; seed++) if (detectStates(sequence(seed)).verdict !== 'steady') wrong++;
    expect(wrong).toBeLessThanOrEqual(1);
  });

  it('finds two states 1.5x apart, their levels, shares and switches', () => {
    const r = detectStates(sequence(7, { ratio: 1.5, share: 0.4, visits: 3 }));
    expect(r.verdict).toBe('states');
    expect(r.states).toHaveLength(2);
    expect(r.states[0].level).toBeGreaterThan(9_500);
    expect(r.states[0].level).toBeLessThan(10_500);
    expect(r.states[1].level / r.states[0].level).toBeGreaterThan(1.4);
    expect(r.states[1].level / r.states[0].level).toBeLessThan(1.6);
    expect(r.states[1].share).toBeGreaterThan(0.35);
    expect(r.states[1].share).toBeLessThan(0.45);
    expect(r.switches).toBe(5);
    expect(r.boundaries).toHaveLength(5);
  });

  it('averages a per-sample signal per state (GC events)', () => {
    const s = sequence(9, { ratio: 1.6, share: 0.5, visits: 1 });
    const gc = Array.from(s, (_, i) => (i >= 500 ? 1 : 0));
    const r = detectStates(s, {}, gc);
    expect(r.states.map((x) => x.perSample)).toEqual([0, 1]);
  });

  it('gives no verdict on too few samples and folds short excursions into the nearest state', () => {
    expect(detectStates(sequence(3, { n: 30 })).verdict).toBe('too-few-samples');
    const s = sequence(4, { n: 2000 });
    for (let i = 1000; i < 1040; i++) s[i] *= 1.5; // 2% of the samples
    expect(detectStates(s).verdict).toBe('steady');
  });

  it('reads the real two-level JSON.parse sequences from cyclebench as states, the one-level ones as steady', () => {
    const fixture = JSON.parse(readFileSync(resolve(__dirname, '../../bench/states/fixtures/cyclebench-json-parse.json'), 'utf8')) as {
      sequences: { label: string; samples: number[] }[];
    };
    const verdicts = fixture.sequences.map((q) => [q.label, detectStates(q.samples).verdict]);
    expect(verdicts.filter(([l]) => /one level/.test(l)).map(([, v]) => v)).toEqual(['steady', 'steady']);
    expect(verdicts.find(([l]) => /10\.2 \/ 15\.0 us levels/.test(l))![1]).toBe('states');
  });

  it('optimalPartition places a single step exactly', () => {
    const y = [...Array(10).fill(0), ...Array(10).fill(1)];
    expect(optimalPartition(y, 0.5, 2)).toEqual([10]);
  });
});
