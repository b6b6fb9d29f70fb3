/** Renders a saved {@link RunResult}: console, markdown, JSON (the file itself), CSV. */
import type { BenchResult, RunResult } from '../engine/types.js';
import { serializeResult } from '../store/files.js';
import { formatCount, formatValue, isNum, na } from './format.js';
import { paint } from './io.js';
import { consoleTable, csvField, markdownTable, type Cell } from './table.js';

/** Report formats of `cyclebench report`. */
export type RunFormat = 'console' | 'markdown' | 'json' | 'csv';

function why(b: BenchResult): string {
  return b.status === 'error' ? 'errored' : 'no statistics';
}

function cells(b: BenchResult): string[] {
  const s = b.stats;
  const f = (v: number | undefined) => formatValue(isNum(v) ? v : null, b.unit, why(b));
  const ci = s && isNum(s.medianCI?.lo) && isNum(s.medianCI?.hi) ? `${f(s.medianCI.lo)}..${f(s.medianCI.hi)}` : na(why(b));
  const ops = b.unit === 'ns' && s && isNum(s.opsPerSec) ? `${formatCount(s.opsPerSec)}/s` : na(b.unit === 'ns' ? why(b) : 'instructions');
  const cv = s && isNum(s.cv) ? `${(s.cv * 100).toFixed(1)}%` : na(why(b));
  return [b.id, f(s?.median), ci, f(s?.mean), f(s?.p95), f(s?.p99), cv, ops, s ? String(s.n) : '0'];
}

const HEADER = ['benchmark', 'median', 'median CI', 'mean', 'p95', 'p99', 'cv', 'ops', 'n'];

function envLine(run: RunResult): string {
  const e = run.environment;
  const git = e.git ? `, git ${e.git.commit.slice(0, 10)}${e.git.dirty ? '+dirty' : ''}${e.git.branch ? ` (${e.git.branch})` : ''}` : '';
  return `${e.cpu.model} (${e.cpu.logicalCores} cores, governor ${e.cpu.governor ?? 'unknown'}), ${e.os.platform} ${e.os.kernel}, Node ${e.runtime.node}, V8 ${e.runtime.v8}${e.runtime.execArgv.length ? ` ${e.runtime.execArgv.join(' ')}` : ''}, clock ${e.clock.name}${git}`;
}

/** Renders a run in `format`. */
export function renderRun(run: RunResult, format: RunFormat, options: { color?: boolean; title?: string } = {}): string {
  const title = options.title ?? `${run.tag ? `tag ${run.tag}, ` : ''}${run.startedAt}, mode ${run.mode}`;
  if (format === 'json') return serializeResult(run);
  if (format === 'csv') {
    const head = ['id', 'status', 'unit', 'n', 'median', 'median_ci_lo', 'median_ci_hi', 'mean', 'p95', 'p99', 'min', 'max', 'stddev', 'cv', 'ops_per_sec', 'error'];
    const rows = run.benchmarks.map((b) => {
      const s = b.stats;
      const n = (v: number | undefined) => (isNum(v) ? v : null);
      return [b.id, b.status, b.unit, s?.n ?? 0, n(s?.median), n(s?.medianCI?.lo), n(s?.medianCI?.hi), n(s?.mean), n(s?.p95), n(s?.p99), n(s?.min), n(s?.max), n(s?.stddev), n(s?.cv), b.unit === 'ns' ? n(s?.opsPerSec) : null, b.error?.message ?? null]
        .map(csvField)
        .join(',');
    });
    return `${[head.join(','), ...rows].join('\n')}\n`;
  }
  if (format === 'markdown') {
    const lines = [`## cyclebench run: ${title}`, '', `_${envLine(run)}_`, '', markdownTable(HEADER, run.benchmarks.map(cells).map((r) => [`\`${r[0]}\``, ...r.slice(1)]), [1, 3, 4, 5, 6, 7, 8])];
    const errs = run.benchmarks.filter((b) => b.status === 'error');
    if (errs.length) lines.push('', '### Errored', '', ...errs.map((b) => `- \`${b.id}\`: ${b.error?.message ?? 'errored'}`));
    return `${lines.join('\n')}\n`;
  }
  const c = paint(options.color ?? false);
  const rows: Cell[][] = run.benchmarks.map((b) => {
    const r: Cell[] = cells(b);
    if (b.status === 'error') r[0] = { text: b.id, style: c.red };
    return r;
  });
  const lines = [c.bold(`cyclebench run: ${title}`), c.dim(envLine(run)), '', consoleTable(HEADER, rows, [1, 3, 4, 5, 6, 7, 8])];
  for (const b of run.benchmarks.filter((x) => x.status === 'error')) lines.push(c.red(`error in ${b.id}: ${b.error?.message ?? 'errored'}`));
  return `${lines.join('\n')}\n`;
}
