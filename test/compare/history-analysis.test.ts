import { describe, expect, it } from 'vitest';
import { analyzeHistory, DEFAULT_POLICY } from '../../src/compare/index.js';
import { historyEntry } from '../../src/store/index.js';
import type { HistoryEntry } from '../../src/store/index.js';
import { bench, rng, runOf, samples } from './fixtures.js';

/** A history of `levels.length` runs of one benchmark 'parse' with the given median levels. */
function history(levels: number[], seed = 1): HistoryEntry[] {
  const r = rng(seed);
  return levels.map((lvl, i) => {
    const e = historyEntry(
      runOf([
        bench('parse', samples(lvl * (1 + 0.004 * (r() - 0.5)), 30, seed * 100 + i, 0.01)),
        bench('other', samples(500, 30, seed * 1000 + i, 0.01)),
      ]),
    );
    return { ...e, time: `2025-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`, commit: `c${i}`.padEnd(40, '0') };
  });
}

const opts = { alpha: DEFAULT_POLICY.alpha, noise: DEFAULT_POLICY.noise, window: 10, minRuns: 5, seed: 1 };

describe('analyzeHistory', () => {
  it('a stable series: flat trend, no change point, no regression', () => {
    const a = analyzeHistory(history(Array(20).fill(1000)), opts);
    const s = a.series.find((x) => x.id === 'parse')!;
    expect(a.regressions).toEqual([]);
    expect(s.trend!.direction).toBe('flat');
    expect(s.changes).toEqual([]);
    expect(s.latest).not.toBeNull();
  });

  it('a 10% step a few runs ago is a regression at the latest run, located by run and commit', () => {
    const levels = [...Array(15).fill(1000), ...Array(5).fill(1100)];
    const a = analyzeHistory(history(levels), opts);
    expect(a.regressions).toEqual(['parse']);
    const s = a.series[0];
    expect(s.changes.at(-1)!.run).toBe(16);
    expect(s.regression!.kind).toBe('step');
    expect(s.regression!.message).toMatch(/parse: level rose (9|10|11)\.\d% at run 16 \(c15/);
  });

  it('a jump in the latest run alone is flagged against the trailing window', () => {
    const levels = [...Array(19).fill(1000), 1150];
    const a = analyzeHistory(history(levels), opts);
    expect(a.regressions).toEqual(['parse']);
    expect(a.series[0].regression!.kind).toBe('outlier');
  });

  it('an old step outside the window is no longer a regression at the latest run', () => {
    const levels = [...Array(6).fill(1000), ...Array(20).fill(1100)];
    expect(analyzeHistory(history(levels), opts).regressions).toEqual([]);
  });

  it('a steady rise gives a rising trend and a projected crossing', () => {
    const levels = Array.from({ length: 20 }, (_, i) => 1000 + 10 * i);
    const a = analyzeHistory(history(levels), { ...opts, threshold: () => ({ value: 1500, stat: 'median', text: 'median < 1.5µs' }) });
    const s = a.series[0];
    expect(s.trend!.direction).toBe('rising');
    expect(s.trend!.relativeSlope).toBeGreaterThan(0.005);
    expect(s.projection!.runs!).toBeGreaterThan(20);
    expect(s.projection!.runs!).toBeLessThan(40);
  });

  it('too few runs: n/a with a reason; filter by glob or text', () => {
    const a = analyzeHistory(history([1000, 1000]), { ...opts, filter: 'par*' });
    expect(a.series.map((s) => s.id)).toEqual(['parse']);
    expect(a.series[0].trend).toBeNull();
    expect(a.series[0].reason).toMatch(/2 runs, need 5/);
    expect(analyzeHistory(history([1000]), { ...opts, filter: 'oth' }).series.map((s) => s.id)).toEqual(['other']);
  });
});
