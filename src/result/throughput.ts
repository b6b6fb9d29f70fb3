/**
 * Rates from declared throughput: bytes or items per iteration divided by the median time, with the
 * interval from the median's CI; and, for GPU benchmarks, the achieved memory bandwidth as a fraction
 * of the device's theoretical peak. Pure; every value is a number or a reason, never a made-up 0.
 */
import type { BenchResult } from './types.js';
import { formatBytesRate, formatItemsRate, formatPct, isNum } from './text.js';

/** A rate with its interval (from the median's CI: a faster time gives a higher rate). */
export interface Rate {
  value: number;
  lo: number | null;
  hi: number | null;
}

/** A rate, or why there is none. */
export type RateOrReason = Rate | { value: null; reason: string };

/** Per-second rate of `amount` per iteration, from a benchmark's median time. */
export function rateOf(b: BenchResult, what: 'bytes' | 'items'): RateOrReason {
  const amount = b.throughput?.[what];
  if (!isNum(amount)) return { value: null, reason: `no ${what} per iteration declared` };
  if (b.unit !== 'ns') return { value: null, reason: 'instruction counts have no time' };
  const s = b.stats;
  if (b.status !== 'ok' || !s) return { value: null, reason: b.status === 'skipped' ? 'skipped' : 'no statistics' };
  if (!(s.median > 0)) return { value: null, reason: 'median time is not positive' };
  const per = (ns: number | undefined) => (isNum(ns) && ns > 0 ? (amount * 1e9) / ns : null);
  return { value: per(s.median)!, lo: per(s.medianCI?.hi), hi: per(s.medianCI?.lo) };
}

/** Theoretical peak memory bandwidth of the GPU a result ran on: 2 (double data rate) x memory clock x bus width / 8. */
export function peakBandwidth(b: BenchResult): { value: number } | { value: null; reason: string } {
  const g = b.gpu;
  if (b.kind !== 'gpu' || !g) return { value: null, reason: 'not a GPU benchmark' };
  const clock = g.memoryClockMHz;
  const width = g.memoryBusWidthBits;
  if (!isNum(clock) || !isNum(width) || clock <= 0 || width <= 0)
    return { value: null, reason: 'the driver did not report the memory clock and bus width' };
  return { value: 2 * clock * 1e6 * (width / 8) };
}

/** Achieved bandwidth (declared bytes / median time) as a fraction of the peak, or why not. */
export function bandwidthFraction(b: BenchResult): { value: number; achieved: number; peak: number } | { value: null; reason: string } {
  const achieved = rateOf(b, 'bytes');
  if (achieved.value === null) return { value: null, reason: achieved.reason };
  const peak = peakBandwidth(b);
  if (peak.value === null) return { value: null, reason: peak.reason };
  return { value: achieved.value / peak.value, achieved: achieved.value, peak: peak.value };
}

/** One cell for tables: `512 MB/s`, `1.20M items/s`, both, or '' when nothing was declared. */
export function throughputText(b: BenchResult): string {
  if (!b.throughput) return '';
  const parts: string[] = [];
  for (const what of ['bytes', 'items'] as const) {
    if (b.throughput[what] === undefined) continue;
    const r = rateOf(b, what);
    parts.push(
      what === 'bytes'
        ? formatBytesRate(r.value, r.value === null ? r.reason : undefined)
        : formatItemsRate(r.value, r.value === null ? r.reason : undefined),
    );
  }
  if (b.kind === 'gpu' && b.throughput.bytes !== undefined) {
    const f = bandwidthFraction(b);
    parts.push(f.value === null ? `of peak: unavailable: ${f.reason}` : `${formatPct(f.value)} of peak ${formatBytesRate(f.peak)}`);
  }
  return parts.join(', ');
}
