/**
 * Each way compareRuns compares a benchmark, one row at a time, with the exact fields it must give:
 * added and removed, errored, units that differ, exact instruction counts, per-process medians,
 * paired rounds (and when they are not used), pooled samples, summary-only, labels, profile hints.
 * Found missing by mutation testing (docs/testing.md): these paths were reached only through the
 * built CLI in test/e2e, where a mutant is not active.
 */
import { describe, expect, it } from 'vitest';
import { compareRuns, DEFAULT_POLICY, profileHint, type Policy } from '../../src/compare/index.js';
import type { BenchResult } from '../../src/result/types.js';
import { bench, erroredBench, runOf, samples, statsOf } from './fixtures.js';

const policy: Policy = { ...DEFAULT_POLICY, noise: 0.01 };
const rowOf = (a: BenchResult[], b: BenchResult[], o: Parameters<typeof compareRuns>[3] = {}, p: Policy = policy) =>
  compareRuns(runOf(a), runOf(b), p, o);
const one = (a: BenchResult, b: BenchResult, o: Parameters<typeof compareRuns>[3] = {}) => rowOf([a], [b], o).benchmarks[0];
const x = (c: number, seed: number) => samples(c, 40, seed);

describe('rows that are not compared', () => {
  it('added, removed and errored rows say why; errored lists only the current run', () => {
    const c = rowOf(
      [bench('gone', x(100, 1)), erroredBench('broke-before'), bench('broke-now', x(100, 2))],
      [bench('new', x(100, 3)), bench('broke-before', x(100, 4)), erroredBench('broke-now', 'ENOENT')],
    );
    const by = Object.fromEntries(c.benchmarks.map((r) => [r.id, r]));
    expect(c.benchmarks.map((r) => r.id)).toEqual(['new', 'broke-before', 'broke-now', 'gone']);
    expect(by.new).toMatchObject({
      status: 'added',
      reason: 'only in the current run',
      message: 'new: added (only in the current run)',
      base: null,
      regression: false,
    });
    expect(by.gone).toMatchObject({
      status: 'removed',
      reason: 'only in the base run',
      message: 'gone: removed (only in the base run)',
      current: null,
    });
    expect(by['broke-before']).toMatchObject({
      status: 'error',
      reason: 'errored in the base run',
      message: 'broke-before: n/a (errored in the base run)',
    });
    expect(by['broke-now']).toMatchObject({ status: 'error', reason: 'errored in the current run: ENOENT' });
    expect([c.added, c.removed, c.errored]).toEqual([['new'], ['gone'], ['broke-now']]);
    expect(by.new.ratio).toBeNull();
  });

  it('units that differ are not compared', () => {
    const r = one(bench('u', x(100, 1)), bench('u', x(100, 2), { unit: 'instructions' }));
    expect(r).toMatchObject({
      status: 'compared',
      method: 'none',
      reason: 'units differ (ns vs instructions)',
      message: 'u: n/a (units differ (ns vs instructions))',
      ratio: null,
      verdict: null,
    });
  });

  it('only: the other ids are left out', () => {
    const c = rowOf([bench('a', x(100, 1)), bench('b', x(100, 2))], [bench('a', x(100, 3)), bench('b', x(100, 4))], { only: ['b'] });
    expect(c.benchmarks.map((r) => r.id)).toEqual(['b']);
  });
});

