/**
 * Per-sample telemetry: NVML clocks, temperature, power and throttle reasons, the throttle verdict,
 * and per-kernel summaries of CUPTI records. The classification functions are pure.
 */
import type { NativeKernelRecord, NvmlReading } from './binding.js';

/** NVML throttle ("clocks event") reason bits that do not mean the measurement is degraded. */
const BENIGN_REASONS = 0x1 /* gpu_idle */ | 0x2 /* applications_clocks_setting */ | 0x100; /* display_clock_setting */

/** A sample counts as throttled when the SM clock is below this fraction of the default application clock. */
export const THROTTLE_CLOCK_FRACTION = 0.9;

/** Whether a reading shows throttling, and why (reason names, or a clock comparison). */
export function classifyThrottle(r: NvmlReading): { throttled: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (r.throttleReasons !== undefined && (r.throttleReasons & ~BENIGN_REASONS) !== 0) {
    const names = (r.throttleNames ?? '')
      .split(',')
      .filter((n) => n && !['gpu_idle', 'applications_clocks_setting', 'display_clock_setting'].includes(n));
    reasons.push(...names);
  }
  const reference = r.smClockDefaultMHz ?? r.smClockAppMHz;
  const idle = r.throttleReasons !== undefined && (r.throttleReasons & 0x1) !== 0;
  if (!idle && r.smClockMHz !== undefined && reference !== undefined && r.smClockMHz < THROTTLE_CLOCK_FRACTION * reference)
    reasons.push(`sm_clock ${r.smClockMHz} MHz < ${Math.round(THROTTLE_CLOCK_FRACTION * 100)}% of default ${reference} MHz`);
  return { throttled: reasons.length > 0, reasons };
}

/** One kernel execution inside a sample, from CUPTI. */
export interface KernelRecord {
  name: string;
  /** GPU timestamp of the start, ns. */
  startNs: number;
  endNs: number;
  durationNs: number;
  device: number;
  stream: number;
  grid: [number, number, number];
  block: [number, number, number];
}

/** Names of cyclebench's own kernels, left out of a sample's kernel list. */
export const BUILTIN_KERNELS: ReadonlySet<string> = new Set(['cb_block_until', 'cb_l2_flush']);

/** Converts CUPTI records, dropping cyclebench's own kernels, ordered by start. */
export function kernelRecords(records: readonly NativeKernelRecord[]): KernelRecord[] {
  return records
    .filter((r) => !BUILTIN_KERNELS.has(r.name))
    .map((r) => ({
      name: r.name,
      startNs: r.startNs,
      endNs: r.endNs,
      durationNs: r.endNs - r.startNs,
      device: r.device,
      stream: r.stream,
      grid: r.grid,
      block: r.block,
    }))
    .sort((a, b) => a.startNs - b.startNs);
}

/** Per-kernel totals over a list of records. */
export interface KernelSummary {
  name: string;
  count: number;
  totalNs: number;
  meanNs: number;
  minNs: number;
  maxNs: number;
}

/** Groups records by kernel name, largest total first. */
export function summarizeKernels(records: readonly KernelRecord[]): KernelSummary[] {
  const by = new Map<string, KernelSummary>();
  for (const r of records) {
    const s = by.get(r.name) ?? { name: r.name, count: 0, totalNs: 0, meanNs: 0, minNs: Infinity, maxNs: -Infinity };
    s.count++;
    s.totalNs += r.durationNs;
    s.minNs = Math.min(s.minNs, r.durationNs);
    s.maxNs = Math.max(s.maxNs, r.durationNs);
    by.set(r.name, s);
  }
  return [...by.values()].map((s) => ({ ...s, meanNs: s.totalNs / s.count })).sort((a, b) => b.totalNs - a.totalNs);
}

/** GPU busy time: the union of kernel intervals (overlapping kernels counted once), ns. */
export function busyNs(records: readonly KernelRecord[]): number {
  const sorted = [...records].sort((a, b) => a.startNs - b.startNs);
  let total = 0;
  let end = -Infinity;
  let start = 0;
  for (const r of sorted) {
    if (r.startNs > end) {
      if (end > -Infinity) total += end - start;
      start = r.startNs;
      end = r.endNs;
    } else end = Math.max(end, r.endNs);
  }
  if (end > -Infinity) total += end - start;
  return total;
}
