import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, holm } from '../../src/stats/index.js';

describe('multiple comparisons', () => {
  it('Benjamini & Hochberg (1995) worked example: 15 p-values, q = 0.05 rejects exactly the 4 smallest', () => {
    const p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];
    const adj = benjaminiHochberg(p);
    expect(adj.filter((v) => v <= 0.05).length).toBe(4);
    // R p.adjust(p, "BH")[1:5] = 0.0015 0.0030 0.0095 0.035625 0.0603
    expect(adj[0]).toBeCloseTo(0.0015, 14);
    expect(adj[3]).toBeCloseTo(0.035625, 14);
    expect(adj[4]).toBeCloseTo(0.0603, 14);
  });
  it('Holm: p.adjust(c(.01,.02,.03,.04,.05), "holm") = .05 .08 .09 .09 .09, input order kept', () => {
    expect(holm([0.01, 0.02, 0.03, 0.04, 0.05]).map((v) => +v.toFixed(12))).toEqual([0.05, 0.08, 0.09, 0.09, 0.09]);
    expect(holm([0.05, 0.01]).map((v) => +v.toFixed(12))).toEqual([0.05, 0.02]);
    expect(holm([0.9, 0.8])).toEqual([1, 1]);
  });
  it('BH keeps input order and caps at 1', () => {
    expect(benjaminiHochberg([0.04, 0.01, 0.03]).map((v) => +v.toFixed(12))).toEqual([0.04, 0.03, 0.04]);
  });
  it('throws on empty input or invalid p, naming the function and the value; 0 and 1 are valid', () => {
    expect(() => holm([])).toThrow('holm: empty input; pass at least one p-value');
    expect(() => benjaminiHochberg([])).toThrow('benjaminiHochberg: empty input');
    expect(() => benjaminiHochberg([1.2])).toThrow('benjaminiHochberg: p-value 0 is 1.2; p-values must be in [0, 1]');
    expect(() => holm([0.5, -0.1])).toThrow('holm: p-value 1 is -0.1');
    expect(() => holm([0.5, NaN])).toThrow('holm: p-value 1 is NaN');
    expect(holm([0, 1])).toEqual([0, 1]);
    expect(benjaminiHochberg([0, 1])).toEqual([0, 1]);
  });
});
