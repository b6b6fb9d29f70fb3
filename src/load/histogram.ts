/**
 * Latencies of a load test in an HDR histogram (hdr-histogram-js: nanoseconds, 3 significant
 * digits, so every value is kept to 0.1% at any magnitude in bounded memory), merged across worker
 * threads or processes through its compressed encoding, and summarised in the result format.
 */
import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';
import { medianRanks } from '../stats/index.js';
import type { SampleStats } from '../result/types.js';

/** Points kept as `samples` of a load result (evenly spaced quantiles), for comparisons. */
export const QUANTILE_POINTS = 1000;

/** An empty latency histogram (ns; grows as needed). */
export function latencyHistogram(): Histogram {
  return build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60e9,
    numberOfSignificantValueDigits: 3,
  });
}

/** Records one latency in ns (at least 1: the histogram's lowest discernible value). */
export function recordLatency(h: Histogram, ns: number): void {
  h.recordValue(ns >= 1 ? Math.round(ns) : 1);
}

/** The histogram as text for another thread or process. */
export function encodeHistogram(h: Histogram): string {
  return encodeIntoCompressedBase64(h);
}

/** Merges encoded histograms into one. */
export function mergeHistograms(encoded: readonly string[]): Histogram {
  const out = latencyHistogram();
  for (const e of encoded) {
    const h = decodeFromCompressedBase64(e);
    out.add(h);
    h.destroy();
  }
  return out;
}

/** Distinct recorded values and their counts, ascending, in one pass. */
function recorded(h: Histogram): { values: number[]; counts: number[]; min: number; max: number } {
  const it = (
    h as unknown as {
      recordedValuesIterator: { reset(): void; hasNext(): boolean; next(): { valueIteratedTo: number; countAtValueIteratedTo: number } };
    }
  ).recordedValuesIterator;
  const values: number[] = [];
  const counts: number[] = [];
  it.reset();
  while (it.hasNext()) {
    const v = it.next();
    values.push(v.valueIteratedTo);
    counts.push(v.countAtValueIteratedTo);
  }
  return { values, counts, min: h.minNonZeroValue, max: h.maxValue };
}

/**
 * Values at the given ascending 1-based ranks, in one pass over recorded values. A bucket reads as
 * its highest equivalent value (HdrHistogram's convention), clamped to the true min and max so that
 * no percentile lies outside what was recorded.
 */
function atRanks(r: { values: number[]; counts: number[]; min: number; max: number }, ranks: readonly number[]): number[] {
  const out: number[] = [];
  let seen = 0;
  let i = 0;
  for (const rank of ranks) {
    while (i < r.values.length && seen + r.counts[i] < rank) seen += r.counts[i++];
    out.push(Math.min(r.max, Math.max(r.min, r.values[Math.min(i, r.values.length - 1)])));
  }
  return out;
}

/**
 * `k` evenly spaced quantiles ((j + 0.5) / k) of the recorded latencies, k = min(total, QUANTILE_POINTS):
 * a fixed-size picture of the distribution that comparisons can test like samples.
 */
export function quantilePoints(h: Histogram, k = QUANTILE_POINTS): number[] {
  const n = h.totalCount;
  const m = Math.min(n, k);
  if (m === 0) return [];
  const ranks = Array.from({ length: m }, (_, j) => Math.min(n, Math.max(1, Math.ceil(((j + 0.5) / m) * n))));
  return atRanks(recorded(h), ranks);
}

/**
 * Statistics of the recorded latencies in the result format. Percentiles, min and max come from the
 * histogram (to 0.1%); the median's interval from order statistics at binomial ranks, which assumes
 * independent requests (queueing makes them less so: read it as a lower bound on the uncertainty);
 * the MAD from the quantile points.
 */
export function histogramStats(h: Histogram): SampleStats | undefined {
  const n = h.totalCount;
  if (n === 0) return undefined;
  const r = recorded(h);
  const q = (p: number) => atRanks(r, [Math.min(n, Math.max(1, Math.ceil(p * n)))])[0];
  const median = q(0.5);
  const ranks = medianRanks(n, 0.95);
  const [lo, hi] = atRanks(r, [ranks.lower, ranks.upper]);
  const points = quantilePoints(h);
  const dev = points.map((x) => Math.abs(x - median)).sort((a, b) => a - b);
  const mean = h.mean;
  return {
    n,
    mean,
    median,
    p50: median,
    p75: q(0.75),
    p90: q(0.9),
    p95: q(0.95),
    p99: q(0.99),
    p999: q(0.999),
    min: h.minNonZeroValue,
    max: h.maxValue,
    stddev: h.stdDeviation,
    mad: dev[dev.length >> 1],
    cv: mean > 0 ? h.stdDeviation / mean : 0,
    medianCI: { lo, hi, confidence: ranks.coverage, method: 'order-statistics' },
  };
}
