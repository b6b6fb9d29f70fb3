import { describe, expect, it } from 'vitest';
import { Suite } from '../../src/index.js';
import { argPoints, benchId, matchesFilter } from '../../src/engine/expand.js';

describe('registration', () => {
  it('rejects bad names, duplicates, non-functions and empty argument axes', () => {
    const s = new Suite();
    expect(() => s.add('', () => 1)).toThrow(/non-empty/);
    expect(() => s.add('a/b', () => 1)).toThrow(/'\/'/);
    expect(() => s.add('x', 42 as unknown as () => void)).toThrow(/expected a function/);
    expect(() => s.add('y', () => 1, { args: { n: [] } })).toThrow(/args\.n/);
    s.add('dup', () => 1);
    expect(() => s.add('dup', () => 2)).toThrow(/twice/);
  });

  it('checks groups: baseline must exist, no nesting, not empty', () => {
    const s = new Suite();
    expect(() => s.group('g', { baseline: 'nope' }, () => s.add('a', () => 1))).toThrow(/baseline 'nope'/);
    expect(() => s.group('e', () => {})).toThrow(/no benchmarks/);
    expect(() => s.group('outer', () => s.group('inner', () => s.add('a', () => 1)))).toThrow(/do not nest/);
  });
});

describe('argument product and ids', () => {
  it('expands the Cartesian product in axis order', () => {
    const points = argPoints({ n: [1, 2], kind: ['a', 'b', 'c'] });
    expect(points).toHaveLength(6);
    expect(points[0]).toEqual({ n: 1, kind: 'a' });
    expect(points[5]).toEqual({ n: 2, kind: 'c' });
    expect(argPoints(undefined)).toEqual([{}]);
  });

  it('builds stable ids and filters by substring or /regex/', () => {
    expect(benchId('sort', 'g', { n: 10 })).toBe('g/sort[n=10]');
    expect(benchId('parse', undefined, {})).toBe('parse');
    expect(matchesFilter('g/sort[n=10]', 'sort')).toBe(true);
    expect(matchesFilter('g/sort[n=10]', '/^g\\/s/')).toBe(true);
    expect(matchesFilter('g/sort[n=10]', '/^sort/')).toBe(false);
    expect(matchesFilter('parse', undefined)).toBe(true);
  });
});

describe('run() while the CLI collects files', () => {
  it('registers nothing itself and returns an empty result with the real environment', async () => {
    const { run, bench } = await import('../../src/index.js');
    const { setCollectOnly, defaultSuite } = await import('../../src/engine/registry.js');
    setCollectOnly(true);
    try {
      bench('collected', () => 1);
      const r = await run({ quiet: true });
      expect(r.benchmarks).toEqual([]);
      expect(r.environment.runtime.node).toBe(process.versions.node);
      expect(r.tool.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(defaultSuite().tasks.some((t) => t.kind === 'bench' && t.bench.name === 'collected')).toBe(true);
    } finally {
      setCollectOnly(false);
    }
  });
});
