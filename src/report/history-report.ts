/** Renders a {@link HistoryAnalysis}: console, markdown, JSON. */
import type { HistoryAnalysis, SeriesAnalysis } from '../compare/history-analysis.js';
import type { HistoryProblem } from '../store/history-file.js';
import { formatValue, isNum, na } from '../result/text.js';
import { paint } from './io.js';
import { consoleTable, markdownTable, type Cell } from './table.js';

export function trendText(s: SeriesAnalysis): string {
  if (!s.trend) return na(s.trendReason ?? 'too few runs');
  const t = s.trend;
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
  if (!isNum(t.relativeSlope)) return na('no level');
  const lvl = s.trend.slope / t.relativeSlope;
  return `${pct(t.relativeSlope)}/run (CI ${pct(t.slopeCI[0] / lvl)}..${pct(t.slopeCI[1] / lvl)}) ${t.direction}`;
}

export function changesText(s: SeriesAnalysis): string {
  if (!s.trend) return na(s.trendReason ?? 'too few runs');
  if (!s.changes.length) return 'none';
  return s.changes
    .map((c) => `run ${c.run}${c.commit ? ` (${c.commit.slice(0, 7)})` : ''}: ${c.change >= 0 ? '+' : ''}${(c.change * 100).toFixed(1)}%`)
    .join('; ');
}

export function projectionText(s: SeriesAnalysis): string {
  const p = s.projection;
  if (!p) return na('no threshold; set a target or --threshold');
  if (p.runs === null) return `${p.threshold.text}: ${na(p.reason ?? 'no crossing projected')}`;
  if (p.runs <= 0) return `${p.threshold.text}: already crossed${p.reason ? ` (${p.reason})` : ''}`;
  return `${p.threshold.text}: crossed in ~${Math.ceil(p.runs)} run${Math.ceil(p.runs) === 1 ? '' : 's'}`;
}

/** `ok`, `REGRESSION (step)`, or why there is no verdict. */
export function seriesVerdict(s: SeriesAnalysis): string {
  if (s.regression) return `REGRESSION (${s.regression.kind})`;
  if (s.latest === null) return na(s.reason ?? 'not in latest run');
  if (!s.trend) return na(s.reason ?? 'too few runs');
  return 'ok';
}

/** Console or markdown rendering of a history analysis, with skipped-line problems. */
export function renderHistory(
  a: HistoryAnalysis,
  format: 'console' | 'markdown' | 'json',
  options: { color?: boolean; problems?: HistoryProblem[]; file?: string; filter?: string; ids?: string[] } = {},
): string {
  const problems = options.problems ?? [];
  if (format === 'json') {
    return `${JSON.stringify({ kind: 'cyclebench-history', version: 1, file: options.file ?? null, skippedLines: problems, ...a }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
  }
  const header = ['benchmark', 'runs', 'latest', 'trend per run', 'change points', 'projection', 'verdict'];
  const row = (s: SeriesAnalysis) => [
    s.id,
    String(s.points.length),
    formatValue(s.latest, s.unit, s.reason ?? 'n/a'),
    trendText(s),
    changesText(s),
    projectionText(s),
    seriesVerdict(s),
  ];
  if (format === 'markdown') {
    const out = [
      '## cyclebench history',
      '',
      `${a.runs} run(s)${options.file ? ` from \`${options.file}\`` : ''}`,
      '',
      markdownTable(header, a.series.map(row), [1, 2]),
    ];
    if (problems.length)
      out.push('', `_Skipped ${problems.length} unreadable line(s): ${problems.map((p) => `line ${p.line} (${p.reason})`).join(', ')}_`);
    const regs = a.series.filter((s) => s.regression);
    if (regs.length)
      out.push(
        '',
        '### Regressions',
        '',
        ...regs.map((s) => `- ${s.regression!.message}  \n  look closer: \`cyclebench run --filter ${s.id} --profile\``),
      );
    return `${out.join('\n')}\n`;
  }
  const c = paint(options.color ?? false);
  const out: string[] = [c.bold(`cyclebench history: ${a.runs} run(s)${options.file ? ` from ${options.file}` : ''}`), ''];
  if (a.series.length === 0)
    out.push(
      a.runs === 0
        ? 'No runs in history yet: run `cyclebench run --history`.'
        : `No benchmark in the ${a.runs} run(s) of history matches${options.filter ? ` '${options.filter}'` : ''}${options.ids?.length ? `; benchmarks: ${options.ids.slice(0, 20).join(', ')}${options.ids.length > 20 ? ', ...' : ''}` : ''}.`,
    );
  else {
    const rows: Cell[][] = a.series.map((s) => {
      const r: Cell[] = row(s);
      r[6] = { text: r[6] as string, style: s.regression ? c.red : undefined };
      return r;
    });
    out.push(consoleTable(header, rows, [1, 2]));
  }
  for (const p of problems) out.push(c.yellow(`warning: skipped line ${p.line} of history: ${p.reason}`));
  const regs = a.series.filter((s) => s.regression);
  if (regs.length) {
    out.push('', c.red(c.bold(`Regressions at the latest run (${regs.length})`)));
    for (const s of regs) out.push(c.red(`  ${s.regression!.message}`), `    look closer: cyclebench run --filter ${s.id} --profile`);
  }
  return `${out.join('\n')}\n`;
}