describe('how a pair is compared', () => {
  it('instruction counts: the exact ratio, no test, only the band decides', () => {
    const ins = (n: number) => bench('i', [n, n, n], { unit: 'instructions' });
    const r = one(ins(1000), ins(1100));
    expect(r).toMatchObject({
      method: 'exact',
      ratio: 1.1,
      ci: [1.1, 1.1],
      pValue: null,
      test: 'exact: deterministic instruction counts',
      verdict: 'slower',
      regression: true,
    });
    expect(r.message).toBe('i: 10.0% slower (exact instruction counts)');
    expect(one(ins(1000), ins(1000)).verdict).toBe('same');
  });

  it('per-process medians: Welch on their logs, named with both counts', () => {
    const procs = (m: number[]) => ({ processes: { medians: m, count: m.length } }) as unknown as Partial<BenchResult>;
    const a = bench('p', x(100, 1), procs([100, 101, 99, 100.5, 99.5]));
    const b = bench('p', x(100, 2), procs([120, 121, 119, 120.5, 119.5, 120]));
    const r = one(a, b);
    expect(r.method).toBe('processes');
    expect(r.test).toBe('Welch t-test on log medians of 5 vs 6 processes');
    expect(r.ratio!).toBeCloseTo(1.2, 2);
    expect(r.pValue!).toBeLessThan(1e-6);
    expect(r).toMatchObject({ verdict: 'slower', regression: true });
    // A zero median on either side: the pooled samples instead.
    expect(one(bench('p', x(100, 1), procs([100, 0])), b).method).toBe('samples');
    expect(one(a, bench('p', x(100, 2), procs([120, 0]))).method).toBe('samples');
  });

  it('each basis has its band: samples noise, processes processNoise, rounds pairedNoise, an override all', () => {
    const procs = (m: number[]) => ({ processes: { medians: m, count: m.length } }) as unknown as Partial<BenchResult>;
    const p: Policy = { ...DEFAULT_POLICY, noise: 0.05, processNoise: 0.02, pairedNoise: 0.01 };
    // A 4% change, measured tightly over 5 processes each: beyond the 2% band over processes.
    const a = bench('b', x(100, 1), procs([100, 100.2, 99.8, 100.1, 99.9]));
    const b = bench('b', x(104, 2), procs([104, 104.2, 103.8, 104.1, 103.9]));
    const byProcess = rowOf([a], [b], {}, p).benchmarks[0];
    expect(byProcess).toMatchObject({ method: 'processes', noise: 0.02, verdict: 'slower', regression: true });
    const bySamples = rowOf([bench('b', x(100, 1))], [bench('b', x(104, 2))], {}, p).benchmarks[0];
    expect(bySamples).toMatchObject({ method: 'samples', noise: 0.05, regression: false });
    const byRounds = rowOf([bench('b', x(100, 1))], [bench('b', x(100, 2))], { rounds: new Map([['b', [1.03, 1.031, 1.029, 1.03]]]) }, p);
    expect(byRounds.benchmarks[0]).toMatchObject({ method: 'paired-rounds', noise: 0.01, regression: true });
    const overridden = rowOf([a], [b], {}, { ...p, overrides: [{ match: 'b', noise: 0.1 }] }).benchmarks[0];
    expect(overridden).toMatchObject({ method: 'processes', noise: 0.1, regression: false });
  });

  it('rounds: used with at least 3 positive ratios; otherwise the samples', () => {
    const a = bench('r', x(100, 1));
    const b = bench('r', x(100, 2));
    const with3 = one(a, b, { rounds: new Map([['r', [1.1, 1.12, 1.09]]]) });
    expect(with3).toMatchObject({ method: 'paired-rounds', test: 'paired t-test on log ratios of 3 rounds of alternating processes' });
    expect(one(a, b, { rounds: new Map([['r', [1.1, 1.12]]]) }).method).toBe('samples');
    expect(one(a, b, { rounds: new Map([['r', [1.1, 0, 1.2]]]) }).method).toBe('samples');
    // The interval is at 1 - alpha: with alpha 0.5 it is narrower than at 0.05.
    const wide = with3.ci!;
    const narrow = rowOf([a], [b], { rounds: new Map([['r', [1.1, 1.12, 1.09]]]) }, { ...policy, alpha: 0.5 }).benchmarks[0].ci!;
    expect(narrow[1] - narrow[0]).toBeLessThan((wide[1] - wide[0]) / 2);
  });

  it('pooled samples need 2 on each side; with fewer, the summary', () => {
    const s = one(bench('s', x(100, 1)), bench('s', x(100, 2)));
    expect(s.method).toBe('samples');
    expect(s.test).toMatch(/\S/);
    const two = one(bench('s', [100, 101]), bench('s', [100, 101]));
    expect(two.method).toBe('samples');
    const oneSample = (v: number[]) => ({ ...bench('s', v), samples: [v[0]] });
    expect(one(oneSample(x(100, 1)), bench('s', x(100, 2))).method).toBe('summary-only');
    expect(one(bench('s', x(100, 1)), oneSample(x(100, 2))).method).toBe('summary-only');
  });

  it("summary-only: the ratio of medians, the CI from both medians' CIs; none without them", () => {
    const sum = (median: number, lo: number | null, hi: number | null) => {
      const b = bench('m', [median], {
        stats: { ...statsOf([median]), median, medianCI: { lo: lo as number, hi: hi as number, confidence: 0.95 } },
      });
      delete b.samples;
      return b;
    };
    const r = one(sum(100, 95, 105), sum(200, 190, 210));
    expect(r).toMatchObject({
      method: 'summary-only',
      ratio: 2,
      test: "summary-only: ratio of medians, medians' CIs compared",
      verdict: 'slower',
      regression: true,
    });
    expect(r.ci![0]).toBeCloseTo(190 / 105, 12);
    expect(r.ci![1]).toBeCloseTo(210 / 95, 12);
    expect(r.message).toBe("m: 2.00x slower (CI 1.81x..2.21x, summary-only: no raw samples, medians' CIs compared)");
    for (const [lo, hi] of [
      [null, 105],
      [95, null],
    ] as const) {
      const n = one(sum(100, lo, hi), sum(200, 190, 210));
      expect(n).toMatchObject({
        method: 'summary-only',
        ratio: 2,
        ci: null,
        verdict: 'inconclusive',
        reason: 'summary-only without confidence intervals',
      });
      expect(n.message).toMatch(/, inconclusive$/);
    }
    expect(one(sum(100, 95, 105), sum(200, null, 210)).ci).toBeNull();
    expect(one(sum(100, 0, 105), sum(200, 190, 210)).ci).toBeNull();
    const noMedian = one(sum(0, 0, 0), sum(200, 190, 210));
    expect(noMedian).toMatchObject({
      method: 'none',
      reason: 'no usable median on one side',
      message: 'm: n/a (no usable median on one side)',
    });
    const c = rowOf([sum(100, 95, 105)], [sum(200, 190, 210)]);
    expect(c.summaryOnly).toEqual(['m']);
  });

  it('a compared row has its sides: median, CI ends and n', () => {
    const a = bench('s', x(100, 1));
    const r = one(a, bench('s', x(100, 2)));
    expect(r.base).toEqual({ unit: 'ns', median: a.stats!.median, lo: a.stats!.medianCI.lo, hi: a.stats!.medianCI.hi, n: 40 });
    expect(r.alpha).toBe(policy.alpha);
    expect(r.noise).toBe(0.01);
    expect(r.improvement).toBe(false);
  });
});

