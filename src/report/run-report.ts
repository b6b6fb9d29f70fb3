/** Renders a saved {@link RunResult}: console, markdown, JSON (the file with grades), CSV. */
import type { BenchGrade, BenchResult, RunResult } from '../result/types.js';
import type { TargetResult } from '../compare/targets.js';
import { rateOf, throughputText } from '../result/throughput.js';
import { gradeRun, gradeText, withGrades } from './grade.js';
import { serializeResult } from '../store/files.js';
import { describeRatio, formatCount, formatNs, formatPEquals, formatRatioCI, formatValue, isNum, na, sig3 } from '../result/text.js';
import { counterUnit } from '../counters/events.js';
import { paint } from './io.js';
import { consoleTable, csvField, markdownTable, type Cell } from './table.js';
import { loadAndResourceLines } from './load-report.js';
import { stateLines, statesFlag, statesText } from './states-report.js';

/** Report formats of `cyclebench report` rendered as text here (html: see html.ts). */
export type RunFormat = 'console' | 'markdown' | 'json' | 'csv';

/** Options of {@link renderRun}. */
export interface RunRenderOptions {
  color?: boolean;
  title?: string;
  /** Evaluated targets, so grades cap on a missed one (without them grades reflect stability alone). */
  targets?: readonly TargetResult[];
}

function why(b: BenchResult): string {
  if (b.status === 'skipped') return `skipped: ${b.skipReason ?? 'no reason given'}`;
  return b.status === 'error' ? 'errored' : 'no statistics';
}

/** Flags worth a glance: probable dead code, GC overlap, unsettled warm-up, severe outliers, throttling. */
export function flagText(b: BenchResult): string {
  const f: string[] = [];
  if (b.flags.deadCode) f.push('dead-code?');
  if (b.flags.gcSamples) f.push(`gc:${b.flags.gcSamples}`);
  if (b.flags.warmupUnsettled) f.push('unsettled');
  if (b.flags.outliers?.severe) f.push(`outliers:${b.flags.outliers.severe}`);
  if (b.flags.throttledSamples) f.push(`throttled:${b.flags.throttledSamples}`);
  if (b.load?.failed) f.push(`failed:${b.load.failed}`);
  const states = statesFlag(b);
  if (states) f.push(states);
  return f.join(' ');
}

function cells(b: BenchResult, grade: BenchGrade, withThroughput: boolean): string[] {
  const tail = (row: string[]) => [
    ...row.slice(0, 7),
    ...(withThroughput ? [throughputText(b)] : []),
    ...row.slice(7, 9),
    gradeText(grade),
    row[9],
  ];
  if (b.status !== 'ok') return tail([b.id, b.status === 'skipped' ? 'skipped (below)' : 'error (below)', '', '', '', '', '', '', '', '']);
  // Dead code: what was measured is an upper bound above the empty loop, never a (negative) corrected time.
  if (b.deadCode && !b.stats)
    return tail([
      b.id,
      `≤ ${formatValue(b.deadCode.upperBound, b.unit)} (indistinguishable from the empty loop)`,
      '',
      '',
      '',
      '',
      '',
      String(b.rawStats?.n ?? ''),
      b.stopReason,
      flagText(b),
    ]);
  const s = b.stats;
  const f = (v: number | undefined) => formatValue(isNum(v) ? v : null, b.unit, why(b));
  const half =
    s && isNum(s.medianCI?.lo) && isNum(s.medianCI?.hi) && s.median !== 0 ? (s.medianCI.hi - s.medianCI.lo) / 2 / Math.abs(s.median) : null;
  const ci = s ? (half === null ? na('median is 0') : `±${(half * 100).toFixed(2)}%`) : '';
  const ops = b.load
    ? `${formatCount(b.load.throughput)}/s`
    : !s
      ? ''
      : b.unit !== 'ns'
        ? na('instructions')
        : isNum(s.opsPerSec) && s.median > 0
          ? `${formatCount(s.opsPerSec)}/s`
          : na('below resolution');
  const cv = s && isNum(s.cv) ? `${(s.cv * 100).toFixed(1)}%` : '';
  return tail([
    b.id,
    f(s?.median),
    ci,
    s ? f(s.p75) : '',
    s ? f(s.p99) : '',
    cv,
    ops,
    s ? String(s.n) : '',
    s ? b.stopReason : '',
    flagText(b),
  ]);
}

