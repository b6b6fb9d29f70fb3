import { describe, expect, it } from 'vitest';
import { evaluateReferences, validateReferences } from '../../src/compare/index.js';
import { bench, runOf, samples } from './fixtures.js';

const opts = { alpha: 0.05, seed: 1 };

describe('references', () => {
  it('an external figure: "vs reference (neo4j): 27.96 ms, 61% faster"', () => {
    const run = runOf([bench('query', samples(10.9e6, 100, 1, 0.01))]);
    const [r] = evaluateReferences(run, [{ bench: 'query', against: { name: 'neo4j', value: '27.96ms' }, maxRatio: 1.0 }], opts);
    expect(r.pass).toBe(true);
    expect(r.ratio!).toBeCloseTo(0.39, 2);
    expect(r.message).toMatch(/^query: 10\.9 ms vs reference \(neo4j\): 27\.96 ms, 6[01]\.\d% faster$/);
    expect(r.ci).not.toBeNull();
  });

  it('fails when slower than the reference, without any noise allowance', () => {
    const run = runOf([bench('query', samples(28.5e6, 100, 1, 0.01))]);
    const [r] = evaluateReferences(run, [{ bench: 'query', against: { name: 'neo4j', value: '27.96ms' } }], opts);
    expect(r.pass).toBe(false);
    expect(r.message).toMatch(/slower/);
  });

  it('against another benchmark of the same run, with its own maxRatio', () => {
    const run = runOf([bench('ours', samples(110, 100, 1)), bench('theirs', samples(100, 100, 2))]);
    const [fail] = evaluateReferences(run, [{ bench: 'ours', against: 'theirs' }], opts);
    expect(fail.pass).toBe(false);
    expect(fail.pValue).not.toBeNull();
    const [pass] = evaluateReferences(run, [{ bench: 'ours', against: 'theirs', maxRatio: 1.2 }], opts);
    expect(pass.pass).toBe(true);
    expect(pass.message).toContain('limit 1.2×');
  });

  it('a missing benchmark fails with a reason', () => {
    const [r] = evaluateReferences(runOf([]), [{ bench: 'gone', against: 'x' }], opts);
    expect(r.pass).toBe(false);
    expect(r.message).toMatch(/n\/a \(benchmark gone is not in this run\)/);
  });

  it('validates config', () => {
    expect(() => validateReferences([{ bench: 'q', against: { name: 'n', value: 'soon' } }], 'cfg')).toThrow(/not a time/);
    expect(() => validateReferences([{ bench: 'q', against: 'x', maxRatio: -1 }], 'cfg')).toThrow(/maxRatio/);
    expect(() => validateReferences({}, 'cfg')).toThrow(/list/);
  });
});
