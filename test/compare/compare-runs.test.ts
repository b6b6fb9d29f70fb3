import { describe, expect, it } from 'vitest';
import { compareRuns, DEFAULT_POLICY, evaluateRun, exitCodeFor, EXIT, type Policy } from '../../src/compare/index.js';
import { bench, erroredBench, makeRun, runOf, samples } from './fixtures.js';

const policy = (p: Partial<Policy> = {}): Policy => ({ ...DEFAULT_POLICY, ...p });

describe('compareRuns', () => {
  it('two runs of identical code: no regression, every benchmark same or inconclusive', () => {
    for (const seed of [1, 2, 3]) {
      const c = compareRuns(makeRun(seed), makeRun(seed + 100), policy());
      expect(c.regressions).toEqual([]);
      expect(c.improvements).toEqual([]);
      for (const b of c.benchmarks) {
        expect(b.method).toBe('samples');
        expect(['same', 'inconclusive']).toContain(b.verdict);
        expect(Math.abs(b.ratio! - 1)).toBeLessThan(0.02);
      }
      expect(c.environment.warnings).toEqual([]);
    }
  });

  it('an injected 10% slowdown is a regression, named with size, CI and p', () => {
    const c = compareRuns(makeRun(1), makeRun(2, { slow: { parse: 1.1 } }), policy());
    expect(c.regressions).toEqual(['parse']);
    const row = c.benchmarks.find((b) => b.id === 'parse')!;
    expect(row.verdict).toBe('slower');
    expect(row.ratio!).toBeGreaterThan(1.07);
    expect(row.ci![0]).toBeGreaterThan(1 + DEFAULT_POLICY.noise);
    expect(row.adjustedP!).toBeGreaterThanOrEqual(row.pValue!);
    expect(row.message).toMatch(/^parse: \d+\.\d% slower \(CI \d+\.\d%\.\.\d+\.\d%, p[=<][0-9.]+\)$/);
  });

  it('a 10% speed-up is an improvement, not a regression', () => {
    const c = compareRuns(makeRun(1), makeRun(2, { slow: { 'db/query': 0.9 } }), policy());
    expect(c.regressions).toEqual([]);
    expect(c.improvements).toEqual(['db/query']);
  });

  it('a change inside the noise band is not a regression', () => {
    const c = compareRuns(makeRun(1, { n: 400 }), makeRun(2, { n: 400, slow: { parse: 1.015 } }), policy({ noise: 0.03 }));
    expect(c.regressions).toEqual([]);
    expect(c.benchmarks.find((b) => b.id === 'parse')!.verdict).not.toBe('slower');
  });

  it('per-benchmark overrides by glob widen the band', () => {
    const slow = makeRun(2, { slow: { 'db/query': 1.1 } });
    expect(compareRuns(makeRun(1), slow, policy()).regressions).toEqual(['db/query']);
    const p = policy({ overrides: [{ match: 'db/*', noise: 0.2 }] });
    const c = compareRuns(makeRun(1), slow, p);
    expect(c.regressions).toEqual([]);
    expect(c.benchmarks.find((b) => b.id === 'db/query')!.noise).toBe(0.2);
  });

  it('lists benchmarks on one side only as added/removed', () => {
    const base = makeRun(1, { only: ['parse', 'json/stringify'] });
    const cur = makeRun(2, { only: ['parse', 'db/query'] });
    const c = compareRuns(base, cur, policy());
    expect(c.added).toEqual(['db/query']);
    expect(c.removed).toEqual(['json/stringify']);
    expect(c.regressions).toEqual([]);
  });

  it('falls back to a labelled summary-only comparison without samples', () => {
    const c = compareRuns(makeRun(1, { dropSamples: true }), makeRun(2, { dropSamples: true, slow: { parse: 1.2 } }), policy());
    const row = c.benchmarks.find((b) => b.id === 'parse')!;
    expect(row.method).toBe('summary-only');
    expect(row.pValue).toBeNull();
    expect(row.regression).toBe(true);
    expect(row.message).toContain('summary-only');
    expect(c.summaryOnly).toHaveLength(5);
    const same = c.benchmarks.find((b) => b.id === 'json/stringify')!;
    expect(same.regression).toBe(false);
  });

  it('corrects across the suite: Holm adjusted p >= raw p', () => {
    const c = compareRuns(makeRun(1), makeRun(2, { slow: { parse: 1.1, 'db/insert': 1.1 } }), policy());
    for (const b of c.benchmarks) expect(b.adjustedP!).toBeGreaterThanOrEqual(b.pValue! - 1e-15);
    expect(c.regressions.sort()).toEqual(['db/insert', 'parse']);
  });

  it('warns loudly when environments differ', () => {
    const base = makeRun(1);
    const cur = makeRun(2, { env: { runtime: { node: 'v22.1.0', v8: '12', execArgv: ['--jitless'] } } });
    const c = compareRuns(base, cur, policy());
    expect(c.environment.comparable).toBe(false);
    expect(c.environment.warnings.join('\n')).toMatch(/Node major version differs: 20 .* 22/);
    expect(c.environment.warnings.join('\n')).toMatch(/execArgv/);
    const mode = compareRuns(base, makeRun(2, { mode: 'instructions' }), policy());
    expect(mode.environment.warnings.join()).toMatch(/mode/);
  });

  it('an errored benchmark is n/a, counted by the gate as exit 5', async () => {
    const cur = runOf([bench('parse', samples(100, 50, 1)), erroredBench('db/query', 'connection refused')]);
    const base = runOf([bench('parse', samples(100, 50, 2)), bench('db/query', samples(100, 50, 3))]);
    const c = compareRuns(base, cur, policy());
    expect(c.errored).toEqual(['db/query']);
    expect(c.benchmarks[1].message).toContain('connection refused');
    const r = await evaluateRun(cur, policy(), { base });
    expect(r.exitCode).toBe(EXIT.BENCH_ERROR);
  });
});

describe('exit codes', () => {
  it('follow the documented precedence', () => {
    expect(EXIT).toEqual({ OK: 0, REGRESSION: 1, REFERENCE: 2, TARGET: 3, USAGE: 4, BENCH_ERROR: 5, INTERNAL: 6 });
    expect(exitCodeFor({})).toBe(0);
    expect(exitCodeFor({ regression: true })).toBe(1);
    expect(exitCodeFor({ regression: true, referenceLost: true })).toBe(2);
    expect(exitCodeFor({ regression: true, referenceLost: true, targetMissed: true })).toBe(3);
    expect(exitCodeFor({ regression: true, targetMissed: true, benchError: true })).toBe(5);
    expect(exitCodeFor({ usage: true, benchError: true })).toBe(4);
    expect(exitCodeFor({ internal: true, usage: true, regression: true })).toBe(6);
  });
});