/** The run table: a throughput column only when some benchmark declared one; grade with consistency. */
function table(run: RunResult, grades: Map<string, BenchGrade>): { header: string[]; rows: string[][]; right: number[] } {
  const tp = run.benchmarks.some((b) => b.throughput);
  const header = ['benchmark', 'median', '± CI', 'p75', 'p99', 'cv', 'ops', ...(tp ? ['throughput'] : []), 'n', 'stop', 'grade', 'flags'];
  const right = tp ? [1, 2, 3, 4, 5, 6, 8] : [1, 2, 3, 4, 5, 6, 7];
  return { header, rows: run.benchmarks.map((b) => cells(b, grades.get(b.id)!, tp)), right };
}

/** Why grades are below what consistency alone gives: one line per capped benchmark. */
function gradeLines(run: RunResult, grades: Map<string, BenchGrade>): string[] {
  const capped = run.benchmarks.filter((b) => b.status === 'ok' && grades.get(b.id)!.reasons.length);
  if (!capped.length) return [];
  return [
    '',
    'grades (consistency = 1 - robust CV; docs/regression.md):',
    ...capped.map((b) => `  ${b.id}: ${gradeText(grades.get(b.id)!)}: ${grades.get(b.id)!.reasons.join('; ')}`),
  ];
}

/**
 * Counters: each benchmark's measured values per iteration, then every unavailable event once,
 * grouped by reason (the same reason repeated per benchmark would drown the numbers).
 */
function counterLines(run: RunResult): string[] {
  const counted = run.benchmarks.filter((b) => b.counters);
  if (!counted.length) return [];
  const lines = ['', 'counters per iteration (* scaled for multiplexing):'];
  const unavailable = new Map<string, Set<string>>();
  for (const b of counted) {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(b.counters!)) {
      if (v.available) parts.push(`${k}=${counterText(k, v.value)}${v.scaled ? '*' : ''}`);
      else unavailable.set(v.reason, (unavailable.get(v.reason) ?? new Set()).add(k));
    }
    lines.push(`  ${b.id}: ${parts.length ? parts.join(' ') : 'none available'}`);
  }
  for (const [reason, names] of unavailable) lines.push(`  unavailable: ${[...names].join(', ')}: ${reason}`);
  return lines;
}

/** A counter value with its unit: `task-clock=783 ns`, `ipc=1.52 instr/cycle`, `branch-miss-rate=2.10%`. */
function counterText(name: string, value: number): string {
  const unit = counterUnit(name);
  if (unit === 'ns') return formatNs(value);
  if (unit === 'fraction') return `${(value * 100).toFixed(2)}%`;
  return `${sig3(value)} ${unit}`;
}

/** Lines below the table: grade caps, group ratios, complexity fits, counters, warnings. */
function details(run: RunResult, grades: Map<string, BenchGrade>): string[] {
  const lines: string[] = [...gradeLines(run, grades)];
  for (const g of run.groups) {
    if (!g.entries.length && !g.mismatches?.length) continue; // a group with one contender has nothing to compare
    const args = g.args
      ? ` [${Object.entries(g.args)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}]`
      : '';
    lines.push('', `${g.group}${args}: against ${g.baseline}`);
    for (const e of g.entries)
      lines.push(
        `  ${e.name}: ${describeRatio(e.ratio)} (ratio ${e.ratio.toFixed(3)}, CI ${formatRatioCI(e.ci)}, ${formatPEquals(e.pValue)}) ${e.verdict}`,
      );
    for (const m of g.mismatches ?? []) lines.push(`  ${m}: output differs from ${g.baseline}; not timed`);
  }
  for (const c of run.complexity ?? []) lines.push('', `${c.id}: ${c.best} in ${c.axis}`);
  lines.push(...counterLines(run));
  lines.push(...loadAndResourceLines(run));
  lines.push(...stateLines(run.benchmarks));
  lines.push(...percentileNote(run.benchmarks));
  const skipped = new Map<string, string[]>();
  for (const b of run.benchmarks.filter((x) => x.status === 'skipped')) {
    const reason = b.skipReason ?? 'no reason given';
    skipped.set(reason, [...(skipped.get(reason) ?? []), b.id]);
  }
  for (const [reason, ids] of skipped) lines.push('', `skipped ${ids.join(', ')}: ${reason}`);
  const dead = run.benchmarks.filter((b) => b.flags.deadCode).map((b) => b.id);
  if (dead.length)
    lines.push('', `warning: ${dead.join(', ')} cannot be told apart from an empty loop; keep its result with doNotOptimize().`);
  return lines;
}

