/**
 * The suite-wide correction in compareRuns, on p-values whose raw value is known from published
 * t quantiles: the corrected p decides the verdict, so dropping the correction flips it.
 */
import { describe, expect, it } from 'vitest';
import { compareRuns, DEFAULT_POLICY, type Policy } from '../../src/compare/index.js';
import { bench, runOf, samples } from './fixtures.js';

/** Student's t 0.99 quantile at 4 degrees of freedom (tables; R: qt(0.99, 4)): two-sided p = 0.02. */
const T_99_DF4 = 3.746947;

/**
 * Five per-round ratios whose log ratios have mean `m` and a one-sample t statistic of `t`:
 * logs m + s*z with z = -2..2 (sd 1.5811), s chosen so that m / (s*sd/sqrt(5)) = t.
 */
function roundsWithT(m: number, t: number): number[] {
  const z = [-2, -1, 0, 1, 2];
  const s = m / (t * (Math.sqrt(2.5) / Math.sqrt(5)));
  return z.map((k) => Math.exp(m + s * k));
}

const IDS = ['a', 'b', 'c'];
const runs = () => {
  const run = runOf(IDS.map((id, i) => bench(id, samples(100, 30, i + 1))));
  return { base: run, current: runOf(IDS.map((id, i) => bench(id, samples(100, 30, i + 11)))) };
};
/** `a` is 5% slower with raw p = 0.02; `b` and `c` are unchanged on average (the logs of `c` sum to 0: p = 1). */
const rounds = new Map<string, number[]>([
  ['a', roundsWithT(0.05, T_99_DF4)],
  ['b', [0.99, 1.01, 1, 1.02, 1 / 1.02]],
  ['c', [1.01, 0.99, 1, 1 / 1.01, 1 / 0.99]],
]);
const policy = (p: Partial<Policy>): Policy => ({ ...DEFAULT_POLICY, noise: 0, ...p });

describe('the suite-wide correction decides the verdict', () => {
  it('raw p = 0.02 < alpha is a regression uncorrected; Holm over 3 tests makes it 0.06 > alpha, and no regression', () => {
    const { base, current } = runs();
    const raw = compareRuns(base, current, policy({ correction: 'none' }), { rounds });
    const a = raw.benchmarks.find((r) => r.id === 'a')!;
    expect(a.method).toBe('paired-rounds');
    expect(a.pValue!).toBeCloseTo(0.02, 5);
    expect(a.adjustedP!).toBeCloseTo(0.02, 5);
    expect(a.ratio!).toBeCloseTo(Math.exp(0.05), 10);
    expect(a.verdict).toBe('slower');
    expect(raw.regressions).toEqual(['a']);

    const holm = compareRuns(base, current, policy({ correction: 'holm' }), { rounds });
    const h = holm.benchmarks.find((r) => r.id === 'a')!;
    expect(h.pValue!).toBeCloseTo(0.02, 5); // the raw p is kept
    // Holm (R: p.adjust(c(0.02, pb, 1), "holm")): the smallest p times the number of tests.
    expect(h.adjustedP!).toBeCloseTo(0.06, 5);
    expect(h.verdict).not.toBe('slower');
    expect(h.regression).toBe(false);
    expect(holm.regressions).toEqual([]);
    expect(h.message).toMatch(/p=0\.06/);
    // Holm is the default.
    expect(compareRuns(base, current, policy({}), { rounds }).regressions).toEqual([]);
  });

  it('Benjamini-Hochberg over the same three tests gives 0.02 * 3 / 1 = 0.06 for the smallest', () => {
    const { base, current } = runs();
    const bh = compareRuns(base, current, policy({ correction: 'bh' }), { rounds });
    expect(bh.benchmarks.find((r) => r.id === 'a')!.adjustedP!).toBeCloseTo(0.06, 5);
    expect(bh.regressions).toEqual([]);
    expect(bh.policy.correction).toBe('bh');
  });

  it('a benchmark unchanged on average has p = 1, and stays at 1 after correction, never above', () => {
    const { base, current } = runs();
    const c = compareRuns(base, current, policy({ correction: 'holm' }), { rounds });
    const row = c.benchmarks.find((r) => r.id === 'c')!;
    expect(row.pValue!).toBeCloseTo(1, 12);
    expect(row.adjustedP!).toBeLessThanOrEqual(1);
    expect(row.adjustedP!).toBeCloseTo(1, 12);
    expect(row.ratio!).toBeCloseTo(1, 12);
    expect(row.verdict).toBe('inconclusive'); // a +-1% spread over 5 rounds: the CI is wider than a zero band
  });
});
