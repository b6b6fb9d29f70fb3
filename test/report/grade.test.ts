import { describe, expect, it } from 'vitest';
import { evaluateTargets, parseTarget } from '../../src/compare/index.js';
import { consistency, gradeBench, gradeRun, gradeText, letterFor, withGrades } from '../../src/report/grade.js';
import type { BenchResult } from '../../src/result/types.js';
import { bench, erroredBench, runOf, samples } from '../compare/fixtures.js';

/** A benchmark whose median is 1000 ns and whose MAD is `mad` ns, with a CI of ±`half` (relative). */
function shaped(mad: number, half = 0.005, extra: Partial<BenchResult> = {}): BenchResult {
  const b = bench('b', samples(1000, 100, 1));
  b.stats = { ...b.stats!, median: 1000, mad, medianCI: { lo: 1000 * (1 - half), hi: 1000 * (1 + half), confidence: 0.95 } };
  return { ...b, ...extra };
}

describe('consistency', () => {
  it('is 1 - 1.4826 MAD / median, clamped to [0, 1]', () => {
    expect(consistency(shaped(0))).toBe(1);
    expect(consistency(shaped(10))).toBeCloseTo(1 - 0.014826, 9);
    expect(consistency(shaped(2000))).toBe(0);
  });
  it('is null without statistics or with a zero median (never 0 or NaN)', () => {
    expect(consistency(erroredBench('x'))).toBeNull();
    const z = shaped(1);
    z.stats!.median = 0;
    expect(consistency(z)).toBeNull();
  });
});

describe('letters', () => {
  it.each([
    [1, 'A+'],
    [0.99, 'A+'],
    [0.985, 'A'],
    [0.97, 'B'],
    [0.93, 'C'],
    [0.8, 'D'],
    [0.5, 'F'],
    [0, 'F'],
  ])('consistency %d earns %s', (c, letter) => expect(letterFor(c)).toBe(letter));
});

describe('gradeBench', () => {
  it('a steady benchmark without targets: A+ from consistency alone, no reasons', () => {
    expect(gradeBench(shaped(3))).toEqual({
      grade: 'A+',
      consistency: expect.closeTo(0.99555, 4),
      reasons: [],
      targets: { total: 0, missed: 0 },
    });
  });

  it('a missed target never grades above C, and says why', () => {
    const b = shaped(3, 0.005, { id: 'parse' });
    const t = evaluateTargets(runOf([b]), [parseTarget('parse', 'median < 900ns', 't')]);
    const g = gradeBench(b, t);
    expect(g.grade).toBe('C');
    expect(g.targets).toEqual({ total: 1, missed: 1 });
    expect(g.reasons).toEqual(['missed target median < 900ns (11.1% over target): C at best']);
  });

  it('missed by 2x or more: D; a met target leaves the grade alone', () => {
    const b = shaped(3, 0.005, { id: 'parse' });
    const far = evaluateTargets(runOf([b]), [parseTarget('parse', 'median < 400ns', 't')]);
    expect(gradeBench(b, far).grade).toBe('D');
    const met = evaluateTargets(runOf([b]), [parseTarget('parse', 'median < 2ms', 't')]);
    expect(gradeBench(b, met)).toMatchObject({ grade: 'A+', targets: { total: 1, missed: 0 } });
  });

  it('a target that cannot be judged counts as missed', () => {
    const b = shaped(3, 0.005, { id: 'parse' });
    const t = evaluateTargets(runOf([b]), [parseTarget('parse', 'throughput > 1MB/s', 't')]);
    expect(gradeBench(b, t)).toMatchObject({
      grade: 'C',
      reasons: [expect.stringMatching(/could not be judged \(no bytes per iteration declared/)],
    });
  });

  it('a wide CI caps at C, an unsettled warm-up at B, probable dead code at F', () => {
    expect(gradeBench(shaped(3, 0.08))).toMatchObject({ grade: 'C', reasons: ['median CI ±8.0% is wider than ±5.0%: C at best'] });
    expect(gradeBench(shaped(3, 0.005, { flags: { warmupUnsettled: true } })).grade).toBe('B');
    expect(gradeBench(shaped(3, 0.005, { flags: { deadCode: true } })).grade).toBe('F');
  });

  it('caps never raise a grade: a noisy benchmark that missed a target stays below C', () => {
    const b = shaped(100, 0.005, { id: 'parse' }); // consistency 0.85: D
    const t = evaluateTargets(runOf([b]), [parseTarget('parse', 'median < 900ns', 't')]);
    expect(gradeBench(b, t).grade).toBe('D');
  });

  it("docs/regression.md's worked example: B from consistency 0.978, C after a missed p95 target", () => {
    const b = shaped(15, 0.006, { id: 'parse' });
    b.stats!.p95 = 1250;
    b.percentilesOver = 'calls'; // one call per sample (callsPerSample: 1), so a p95 target can be judged
    const t = evaluateTargets(runOf([b]), [parseTarget('parse', 'p95 < 1.1us', 't')]);
    expect(gradeBench(b)).toMatchObject({ grade: 'B' });
    expect(gradeBench(b, t)).toEqual({
      grade: 'C',
      consistency: expect.closeTo(0.97776, 5),
      reasons: ['missed target p95 < 1.1us (13.6% over target): C at best'],
      targets: { total: 1, missed: 1 },
    });
    expect(gradeText(gradeBench(b, t))).toBe('C (97.8%)');
  });

  it('errored: F; skipped: no grade, with the reason', () => {
    expect(gradeBench(erroredBench('x'))).toMatchObject({ grade: 'F', consistency: null, reasons: ['errored'] });
    const skipped: BenchResult = { ...erroredBench('s'), status: 'skipped', error: undefined, skipReason: 'needs a CUDA GPU' };
    const g = gradeBench(skipped);
    expect(g).toMatchObject({ grade: null, reasons: ['skipped: needs a CUDA GPU'] });
    expect(gradeText(g)).toBe('n/a (skipped)');
  });

  it('gradeRun and withGrades cover every benchmark; gradeText shows the consistency', () => {
    const run = runOf([shaped(3, 0.005, { id: 'a' }), erroredBench('e')]);
    expect([...gradeRun(run).keys()]).toEqual(['a', 'e']);
    expect(withGrades(run).benchmarks.map((b) => b.grade?.grade)).toEqual(['A+', 'F']);
    expect(gradeText(gradeBench(shaped(3)))).toBe('A+ (99.6%)');
    expect(run.benchmarks[0].grade).toBeUndefined(); // the input is not changed
  });
});
