/**
 * Absolute targets: `p95 < 100ms`, `mean < 50us`, `median <= 2.5ms`, `ops > 1e6`; on declared
 * throughput `throughput > 500MB/s` (bytes/s) and `items > 1M/s`; for load tests and sampled
 * resources `success > 99%`, `throughput > 500/s` (requests/s), `rss < 200MB` (load-targets.ts).
 * Parsed once from config or flags, evaluated on a run, reported as PASS/FAIL with the margin.
 */
import { CycleBenchError } from '../errors.js';
import type { BenchResult, RunResult } from '../result/types.js';
import { formatPct, formatTimes, formatValue, type ValueUnit } from '../result/text.js';
import { rateOf } from '../result/throughput.js';
import { EXTRA_EXAMPLES, EXTRA_STATS, extraStatistic, parseExtraLimit, type ExtraStat } from './load-targets.js';
import { matchId } from './glob.js';
import { parseQuantity } from './units.js';

/** A statistic a target can bound. */
export type TargetStat = 'mean' | 'median' | 'min' | 'max' | 'ops' | 'throughput' | 'items' | ExtraStat | `p${string}`;

/** A parsed target. */
export interface Target {
  /** Benchmark id or glob. */
  match: string;
  /** The target as written. */
  text: string;
  stat: TargetStat;
  /** Quantile for `pNN` statistics (0.95 for p95, 0.999 for p999). */
  quantile?: number;
  op: '<' | '<=' | '>' | '>=';
  /**
   * The limit: ns for times, ops/s for `ops`, bytes/s for a byte-rate `throughput`, items/s for `items`,
   * a fraction for `99%`, bytes for `200MB`, plain count (requests/s for a load test's throughput) otherwise.
   */
  limit: number;
  limitKind: 'time' | 'count' | 'byte-rate' | 'fraction' | 'bytes';
  /** Where it was written: a config file or `--target`. */
  source?: string;
}

/** One target evaluated on one benchmark. */
export interface TargetResult {
  id: string;
  target: string;
  stat: TargetStat;
  op: Target['op'];
  limit: number;
  unit: ValueUnit;
  /** The measured statistic, null when it could not be had (see `reason`). */
  value: number | null;
  pass: boolean;
  /** Relative margin: positive = on the good side of the limit. Null when value is unavailable. */
  margin: number | null;
  /** "54.0% under target", "12.0% over target", or why it could not be judged. */
  marginText: string;
  reason?: string;
}

const RE = new RegExp(`^\\s*(mean|median|min|max|ops|items|${EXTRA_STATS.join('|')}|p\\d{1,4})\\s*(<=|>=|<|>)\\s*(.+?)\\s*$`);

