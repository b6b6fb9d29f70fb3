/** tinybench's table rows and number helpers, written from its documentation. */
import type { TaskLike } from './types.js';

/** Milliseconds to nanoseconds. */
export const mToNs = (ms: number | bigint): number => Number(ms) * 1e6;
/** Nanoseconds to milliseconds. */
export const nToMs = (ns: number | bigint): number => Number(ns) / 1e6;

/**
 * Formats with about `significantDigits` significant digits and at most `maxFractionDigits`
 * decimals; large numbers keep all their integer digits.
 */
export function formatNumber(value: number, significantDigits = 5, maxFractionDigits = 2): string {
  if (value === Infinity) return '+∞';
  if (value === -Infinity) return '-∞';
  if (Number.isNaN(value)) return 'NaN';
  const abs = Math.abs(value);
  const intDigits = abs < 1 ? 0 : Math.floor(Math.log10(abs)) + 1;
  return value.toFixed(Math.min(Math.max(0, significantDigits - intDigits), maxFractionDigits));
}

/** The default row: name, latency mean ± rme and median ± mad (ns), throughput likewise (ops/s), samples. */
export function defaultConverter(task: TaskLike): Record<string, number | string> {
  const r = task.result;
  if (r.state === 'completed' || r.state === 'aborted-with-statistics') {
    return {
      'Task name': task.name,
      'Latency avg (ns)': `${formatNumber(mToNs(r.latency.mean))} \xb1 ${formatNumber(r.latency.rme)}%`,
      'Latency med (ns)': `${formatNumber(mToNs(r.latency.p50))} \xb1 ${formatNumber(mToNs(r.latency.mad))}`,
      'Throughput avg (ops/s)': `${Math.round(r.throughput.mean)} \xb1 ${formatNumber(r.throughput.rme)}%`,
      'Throughput med (ops/s)': `${Math.round(r.throughput.p50)} \xb1 ${Math.round(r.throughput.mad)}`,
      Samples: r.latency.samplesCount,
      ...(r.state === 'aborted-with-statistics' ? { Remarks: r.state } : {}),
    };
  }
  if (r.state === 'errored') return { 'Task name': task.name, Error: r.error.message, Stack: r.error.stack ?? 'N/A' };
  const na = 'N/A';
  return {
    'Task name': task.name,
    'Latency avg (ns)': na,
    'Latency med (ns)': na,
    'Throughput avg (ops/s)': na,
    'Throughput med (ops/s)': na,
    Samples: na,
    Remarks: r.state,
  };
}
