/**
 * Multi-device scaling: one workload run on 1, 2, 4, ... devices at once, with speed-up and parallel
 * efficiency against the single-device time. The table arithmetic and formatting are pure.
 */
import { CycleBenchError } from '../errors.js';
import { withGpu } from './binding.js';
import { cudaCapability } from './capability.js';
import { EventTimer, type GpuWork } from './timer.js';

/**
 * Makes the work for one device of a run on `deviceCount` devices (`index` is the device's position
 * in the run). Strong scaling: give each device 1/deviceCount of the problem; weak scaling: the same.
 */
export type WorkloadFactory = (device: number, index: number, deviceCount: number) => GpuWork | Promise<GpuWork>;

/** Options of {@link scaling}. */
export interface ScalingOptions {
  /** Devices to use, in order (default: all). */
  devices?: number[];
  /** Device counts to try (default 1, 2, 4, ... up to devices.length, and devices.length itself). */
  counts?: number[];
  /** Samples per device count; the median is kept (default 5). */
  samples?: number;
  /** Runs of the work per sample (default 1). */
  iterations?: number;
}

/** One row of the scaling table. */
export interface ScalingRow {
  devices: number;
  /** Median over samples of the slowest device's GPU time (events), ns. */
  timeNs: number;
  /** Median host wall time from the first enqueue to the last device finishing, ns. */
  wallNs: number;
  /** time(1 device) / time(n devices). */
  speedup: number;
  /** speedup / n. */
  efficiency: number;
}

/** Device counts 1, 2, 4, ... below n, then n. */
export function defaultCounts(n: number): number[] {
  const out: number[] = [];
  for (let c = 1; c < n; c *= 2) out.push(c);
  if (n >= 1) out.push(n);
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Fills speed-up and efficiency: speed-up = b x time(b) / time(n) against the row with the fewest
 * devices b (normally 1, where it is time(1) / time(n)); efficiency = speed-up / n.
 */
export function scalingRows(points: ReadonlyArray<{ devices: number; timeNs: number; wallNs?: number }>): ScalingRow[] {
  if (points.length === 0) return [];
  const sorted = [...points].sort((a, b) => a.devices - b.devices);
  const base = sorted[0];
  return sorted.map((p) => {
    const speedup = (base.devices * base.timeNs) / p.timeNs;
    return { devices: p.devices, timeNs: p.timeNs, wallNs: p.wallNs ?? p.timeNs, speedup, efficiency: speedup / p.devices };
  });
}

/** A plain-text table of scaling rows. */
export function formatScalingTable(rows: readonly ScalingRow[]): string {
  const header = ['devices', 'time', 'wall', 'speed-up', 'efficiency'];
  const fmt = (ns: number) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(3)} ms` : `${(ns / 1e3).toFixed(2)} us`);
  const body = rows.map((r) => [
    String(r.devices),
    fmt(r.timeNs),
    fmt(r.wallNs),
    `${r.speedup.toFixed(2)}x`,
    `${(r.efficiency * 100).toFixed(1)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/**
 * Runs the workload on each device count at once (each device on its legacy default stream, timed
 * by its own events) and reports speed-up and parallel efficiency. Throws E_CUDA_UNAVAILABLE
 * without a GPU, E_BAD_ARGUMENT for a device count above the devices available.
 */
export async function scaling(factory: WorkloadFactory, options: ScalingOptions = {}): Promise<{ rows: ScalingRow[]; table: string }> {
  const cap = cudaCapability();
  if (!cap.available) throw new CycleBenchError('E_CUDA_UNAVAILABLE', `CUDA is unavailable: ${cap.reason}`);
  const devices = options.devices ?? cap.devices.map((d) => d.ordinal);
  const counts = options.counts ?? defaultCounts(devices.length);
  const samples = options.samples ?? 5;
  const iterations = options.iterations ?? 1;
  const points: Array<{ devices: number; timeNs: number; wallNs: number }> = [];
  for (const n of counts) {
    if (n < 1 || n > devices.length)
      throw new CycleBenchError('E_BAD_ARGUMENT', `scaling: cannot run on ${n} devices; ${devices.length} available`);
    const used = devices.slice(0, n);
    const work = await Promise.all(used.map((d, i) => factory(d, i, n)));
    const timers = used.map((d) => new EventTimer({ device: d }));
    const times: number[] = [];
    const walls: number[] = [];
    for (let s = 0; s < samples; s++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        timers[i].start();
        for (let k = 0; k < iterations; k++) await work[i]({ device: used[i], stream: 0n, iteration: k });
        timers[i].stop();
      }
      const elapsed = timers.map((t) => t.elapsedNs());
      walls.push(Number(process.hrtime.bigint() - t0));
      times.push(Math.max(...elapsed));
    }
    points.push({ devices: n, timeNs: median(times), wallNs: median(walls) });
    withGpu((g) => used.forEach((d) => g.synchronize(d)), 'synchronize');
  }
  const rows = scalingRows(points);
  return { rows, table: formatScalingTable(rows) };
}
