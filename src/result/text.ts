/**
 * Pure formatting shared by every reporter: times with units at 3 significant digits, changes as
 * percentages, p-values, and "n/a (reason)" for anything unavailable (never NaN, never a made-up 0).
 */

/**
 * Units a value can be in: per-iteration costs, rates (iterations, bytes or items per second),
 * `fraction` (printed as a percentage: a success rate, CPU of one core), `bytes` (a size, binary
 * prefix) and `count`.
 */
export type ValueUnit = 'ns' | 'instructions' | 'ops' | 'B/s' | 'items/s' | 'fraction' | 'bytes' | 'count';

/** "n/a (reason)": how an unavailable value is printed. */
export function na(reason: string): string {
  return `n/a (${reason})`;
}

/** True for a usable number. */
export function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** `x` to 3 significant digits, without exponent notation for large values. */
export function sig3(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3) return x.toExponential(2);
  const s = x.toPrecision(3);
  return s.includes('e') ? Math.round(x).toString() : s;
}

const TIME_UNITS: [number, string][] = [
  [1, 'ns'],
  [1e3, 'µs'],
  [1e6, 'ms'],
  [1e9, 's'],
];

/** `v` in the largest of `units` (ascending scales) it reaches, at 3 significant digits. */
function withUnit(v: number, units: readonly [number, string][]): string {
  const a = Math.abs(v);
  let i = 0;
  while (i + 1 < units.length && a >= units[i + 1][0]) i++;
  // Round first so 999.96 µs prints as 1.00 ms, not 1000 µs.
  if (i + 1 < units.length && Math.abs(Number((v / units[i][0]).toPrecision(3))) >= 1000) i++;
  const [scale, unit] = units[i];
  return `${sig3(v / scale)} ${unit}`;
}

/** A time in nanoseconds with a sensible unit: `850 ns`, `1.23 µs`, `27.9 ms`, `1.50 s`. */
export function formatNs(ns: number | null | undefined, reason = 'not measured'): string {
  return isNum(ns) ? withUnit(ns, TIME_UNITS) : na(reason);
}

/** A count with a metric suffix: `950`, `1.23k`, `4.56M`, `7.89G`. */
export function formatCount(v: number | null | undefined, reason = 'not measured'): string {
  if (!isNum(v)) return na(reason);
  const a = Math.abs(v);
  if (a >= 1e9) return `${sig3(v / 1e9)}G`;
  if (a >= 1e6) return `${sig3(v / 1e6)}M`;
  if (a >= 1e3) return `${sig3(v / 1e3)}k`;
  return sig3(v);
}

/** A value in a benchmark's unit: a time for `ns`, a count with ` instr` for instructions, `/s` for rates. */
export function formatValue(v: number | null | undefined, unit: ValueUnit, reason = 'not measured'): string {
  if (!isNum(v)) return na(reason);
  if (unit === 'ns') return formatNs(v);
  if (unit === 'ops') return `${formatCount(v)} ops/s`;
  if (unit === 'B/s') return formatBytesRate(v);
  if (unit === 'items/s') return formatItemsRate(v);
  if (unit === 'fraction') return formatFraction(v);
  if (unit === 'bytes') return formatBytes(v);
  if (unit === 'count') return Number.isInteger(v) ? v.toLocaleString('en-US') : sig3(v);
  return `${formatCount(v)} instr`;
}

const BYTE_RATE_UNITS: [number, string][] = [
  [1, 'B/s'],
  [1e3, 'kB/s'],
  [1e6, 'MB/s'],
  [1e9, 'GB/s'],
  [1e12, 'TB/s'],
];

/** Bytes per second in decimal (SI) units, as disks and networks are quoted: `512 MB/s`, `3.35 TB/s` (1 MB = 10^6 bytes). */
export function formatBytesRate(v: number | null | undefined, reason = 'not measured'): string {
  return isNum(v) ? withUnit(v, BYTE_RATE_UNITS) : na(reason);
}

/** Items per second: `950 items/s`, `1.23M items/s`. */
export function formatItemsRate(v: number | null | undefined, reason = 'not measured'): string {
  return isNum(v) ? `${formatCount(v)} items/s` : na(reason);
}