/** Says what p75/p99 are over when samples were batches: means of N calls, not single calls. */
function percentileNote(benchmarks: readonly BenchResult[]): string[] {
  const batched = benchmarks.filter(
    (b) => b.status === 'ok' && b.stats && b.kind !== 'load' && b.kind !== 'instructions' && b.percentilesOver !== 'calls',
  );
  if (!batched.length) return [];
  const calls = (b: BenchResult) => `~${formatCount(Math.round(b.totalIterations / Math.max(1, b.rawStats?.n ?? b.stats!.n)))} calls`;
  const list = batched
    .slice(0, 6)
    .map((b) => `${b.id} ${calls(b)}`)
    .join(', ');
  return [
    '',
    `p75 and p99 are over per-sample means of batches of calls (${list}${batched.length > 6 ? ', ...' : ''}), not over single calls; { callsPerSample: 1 } samples single calls.`,
  ];
}

/** One line naming the machine, runtime, clock and commit of a run. */
export function envLine(run: RunResult): string {
  const e = run.environment;
  const git = e.git ? `, git ${e.git.commit.slice(0, 10)}${e.git.dirty ? '+dirty' : ''}${e.git.branch ? ` (${e.git.branch})` : ''}` : '';
  return `${e.cpu.model} (${e.cpu.logicalCores} cores, governor ${e.cpu.governor ?? 'unknown'}), ${e.os.platform} ${e.os.kernel}, Node ${e.runtime.node}, V8 ${e.runtime.v8}${e.runtime.execArgv.length ? ` ${e.runtime.execArgv.join(' ')}` : ''}, clock ${e.clock.name}${git}`;
}

/** Renders a run in `format`. */
export function renderRun(run: RunResult, format: RunFormat, options: RunRenderOptions = {}): string {
  const title = options.title ?? `${run.tag ? `tag ${run.tag}, ` : ''}${run.startedAt}, mode ${run.mode}`;
  if (format === 'json') return serializeResult(withGrades(run, options.targets));
  const grades = gradeRun(run, options.targets);
  if (format === 'csv') {
    const head = [
      'id',
      'status',
      'unit',
      'n',
      'median',
      'median_ci_lo',
      'median_ci_hi',
      'mean',
      'p95',
      'p99',
      'min',
      'max',
      'stddev',
      'cv',
      'ops_per_sec',
      'error',
      'bytes_per_iteration',
      'items_per_iteration',
      'bytes_per_sec',
      'items_per_sec',
      'grade',
      'consistency',
      'states',
    ];
    const rows = run.benchmarks.map((b) => {
      const s = b.stats;
      const g = grades.get(b.id)!;
      const n = (v: number | undefined | null) => (isNum(v) ? v : null);
      const rate = b.load ? b.load.throughput : b.unit === 'ns' ? n(s?.opsPerSec) : null;
      return [
        b.id,
        b.status,
        b.unit,
        s?.n ?? 0,
        n(s?.median),
        n(s?.medianCI?.lo),
        n(s?.medianCI?.hi),
        n(s?.mean),
        n(s?.p95),
        n(s?.p99),
        n(s?.min),
        n(s?.max),
        n(s?.stddev),
        n(s?.cv),
        rate,
        b.error?.message ?? null,
        n(b.throughput?.bytes),
        n(b.throughput?.items),
        n(rateOf(b, 'bytes').value),
        n(rateOf(b, 'items').value),
        g.grade,
        n(g.consistency),
        b.states ? statesText(b.states, b.unit) : null,
      ]
        .map(csvField)
        .join(',');
    });
    return `${[head.join(','), ...rows].join('\n')}\n`;
  }
  const t = table(run, grades);
  if (format === 'markdown') {
    const lines = [
      `## cyclebench run: ${title}`,
      '',
      `_${envLine(run)}_`,
      '',
      markdownTable(
        t.header,
        t.rows.map((r) => [`\`${r[0]}\``, ...r.slice(1)]),
        t.right,
      ),
    ];
    const more = details(run, grades);
    if (more.length) lines.push('', '```', ...more.slice(1), '```');
    const errs = run.benchmarks.filter((b) => b.status === 'error');
    if (errs.length) lines.push('', '### Errored', '', ...errs.map((b) => `- \`${b.id}\`: ${b.error?.message ?? 'errored'}`));
    return `${lines.join('\n')}\n`;
  }
  const c = paint(options.color ?? false);
  const rows: Cell[][] = run.benchmarks.map((b, i) => {
    const r: Cell[] = t.rows[i];
    if (b.status === 'error') r[0] = { text: b.id, style: c.red };
    return r;
  });
  const lines = [
    c.bold(`cyclebench run: ${title}`),
    c.dim(envLine(run)),
    '',
    consoleTable(t.header, rows, t.right),
    ...details(run, grades),
  ];
  for (const b of run.benchmarks.filter((x) => x.status === 'error'))
    lines.push(c.red(`error in ${b.id}: ${b.error?.message ?? 'errored'}`));
  return `${lines.join('\n')}\n`;
}