describe('labels and hints', () => {
  it('runs are labelled by option, then tag, then base/current, with commit and dirty from git', () => {
    const run = runOf([bench('a', x(100, 1))], { tag: 'v1', env: { git: { commit: 'abc123', dirty: true } } as never });
    const plain = runOf([bench('a', x(100, 2))]);
    const c = compareRuns(run, plain, policy);
    expect(c.base).toEqual({ label: 'v1', startedAt: run.startedAt, commit: 'abc123', dirty: true, tag: 'v1' });
    expect(c.current).toMatchObject({ label: 'current', tag: null });
    expect(compareRuns(plain, run, policy).base.label).toBe('base');
    expect(compareRuns(run, plain, policy, { baseLabel: 'main', currentLabel: 'pr' })).toMatchObject({
      base: { label: 'main' },
      current: { label: 'pr' },
    });
  });

  it('the profile hint quotes an id only when the shell needs it', () => {
    expect(profileHint('db/query[n=10]')).toBe("cyclebench run --filter 'db/query[n=10]' --profile");
    expect(profileHint('json/stringify')).toBe('cyclebench run --filter json/stringify --profile');
    expect(profileHint("it's")).toBe("cyclebench run --filter 'it'\\''s' --profile");
    expect(profileHint('a b')).toBe("cyclebench run --filter 'a b' --profile");
  });
});
