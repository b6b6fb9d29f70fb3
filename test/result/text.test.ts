import { describe, expect, it } from 'vitest';
import { describeRatio, formatNs, formatP, formatRatioCI, formatValue, sig3 } from '../../src/report/index.js';

describe('formatting', () => {
  it.each([
    [0.5, '0.500 ns'],
    [850, '850 ns'],
    [999.96, '1.00 µs'],
    [1234, '1.23 µs'],
    [27_960_000, '28.0 ms'],
    [999_600, '1.00 ms'],
    [1.5e9, '1.50 s'],
    [12_345e9, '12345 s'],
  ])('formatNs(%d) = %s', (ns, text) => {
    expect(formatNs(ns)).toBe(text);
  });

  it('never prints NaN or a made-up 0 for unavailable values', () => {
    for (const v of [NaN, Infinity, null, undefined]) {
      expect(formatNs(v as number, 'benchmark errored')).toBe('n/a (benchmark errored)');
      expect(formatValue(v as number, 'instructions')).toBe('n/a (not measured)');
    }
    expect(formatP(NaN)).toBe('n/a (no test)');
    expect(formatRatioCI(null, 'summary-only')).toBe('n/a (summary-only)');
  });

  it('describes changes the way messages need them', () => {
    expect(describeRatio(1.123)).toBe('12.3% slower');
    expect(describeRatio(0.39)).toBe('61.0% faster');
    expect(describeRatio(1)).toBe('no change');
    expect(formatRatioCI([1.098, 1.149])).toBe('9.8%..14.9%');
    expect(formatRatioCI([0.979, 1.03])).toBe('-2.1%..+3.0%');
    expect(formatP(0.0004)).toBe('0.0004');
    expect(formatP(0.01234)).toBe('0.012');
    expect(formatP(1e-9)).toBe('<0.0001');
    expect(sig3(123.456)).toBe('123');
    expect(formatValue(1.5e6, 'instructions')).toBe('1.50M instr');
    expect(formatValue(2.5e6, 'ops')).toBe('2.50M ops/s');
  });
});