/** A fraction as a percentage with one decimal, more where one decimal would round to 100% or 0% (`99.97%`); exactly 1 and 0 as `100%` and `0%`. */
function formatFraction(v: number): string {
  if (v === 1 || v === 0) return `${v * 100}%`;
  let digits = 1;
  while (digits < 6 && (Math.abs(Number((v * 100).toFixed(digits))) === 100 || Number((v * 100).toFixed(digits)) === 0)) digits++;
  return `${(v * 100).toFixed(digits)}%`;
}

const BYTE_SIZE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Bytes with a binary prefix at 3 significant digits: `512 B`, `1.50 KiB`, `147 MiB`. */
export function formatBytes(v: number | null | undefined, reason = 'not measured'): string {
  if (!isNum(v)) return na(reason);
  let i = 0;
  while (i + 1 < BYTE_SIZE_UNITS.length && Math.abs(v) >= 1024 ** (i + 1)) i++;
  return `${sig3(v / 1024 ** i)} ${BYTE_SIZE_UNITS[i]}`;
}

/** A signed percentage with one decimal: `+12.3%`, `-4.0%`. */
export function formatSignedPct(fraction: number | null | undefined, reason = 'not available'): string {
  if (!isNum(fraction)) return na(reason);
  const pct = fraction * 100;
  const s = Math.abs(pct) >= 100 ? pct.toFixed(0) : pct.toFixed(1);
  return `${pct >= 0 ? '+' : ''}${s}%`;
}

/** A percentage without sign, one decimal under 100: `12.3%`, `250%`. */
export function formatPct(fraction: number): string {
  const pct = Math.abs(fraction * 100);
  return `${pct >= 100 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

/** A multiplier: `2.50x`, `18,900x` (3 significant digits, grouped). */
export function formatTimes(x: number): string {
  return `${x >= 1000 ? new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 }).format(x) : sig3(x)}x`;
}

/**
 * A ratio after/before in words: `12.3% slower`, `61.0% faster`, `no change`; past 2x slower or 10x
 * faster as a multiplier (`3.50x slower`, `18,900x faster`), where a percentage stops saying much
 * (`100.0% faster`). For times and instructions, below 1 is faster.
 */
export function describeRatio(ratio: number | null | undefined, reason = 'not available'): string {
  if (!isNum(ratio)) return na(reason);
  if (Math.abs(ratio - 1) < 0.0005) return 'no change';
  if (ratio >= 2) return `${formatTimes(ratio)} slower`;
  if (ratio > 0 && ratio <= 0.1) return `${formatTimes(1 / ratio)} faster`;
  return ratio > 1 ? `${formatPct(ratio - 1)} slower` : `${formatPct(1 - ratio)} faster`;
}

/**
 * A confidence interval of a ratio as percentages: `9.8%..14.9%`, or `-2.1%..+3.0%` when it crosses
 * 0; as ratios (`1.90x..2.10x`) when an end is past 2x or below 0.1x.
 */
export function formatRatioCI(ci: readonly [number, number] | null | undefined, reason = 'not available'): string {
  if (!ci || !isNum(ci[0]) || !isNum(ci[1])) return na(reason);
  if (ci[1] >= 2 || ci[0] <= 0.1) return `${sig3(ci[0])}x..${sig3(ci[1])}x`;
  const [lo, hi] = [ci[0] - 1, ci[1] - 1];
  if (lo >= 0 || hi <= 0) {
    const pct = (f: number) => (Math.abs(f * 100) >= 100 ? (f * 100).toFixed(0) : (f * 100).toFixed(1));
    return `${pct(lo)}%..${pct(hi)}%`;
  }
  return `${formatSignedPct(lo)}..${formatSignedPct(hi)}`;
}

/** A p-value: `0.012`, `0.0004`, `<0.0001` (see {@link formatPEquals} for `p=0.012`). */
export function formatP(p: number | null | undefined, reason = 'no test'): string {
  if (!isNum(p)) return na(reason);
  if (p < 1e-4) return '<0.0001';
  if (p < 0.01) return p.toPrecision(1);
  return p.toFixed(3);
}

/** A p-value as an equation: `p=0.012`, `p<0.0001`. */
export function formatPEquals(p: number | null | undefined, reason = 'no test'): string {
  const t = formatP(p, reason);
  return t.startsWith('<') ? `p${t}` : t.startsWith('n/a') ? t : `p=${t}`;
}

/** `1 test`, `3 tests`. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}
