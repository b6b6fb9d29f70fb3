// Type-level checks of the public API: inference of argument types from `args`.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { Suite, bench, doNotOptimize } from '../../src/index.js';

describe('typed API', () => {
  it('infers argument types (as literal unions) from the axes', () => {
    const s = new Suite();
    s.add(
      'sum',
      ({ n }) => {
        expectTypeOf(n).toEqualTypeOf<10 | 1000>();
        let t = 0;
        for (let i = 0; i < n; i++) t += i;
        return t;
      },
      { args: { n: [10, 1000] } },
    );
    s.add(
      'mixed',
      ({ n, kind }) => {
        expectTypeOf(kind).toEqualTypeOf<'a' | 'b'>();
        return doNotOptimize(kind.repeat(n));
      },
      { args: { n: [1, 2], kind: ['a', 'b'] }, setup: ({ n }) => new Array<number>(n).fill(0) },
    );
    expect(s.tasks).toHaveLength(2);
    expectTypeOf(bench).toBeFunction();
  });
});
