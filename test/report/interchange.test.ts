/**
 * Formats other tools read: Bencher Metric Format and github-action-benchmark's custom JSON, checked
 * against the shapes their documentation gives (BMF's JSON Schema: benchmark -> measure -> { value,
 * lower_value?, upper_value? }, all numbers; the custom format: [{ name, unit, value, range?, extra? }]).
 */
import { describe, expect, it } from 'vitest';
import { toBmf } from '../../src/report/bmf.js';
import { toGab } from '../../src/report/gab.js';
import { erroredBench, makeRun } from '../compare/fixtures.js';

/** BMF's documented schema, as a check: every benchmark an object of measures, each with a numeric value. */
function bmfProblems(doc: unknown): string[] {
  const out: string[] = [];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return ['not an object'];
  for (const [bench, measures] of Object.entries(doc)) {
    if (!bench) out.push('empty benchmark name');
    for (const [measure, m] of Object.entries(measures as object)) {
      const metric = m as Record<string, unknown>;
      if (typeof metric.value !== 'number') out.push(`${bench}.${measure}.value`);
      for (const k of ['lower_value', 'upper_value'])
        if (k in metric && typeof metric[k] !== 'number') out.push(`${bench}.${measure}.${k}`);
      for (const k of Object.keys(metric))
        if (!['value', 'lower_value', 'upper_value'].includes(k)) out.push(`${bench}.${measure}.${k}: not in BMF`);
    }
  }
  return out;
}

describe('Bencher Metric Format', () => {
  const run = makeRun(1, { only: ['parse', 'json/stringify'] });
  run.benchmarks.push(erroredBench('broken'));

  it('latency in nanoseconds: the median, bounded by its 95% CI; errored benchmarks left out', () => {
    const bmf = JSON.parse(JSON.stringify(toBmf(run)));
    expect(bmfProblems(bmf)).toEqual([]);
    const s = run.benchmarks[0].stats!;
    expect(bmf).toEqual({
      parse: { latency: { value: s.median, lower_value: s.medianCI.lo, upper_value: s.medianCI.hi } },
      'json/stringify': { latency: expect.objectContaining({ value: run.benchmarks[1].stats!.median }) },
    });
    expect(bmf.parse.latency.value).toBeGreaterThan(11_000); // nanoseconds: the fixture's 12 µs
  });

  it('instruction counts go to their own measure, not latency', () => {
    const r = makeRun(1, { only: ['parse'], mode: 'instructions' });
    r.benchmarks[0].unit = 'instructions';
    expect(Object.keys(toBmf(r).parse)).toEqual(['instructions']);
  });
});

describe("github-action-benchmark's customSmallerIsBetter", () => {
  it('an array of { name, unit, value, range, extra } with the median and the CI half-width', () => {
    const run = makeRun(1, { only: ['parse'] });
    run.benchmarks.push(erroredBench('broken'));
    const entries = JSON.parse(JSON.stringify(toGab(run)));
    expect(entries).toHaveLength(1);
    const s = run.benchmarks[0].stats!;
    expect(entries[0]).toEqual({
      name: 'parse',
      unit: 'ns',
      value: s.median,
      range: expect.stringMatching(/^± \d/),
      extra: expect.stringMatching(/^median of 100 samples; 95% CI \d+\.\.\d+ ns$/),
    });
    expect(Number(entries[0].range.slice(2))).toBeCloseTo((s.medianCI.hi - s.medianCI.lo) / 2, -1);
  });
});
