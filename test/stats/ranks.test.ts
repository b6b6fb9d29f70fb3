import { describe, expect, it } from 'vitest';
import { midranks } from '../../src/stats/ranks.js';

describe('midranks', () => {
  it('gives tied values the average of their ranks, in input order, and the tie term Σ(t³ - t)', () => {
    const r = midranks([30, 20, 10, 20, 20, 40, 40]);
    expect([...r.ranks]).toEqual([5, 3, 1, 3, 3, 6.5, 6.5]);
    expect(r.tieTerm).toBe(24 + 6); // a group of 3 and a group of 2
    expect(midranks([3, 1, 2]).tieTerm).toBe(0);
    expect([...midranks([]).ranks]).toEqual([]);
  });
});
