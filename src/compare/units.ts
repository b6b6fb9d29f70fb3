/** Parsing of quantities written by people: `100ms`, `2.5 µs`, `1e6`, `27.96ms`, `2M`. */
import { CycleBenchError } from '../errors.js';

const TIME_SCALE: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9 };
const COUNT_SCALE: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9 };

/** A parsed quantity: a time in ns, or a plain number (count, ops/s, instructions). */
export interface Quantity {
  value: number;
  kind: 'time' | 'count';
  /** As written, normalised with a space before the unit (`27.96 ms`). */
  text: string;
}

const RE = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(ns|us|µs|μs|ms|s|k|K|M|G)?\s*(?:ops\/s|\/s|ops|instr|instructions)?\s*$/;

/** Parses a quantity; returns null when `text` is not one. */
export function parseQuantity(text: string): Quantity | null {
  const m = RE.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return null;
  const unit = m[2] ?? '';
  if (unit in TIME_SCALE) return { value: n * TIME_SCALE[unit], kind: 'time', text: `${m[1]} ${unit === 'us' ? 'µs' : unit}` };
  return { value: n * COUNT_SCALE[unit], kind: 'count', text: `${m[1]}${unit}` };
}

/** Parses a time (`27.96ms`) or a bare number of nanoseconds; throws `E_CONFIG` otherwise. */
export function parseTimeNs(v: string | number, where: string): { ns: number; text: string } {
  if (typeof v === 'number' && Number.isFinite(v)) return { ns: v, text: `${v} ns` };
  const q = typeof v === 'string' ? parseQuantity(v) : null;
  if (!q || (q.kind === 'count' && /[kKMG]\s*$/.test(String(v)))) {
    throw new CycleBenchError('E_CONFIG', `${where}: ${JSON.stringify(v)} is not a time; write it like "27.96ms", "850ns", "1.5s".`);
  }
  return { ns: q.value, text: q.kind === 'time' ? q.text : `${q.value} ns` };
}
