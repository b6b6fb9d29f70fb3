/**
 * Memory and CPU compared between runs, for benchmarks whose resources were sampled on both sides:
 * peak RSS against `memoryNoise` (growth beyond the band is a warning) and CPU time per iteration or
 * request against `cpuNoise` (growth beyond the band is a regression, confirmed by re-runs like a
 * slowdown). Both are single figures per run, with no samples to test, so the bands alone decide:
 * they are wider than the time band for that reason (docs/load.md).
 */
import type { BenchResult } from '../result/types.js';
import { formatSignedPct } from '../result/text.js';
import type { Policy } from './policy.js';

/** One resource compared between two runs. */
export interface ResourceChange {
  metric: 'memory' | 'cpu';
  /** What was compared: `peak RSS`, `CPU per request` or `CPU per iteration`. */
  what: string;
  /** In `unit`: bytes for memory, ns for CPU time. */
  base: number;
  current: number;
  unit: 'bytes' | 'ns';
  /** current / base. */
  ratio: number;
  band: number;
  verdict: 'grew' | 'shrank' | 'same';
  /** Grew beyond the band: a warning (memory) or a regression (CPU); null otherwise. */
  severity: 'warning' | 'regression' | null;
  /** `CPU per request +14.0% (band ±10.0%): regression`. */
  text: string;
}

function change(
  metric: ResourceChange['metric'],
  what: string,
  base: number,
  current: number,
  unit: ResourceChange['unit'],
  band: number,
): ResourceChange | null {
  if (!(base > 0) || !(current >= 0)) return null;
  const ratio = current / base;
  const verdict = ratio > 1 + band ? 'grew' : ratio < 1 - band ? 'shrank' : 'same';
  const severity = verdict !== 'grew' ? null : metric === 'memory' ? 'warning' : 'regression';
  const text = `${what} ${formatSignedPct(ratio - 1)} (band ±${(band * 100).toFixed(1)}%)${severity ? `: ${severity}` : ''}`;
  return { metric, what, base, current, unit, ratio, band, verdict, severity, text };
}

/** The resource changes between two results of one benchmark; empty when either side was not sampled. */
export function compareResources(a: BenchResult, b: BenchResult, policy: Pick<Policy, 'memoryNoise' | 'cpuNoise'>): ResourceChange[] {
  const ra = a.resources;
  const rb = b.resources;
  if (!ra || !rb) return [];
  const out = [change('memory', 'peak RSS', ra.memory.rss.peak, rb.memory.rss.peak, 'bytes', policy.memoryNoise)];
  if (ra.cpu.perOpNs !== undefined && rb.cpu.perOpNs !== undefined)
    out.push(
      change('cpu', b.kind === 'load' ? 'CPU per request' : 'CPU per iteration', ra.cpu.perOpNs, rb.cpu.perOpNs, 'ns', policy.cpuNoise),
    );
  return out.filter((c): c is ResourceChange => c !== null);
}
