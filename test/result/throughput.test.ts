import { describe, expect, it } from 'vitest';
import { formatBytesRate, formatItemsRate, formatValue } from '../../src/result/text.js';
import { bandwidthFraction, peakBandwidth, rateOf, throughputText } from '../../src/result/throughput.js';
import { bench, erroredBench } from '../compare/fixtures.js';

describe('rate formatting', () => {
  it('bytes/s in decimal units', () => {
    expect(formatBytesRate(512)).toBe('512 B/s');
    expect(formatBytesRate(175_000_000)).toBe('175 MB/s');
    expect(formatBytesRate(999_960_000)).toBe('1.00 GB/s');
    expect(formatBytesRate(3.35e12)).toBe('3.35 TB/s');
    expect(formatValue(2e9, 'B/s')).toBe('2.00 GB/s');
  });
  it('items/s, and n/a with the reason instead of NaN', () => {
    expect(formatItemsRate(1.23e6)).toBe('1.23M items/s');
    expect(formatItemsRate(NaN, 'no median')).toBe('n/a (no median)');
    expect(formatValue(null, 'items/s', 'no items')).toBe('n/a (no items)');
  });
});

describe('rates from declared throughput', () => {
  const b = bench('copy', Array(20).fill(1000), { throughput: { bytes: 4096 } });

  it('bytes per iteration / median, the interval from the median CI (faster end = higher rate)', () => {
    const r = rateOf(b, 'bytes');
    expect(r.value).toBeCloseTo(4.096e9, 0);
    expect(throughputText(b)).toBe('4.10 GB/s');
    expect(rateOf(b, 'items')).toEqual({ value: null, reason: 'no items per iteration declared' });
    expect(rateOf(erroredBench('e'), 'bytes').value).toBeNull();
  });

  it('GPU: a fraction of the peak (2 x memory clock x bus width / 8) when the driver reported both', () => {
    // H200: 3201 MHz HBM3, 6144-bit bus: 4.92 TB/s.
    const g = { ...b, kind: 'gpu' as const, gpu: { memoryClockMHz: 3201, memoryBusWidthBits: 6144 } };
    expect(peakBandwidth(g).value).toBeCloseTo(4.917e12, -9);
    const f = bandwidthFraction(g);
    expect(f.value).toBeCloseTo(4.096e9 / 4.917e12, 5);
    expect(throughputText(g)).toBe('4.10 GB/s, 0.1% of peak 4.92 TB/s');
  });

  it('GPU without the memory clock: unavailable with the reason, never a made-up number', () => {
    const g = { ...b, kind: 'gpu' as const, gpu: { mode: 'hot' } };
    expect(bandwidthFraction(g)).toEqual({ value: null, reason: 'the driver did not report the memory clock and bus width' });
    expect(throughputText(g)).toBe('4.10 GB/s, of peak: unavailable: the driver did not report the memory clock and bus width');
  });
});
