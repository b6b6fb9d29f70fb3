/**
 * Pure arithmetic on counter readings: per-iteration deltas with multiplex scaling, subtraction of the
 * empty loop's counts, and derived ratios. Nothing here turns a missing counter into 0 or NaN: a value
 * is either `{ available: true, value }` or `{ available: false, reason }`.
 */
import { CycleBenchError } from '../errors.js';
import type { CounterValue } from '../result/types.js';

/** Where one event's numbers sit in a reading buffer (see `CounterSet.readInto`). */
export interface EventLayout {
  name: string;
  available: boolean;
  reason?: string;
  valueSlot?: number;
  enabledSlot?: number;
  runningSlot?: number;
}

/** Ratios computed from counters, each available only when both of its inputs are. */
export interface DerivedCounters {
  /** instructions / cycles. */
  ipc: CounterValue;
  /** branch-misses / branches. */
  branchMissRate: CounterValue;
  /** cache-misses / cache-references. */
  cacheMissRate: CounterValue;
}

/**
 * Per-iteration counts between two readings: (after - before) scaled by enabled/running when the
 * group was multiplexed (then `scaled: true`), divided by `iterations`.
 */
export function perIteration(
  layout: readonly EventLayout[],
  before: Float64Array,
  after: Float64Array,
  iterations: number,
): Record<string, CounterValue> {
  if (!(iterations > 0) || !Number.isFinite(iterations))
    throw new CycleBenchError('E_BAD_ARGUMENT', `counters: iterations must be a positive number, got ${iterations}`);
  const out: Record<string, CounterValue> = {};
  for (const e of layout) {
    if (!e.available || e.valueSlot === undefined || e.enabledSlot === undefined || e.runningSlot === undefined) {
      out[e.name] = { available: false, reason: e.reason ?? 'not opened' };
      continue;
    }
    const enabled = after[e.enabledSlot] - before[e.enabledSlot];
    const running = after[e.runningSlot] - before[e.runningSlot];
    const delta = after[e.valueSlot] - before[e.valueSlot];
    if (!Number.isFinite(delta) || !Number.isFinite(enabled) || !Number.isFinite(running)) {
      out[e.name] = { available: false, reason: 'the readings are not finite (was the buffer read?)' };
    } else if (running <= 0 && enabled > 0) {
      out[e.name] = {
        available: false,
        reason: 'never on a hardware counter during this sample (multiplexed out: more events than PMU counters)',
      };
    } else if (running > 0 && running < enabled) {
      out[e.name] = { available: true, value: (delta * (enabled / running)) / iterations, scaled: true };
    } else {
      out[e.name] = { available: true, value: delta / iterations };
    }
  }
  return out;
}

/**
 * measured - overhead per event (the empty loop's counts removed, as for time). A value missing on
 * either side is unavailable in the result, with the reason.
 */
export function subtract(
  measured: Readonly<Record<string, CounterValue>>,
  overhead: Readonly<Record<string, CounterValue>>,
): Record<string, CounterValue> {
  const out: Record<string, CounterValue> = {};
  for (const [name, m] of Object.entries(measured)) {
    const o = overhead[name];
    if (!m.available) out[name] = m;
    else if (!o) out[name] = { available: false, reason: 'the empty loop was not measured for this counter' };
    else if (!o.available) out[name] = { available: false, reason: `empty-loop counts unavailable: ${o.reason}` };
    else {
      const scaled = m.scaled || o.scaled;
      out[name] = scaled ? { available: true, value: m.value - o.value, scaled: true } : { available: true, value: m.value - o.value };
    }
  }
  return out;
}

function ratio(values: Readonly<Record<string, CounterValue>>, numerator: string, denominator: string): CounterValue {
  const n = values[numerator];
  const d = values[denominator];
  const missing: string[] = [];
  if (!n) missing.push(`${numerator}: not measured`);
  else if (!n.available) missing.push(`${numerator}: ${n.reason}`);
  if (!d) missing.push(`${denominator}: not measured`);
  else if (!d.available) missing.push(`${denominator}: ${d.reason}`);
  if (missing.length > 0 || !n?.available || !d?.available)
    return { available: false, reason: `needs ${numerator} and ${denominator} (${missing.join('; ')})` };
  if (!(d.value > 0)) return { available: false, reason: `no ${denominator} counted` };
  const value = n.value / d.value;
  return n.scaled || d.scaled ? { available: true, value, scaled: true } : { available: true, value };
}

/** IPC, branch-miss rate and cache-miss rate from per-iteration (or total) counts. */
export function derived(values: Readonly<Record<string, CounterValue>>): DerivedCounters {
  return {
    ipc: ratio(values, 'instructions', 'cycles'),
    branchMissRate: ratio(values, 'branch-misses', 'branches'),
    cacheMissRate: ratio(values, 'cache-misses', 'cache-references'),
  };
}
