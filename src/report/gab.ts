/**
 * github-action-benchmark's custom format for `tool: 'customSmallerIsBetter'`
 * (https://github.com/benchmark-action/github-action-benchmark#examples):
 * `[{ name, unit, value, range?, extra? }]`, `range` and `extra` being free text shown with the point.
 * The value is the median; `range` is the half-width of its 95% CI in the same unit.
 */
import type { RunResult } from '../result/types.js';
import { isNum, sig3 } from '../result/text.js';

/** One entry of the custom format. */
export interface GabEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/** Converts a run to github-action-benchmark's customSmallerIsBetter entries (measured benchmarks only). */
export function toGab(run: RunResult): GabEntry[] {
  const out: GabEntry[] = [];
  for (const b of run.benchmarks) {
    const s = b.stats;
    if (b.status !== 'ok' || !s || !isNum(s.median)) continue;
    const e: GabEntry = { name: b.id, unit: b.unit, value: s.median };
    const ci = s.medianCI;
    if (isNum(ci?.lo) && isNum(ci?.hi)) {
      e.range = `± ${sig3((ci.hi - ci.lo) / 2)}`;
      e.extra = `median of ${s.n} samples; 95% CI ${sig3(ci.lo)}..${sig3(ci.hi)} ${b.unit}`;
    } else e.extra = `median of ${s.n} samples; no CI`;
    out.push(e);
  }
  return out;
}
