import { formatNs, table } from '../cli/io.js';
import type { BenchResult, RunResult } from './types.js';

function formatValue(v: number, unit: BenchResult['unit']): string {
  return unit === 'ns' ? formatNs(v) : `${v.toPrecision(4)} instr`;
}

function flagText(r: BenchResult): string {
  const f: string[] = [];
  if (r.flags.deadCode) f.push('dead-code?');
  if (r.flags.gcSamples) f.push(`gc:${r.flags.gcSamples}`);
  if (r.flags.warmupUnsettled) f.push('unsettled');
  if (r.flags.outliers && r.flags.outliers.severe) f.push(`outliers:${r.flags.outliers.severe}`);
  if (r.flags.throttledSamples) f.push(`throttled:${r.flags.throttledSamples}`);
  return f.join(' ');
}

function formatOps(ops: number): string {
  if (!Number.isFinite(ops)) return 'n/a (below resolution)';
  const [div, unit] = ops >= 1e9 ? [1e9, 'G'] : ops >= 1e6 ? [1e6, 'M'] : ops >= 1e3 ? [1e3, 'k'] : [1, ''];
  return `${(ops / div).toPrecision(3)}${unit}`;
}

/** The results table: one row per benchmark, then each group's ratios to its baseline. */
export function renderRun(result: RunResult): string {
  const rows: string[][] = [['benchmark', 'median', '± CI', 'p75', 'p99', 'ops/s', 'samples', 'stop', 'flags']];
  const notes: string[] = [];
  for (const r of result.benchmarks) {
    if (r.status !== 'ok' || !r.stats) {
      const text = r.status === 'skipped' ? `skipped: ${r.skipReason}` : `error: ${r.error?.message}`;
      rows.push([r.id, text, '', '', '', '', '', '', '']);
      continue;
    }
    const s = r.stats;
    const half = s.median !== 0 ? ((s.medianCI.hi - s.medianCI.lo) / 2 / Math.abs(s.median)) * 100 : NaN;
    rows.push([
      r.id,
      formatValue(s.median, r.unit),
      Number.isFinite(half) ? `±${half.toFixed(2)}%` : 'n/a',
      formatValue(s.p75, r.unit),
      formatValue(s.p99, r.unit),
      r.unit === 'ns' ? formatOps(s.opsPerSec) : 'n/a (instructions)',
      String(s.n),
      r.stopReason,
      flagText(r),
    ]);
    if (r.counters) {
      const parts = Object.entries(r.counters).map(([k, v]) => `${k}=${v.available ? v.value.toPrecision(4) + (v.scaled ? '*' : '') : 'unavailable'}`);
      notes.push(`  ${r.id}: ${parts.join(' ')}`);
    }
  }
  let out = table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l']) + '\n';
  if (notes.length) out += `\ncounters per iteration (* scaled for multiplexing):\n${notes.join('\n')}\n`;
  for (const g of result.groups) {
    const args = g.args ? ` [${Object.entries(g.args).map(([k, v]) => `${k}=${v}`).join(',')}]` : '';
    out += `\n${g.group}${args}: against ${g.baseline}\n`;
    for (const e of g.entries) {
      const pct = (x: number) => `${((x - 1) * 100).toFixed(1)}%`;
      const words = e.ratio < 1 ? `${(1 / e.ratio).toFixed(2)}x faster` : `${e.ratio.toFixed(2)}x slower`;
      out += `  ${e.name}: ${words} (ratio ${e.ratio.toFixed(3)}, CI ${pct(e.ci[0])}..${pct(e.ci[1])}, p=${e.pValue.toPrecision(2)}) ${e.verdict}\n`;
    }
    for (const m of g.mismatches ?? []) out += `  ${m}: output differs from ${g.baseline}; not timed\n`;
  }
  for (const c of result.complexity) out += `\n${c.id}: ${c.best} in ${c.axis}\n`;
  const dead = result.benchmarks.filter((r) => r.flags.deadCode).map((r) => r.id);
  if (dead.length) out += `\nwarning: ${dead.join(', ')} cannot be told apart from an empty loop; wrap the result in doNotOptimize().\n`;
  return out;
}

/** Prints the results table. */
export function printRun(result: RunResult, stream: NodeJS.WritableStream): void {
  stream.write(renderRun(result));
}
