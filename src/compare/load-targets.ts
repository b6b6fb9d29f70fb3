/**
 * Target statistics beyond time: a load test's `success` rate, `errors` (a count, or a rate with
 * `%`), `throughput` (requests per second), and the resources any sampled benchmark reports: peak
 * `rss` and `heap` memory, mean `cpu` (of one core). `targets.ts` parses and judges them like the rest.
 */
import type { BenchResult } from '../result/types.js';
import type { ValueUnit } from '../result/text.js';

/** Statistics read from a result's `load` or `resources` sections. */
export const EXTRA_STATS = ['success', 'errors', 'throughput', 'rss', 'heap', 'cpu'] as const;
export type ExtraStat = (typeof EXTRA_STATS)[number];

const BYTES: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** A limit for an extra statistic: `99%` (a fraction), `200MB`, `1.5GiB`, `500/s`, `1e3`; null when it is none of these. */
export function parseExtraLimit(stat: ExtraStat, text: string): { value: number; kind: 'fraction' | 'bytes' | 'count' } | null {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(%|[kKmMgG]i?[bB]|[bB]|\/s|req\/s|k|K|M)?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const u = m[2] ?? '';
  const bytes = BYTES[u.toLowerCase()];
  if (u === '%') return stat === 'rss' || stat === 'heap' || stat === 'throughput' ? null : { value: n / 100, kind: 'fraction' };
  if (bytes !== undefined) return stat === 'rss' || stat === 'heap' ? { value: n * bytes, kind: 'bytes' } : null;
  if (stat === 'rss' || stat === 'heap' || stat === 'success' || stat === 'cpu') return null; // these need % or a byte unit
  return { value: n * (u === 'k' || u === 'K' ? 1e3 : u === 'M' ? 1e6 : 1), kind: 'count' };
}

/** What the limit of each extra statistic looks like, for error messages. */
export const EXTRA_EXAMPLES: Record<ExtraStat, string> = {
  success: 'success > 99%',
  errors: 'errors < 1% or errors < 5',
  throughput: 'throughput > 500/s',
  rss: 'rss < 200MB',
  heap: 'heap < 64MiB',
  cpu: 'cpu < 80% (mean, of one core)',
};

/** The value of an extra statistic for a benchmark, in the unit it is judged in, or why there is none. */
export function extraStatistic(
  b: BenchResult,
  stat: ExtraStat,
  limitKind: string,
): { value: number | null; unit: ValueUnit; reason?: string } {
  const l = b.load;
  const r = b.resources;
  const none = (unit: ValueUnit, reason: string) => ({ value: null, unit, reason });
  switch (stat) {
    case 'success':
      return l ? { value: l.successRate, unit: 'fraction' } : none('fraction', 'not a load test');
    case 'errors':
      if (!l) return none(limitKind === 'fraction' ? 'fraction' : 'count', 'not a load test');
      return limitKind === 'fraction'
        ? { value: l.requests ? l.failed / l.requests : 0, unit: 'fraction' }
        : { value: l.failed, unit: 'count' };
    case 'throughput':
      return l ? { value: l.throughput, unit: 'ops' } : none('ops', 'not a load test');
    case 'rss':
      return r ? { value: r.memory.rss.peak, unit: 'bytes' } : none('bytes', 'resources were not sampled (resources: true)');
    case 'heap':
      return r ? { value: r.memory.heapUsed.peak, unit: 'bytes' } : none('bytes', 'resources were not sampled (resources: true)');
    case 'cpu':
      return r ? { value: r.cpu.total.mean / 100, unit: 'fraction' } : none('fraction', 'resources were not sampled (resources: true)');
  }
}