/** Bytes per second: decimal (kB, MB, GB, TB = 10^3k) or binary (KiB, MiB, GiB, TiB = 2^10k) units. */
const BYTE_RATE = /^\s*((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\/s\s*$/;
const BYTE_SCALE: Record<string, number> = {
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
};

/** Parses `500MB/s`, `1.5 GiB/s`; null when `text` is not a byte rate. */
export function parseByteRate(text: string): number | null {
  const m = BYTE_RATE.exec(text);
  return m ? Number(m[1]) * BYTE_SCALE[m[2]] : null;
}

/** Parses `stat op value[unit]`. `where` names the source for errors (`E_CONFIG` / `E_USAGE` by `code`). */
export function parseTarget(match: string, text: string, where: string, code: 'E_CONFIG' | 'E_USAGE' = 'E_CONFIG'): Target {
  const m = RE.exec(text);
  const bad = (why: string) =>
    new CycleBenchError(
      code,
      `${where}: target ${JSON.stringify(text)} for ${JSON.stringify(match)}: ${why}. Write it like "p95 < 100ms", "mean < 50us", "median <= 2.5ms", "ops > 1e6", "throughput > 500MB/s" or "items > 1M/s".`,
    );
  if (!m) throw bad('not understood');
  const stat = m[1] as TargetStat;
  const bytes = parseByteRate(m[3]);
  // `throughput` is bytes per second of a declared throughput (500MB/s), or a load test's requests per second (500/s).
  if (stat === 'throughput' && bytes !== null)
    return { match, text: text.trim(), stat, op: m[2] as Target['op'], limit: bytes, limitKind: 'byte-rate', source: where };
  if ((EXTRA_STATS as readonly string[]).includes(stat)) {
    const x = parseExtraLimit(stat as ExtraStat, m[3]);
    if (!x)
      throw bad(
        `${JSON.stringify(m[3])} is not a limit for ${stat} (write it like "${EXTRA_EXAMPLES[stat as ExtraStat]}"${stat === 'throughput' ? ', or 500MB/s for a declared throughput in bytes' : ''})`,
      );
    return { match, text: text.trim(), stat, op: m[2] as Target['op'], limit: x.value, limitKind: x.kind, source: where };
  }
  if (bytes !== null) throw bad(`a rate in bytes applies to throughput ("throughput > ${m[3].trim()}")`);
  const q = parseQuantity(m[3]);
  if (!q) throw bad(`${JSON.stringify(m[3])} is not a number with an optional unit (ns, us, µs, ms, s)`);
  if ((stat === 'ops' || stat === 'items') && q.kind === 'time') throw bad(`${stat} is a rate; give a plain number such as 1e6 or 2M`);
  let quantile: number | undefined;
  if (stat.startsWith('p')) {
    const d = stat.slice(1);
    quantile = d.length <= 2 ? Number(d) / 100 : Number(`0.${d}`);
    if (!(quantile > 0 && quantile < 1) || d === '100') throw bad(`${stat} is not a percentile (use p1..p99, p999, or max)`);
  }
  return { match, text: text.trim(), stat, quantile, op: m[2] as Target['op'], limit: q.value, limitKind: q.kind, source: where };
}

/** Parses config targets `{ "parse": "p95 < 100ms", "db/*": ["mean < 50us", "ops > 1e4"] }`. */
export function parseTargets(spec: Record<string, string | string[]>, where: string): Target[] {
  const out: Target[] = [];
  for (const [match, v] of Object.entries(spec)) {
    for (const t of Array.isArray(v) ? v : [v]) {
      if (typeof t !== 'string')
        throw new CycleBenchError('E_CONFIG', `${where}: targets[${JSON.stringify(match)}] must be a string or a list of strings.`);
      out.push(parseTarget(match, t, where));
    }
  }
  return out;
}

/** Parses a `--target "ID: p95 < 100ms"` flag. */
export function parseTargetFlag(flag: string): Target {
  const i = flag.lastIndexOf(':');
  if (i <= 0) throw new CycleBenchError('E_USAGE', `--target ${JSON.stringify(flag)}: write it as "ID: p95 < 100ms" (ID may be a glob).`);
  return parseTarget(flag.slice(0, i).trim(), flag.slice(i + 1), '--target', 'E_USAGE');
}

function quantileOf(sorted: number[], q: number): number {
  // Type 7 (linear), the same definition the statistics core uses for its percentiles.
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The value of a target's statistic for a benchmark, or why there is none. */
export function statisticOf(b: BenchResult, t: Pick<Target, 'stat' | 'quantile'>): { value: number | null; reason?: string } {
  if (b.status === 'error') return { value: null, reason: 'benchmark errored' };
  const s = b.stats;
  if (!s) return { value: null, reason: 'no statistics' };
  let v: unknown;
  if (t.stat === 'ops') {
    if (b.unit !== 'ns') return { value: null, reason: 'ops needs a time, this benchmark counts instructions' };
    if (b.load) return { value: b.load.throughput }; // requests per second: concurrency makes 1 / latency wrong
    v = s.opsPerSec ?? (s.median > 0 ? 1e9 / s.median : undefined);
  } else if (t.stat === 'throughput' || t.stat === 'items') {
    const r = rateOf(b, t.stat === 'throughput' ? 'bytes' : 'items');
    if (r.value === null)
      return {
        value: null,
        reason: r.reason.startsWith('no ')
          ? `${r.reason}: bench(name, fn, { throughput: { ${t.stat === 'throughput' ? 'bytes' : 'items'}: N } })`
          : r.reason,
      };
    v = r.value;
  } else if (t.stat === 'mean' || t.stat === 'median' || t.stat === 'min' || t.stat === 'max') v = s[t.stat];
  else {
    // A percentile of batch means is not a percentile of calls: p95 < 100ms means calls to users.
    if (
      t.quantile !== 0.5 &&
      b.percentilesOver !== 'calls' &&
      b.percentilesOver !== 'requests' &&
      b.kind !== 'instructions' &&
      b.kind !== 'load'
    ) {
      const calls = b.stats && b.totalIterations ? Math.round(b.totalIterations / b.stats.n) : undefined;
      return {
        value: null,
        reason: `${t.stat} here would be over means of ${calls ? `about ${calls}` : 'several'}-call batches, not over calls: set callsPerSample: 1 on '${b.id}' to judge a per-call ${t.stat}`,
      };
    }
    const key = t.stat as keyof typeof s;
    if (typeof s[key] === 'number') v = s[key];
    else if (b.samples && b.samples.length > 0 && t.quantile !== undefined)
      v = quantileOf(
        [...b.samples].sort((x, y) => x - y),
        t.quantile,
      );
    else return { value: null, reason: `${t.stat} needs raw samples, which this result does not keep` };
  }
  return typeof v === 'number' && Number.isFinite(v) ? { value: v } : { value: null, reason: `${t.stat} not available` };
}

/** Evaluates every target against the benchmarks it matches. Targets matching no benchmark are skipped. */
export function evaluateTargets(run: RunResult, targets: readonly Target[]): TargetResult[] {
  const out: TargetResult[] = [];
  for (const t of targets) {
    for (const b of run.benchmarks) {
      if (!matchId(t.match, b.id)) continue;
      const extra =
        (EXTRA_STATS as readonly string[]).includes(t.stat) && t.limitKind !== 'byte-rate'
          ? extraStatistic(b, t.stat as ExtraStat, t.limitKind)
          : null;
      const unit: ValueUnit = extra
        ? extra.unit
        : t.stat === 'ops'
          ? 'ops'
          : t.stat === 'throughput'
            ? 'B/s'
            : t.stat === 'items'
              ? 'items/s'
              : b.unit;
      const base = { id: b.id, target: t.text, stat: t.stat, op: t.op, limit: t.limit, unit };
      if (t.limitKind === 'time' && b.unit !== 'ns') {
        out.push({
          ...base,
          value: null,
          pass: false,
          margin: null,
          marginText: 'cannot judge',
          reason: 'a time target on a benchmark that counts instructions',
        });
        continue;
      }
      const { value, reason } = extra ?? statisticOf(b, t);
      if (value === null) {
        out.push({ ...base, value: null, pass: false, margin: null, marginText: 'cannot judge', reason });
        continue;
      }
      const upper = t.op === '<' || t.op === '<=';
      const pass = t.op === '<' ? value < t.limit : t.op === '<=' ? value <= t.limit : t.op === '>' ? value > t.limit : value >= t.limit;
      const margin = t.limit === 0 ? null : upper ? (t.limit - value) / Math.abs(t.limit) : (value - t.limit) / Math.abs(t.limit);
      const marginText = margin === null ? `${formatValue(value, unit)} vs limit 0` : marginWords(value, t.limit, upper);
      out.push({ ...base, value, pass, margin, marginText });
    }
  }
  return out;
}

/**
 * How far a value is from its limit: `54.0% under target`, `12.0% over target`; as a multiplier
 * past 10x under or 2x over (`18,900x under target`, `3.50x over target`), where a percentage
 * would read 100.0%.
 */
function marginWords(value: number, limit: number, upper: boolean): string {
  const good = upper ? value <= limit : value >= limit;
  const words = upper ? (good ? 'under' : 'over') : good ? 'above' : 'below';
  const factor = Math.max(value, limit) / Math.min(value, limit);
  // As describeRatio: a multiplier past 10x on the good side and 2x on the bad side.
  if (value > 0 && factor >= (good ? 10 : 2)) return `${formatTimes(factor)} ${words} target`;
  return `${formatPct(Math.abs(value - limit) / Math.abs(limit))} ${words} target`;
}
