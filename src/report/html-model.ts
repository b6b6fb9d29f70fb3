/**
 * The data of an HTML report: what the page's script draws, computed here so the page only lays it
 * out. Text is preformatted with the same functions as the console and markdown reports (so "n/a
 * (reason)" reads the same everywhere); numbers are the chart series. Pure.
 */
import type { GateReport } from '../compare/gate.js';
import type { HistoryAnalysis } from '../compare/history-analysis.js';
import type { TargetResult } from '../compare/targets.js';
import type { BenchResult, GroupComparison, RunResult } from '../result/types.js';
import {
  describeRatio,
  formatBytesRate,
  formatCount,
  formatNs,
  formatPct,
  formatPEquals,
  formatRatioCI,
  formatValue,
  isNum,
  na,
  sig3,
} from '../result/text.js';
import { bandwidthFraction, throughputText } from '../result/throughput.js';
import { gradeBench, gradeText } from './grade.js';
import { changesText, projectionText, seriesVerdict, trendText } from './history-report.js';
import { flagText } from './run-report.js';
import { centre, change, label, outcomeText, policyLine, pText, verdictText } from './verdict.js';

/** A label and its text. */
export type Pair = [string, string];

/** Bars of a change or ratio chart: percent change with its CI; `tone` colours it. */
export interface Bar {
  name: string;
  /** (ratio - 1) x 100; null when not compared (the bar is left out, its text says why). */
  pct: number | null;
  lo: number | null;
  hi: number | null;
  tone: 'good' | 'bad' | 'same' | 'unsure';
  text: string;
}

/** One benchmark's view. */
export interface BenchView {
  id: string;
  status: BenchResult['status'];
  unit: 'ns' | 'instructions';
  kind: BenchResult['kind'];
  /** Why there is nothing to draw (errored, skipped). */
  problem?: string;
  grade: string;
  gradeReasons: string[];
  summary: Pair[];
  median: number | null;
  lo: number | null;
  hi: number | null;
  /** Histogram of the samples: left edges, bin width, counts, and what lies beyond the drawn range. */
  histogram?: { edges: number[]; width: number; counts: number[]; hiddenAbove: number; cutoff: number };
  /** Per-iteration samples in the order taken (5 significant digits). */
  samples?: number[];
  /** Why there are no sample charts. */
  samplesReason?: string;
  gpu?: Pair[];
  kernels?: string[][];
}

/** A group's ratio chart. */
export interface GroupView {
  title: string;
  bars: Bar[];
  notes: string[];
}

/** The run part of a report. */
export interface RunView {
  title: string;
  environment: Pair[];
  benchmarks: BenchView[];
  groups: GroupView[];
  notes: string[];
}

/** A comparison of two runs (from a verdict). */
export interface ComparisonView {
  outcome: string;
  failed: boolean;
  title: string;
  policy: string;
  warnings: string[];
  bars: Bar[];
  rows: string[][];
  targets: string[][];
  notes: string[];
}

/** One benchmark's history. */
export interface SeriesView {
  id: string;
  unit: 'ns' | 'instructions';
  runs: number[];
  medians: number[];
  lo: (number | null)[];
  hi: (number | null)[];
  changes: { run: number; text: string }[];
  threshold: { value: number; text: string } | null;
  /** The projected crossing (run number, threshold value), drawn joined to the latest point. */
  crossing: { run: number; value: number } | null;
  lines: Pair[];
  regression: boolean;
}

/** The history part of a report. */
export interface HistoryView {
  title: string;
  series: SeriesView[];
  notes: string[];
}

/** Everything a report page shows. */
export interface HtmlModel {
  title: string;
  generated: string;
  run?: RunView;
  comparison?: ComparisonView;
  history?: HistoryView;
}

const round5 = (v: number) => Number(v.toPrecision(5));
const num = (v: number | undefined | null) => (isNum(v) ? v : null);

function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
}

/**
 * Freedman-Diaconis bins (10..60) from the minimum to the severe-outlier fence (Q3 + 3 IQR) or the
 * maximum, whichever is lower, so one GC pause does not squash the histogram; what lies beyond is
 * counted (and still drawn in the run-order chart).
 */
export function histogram(samples: readonly number[]): NonNullable<BenchView['histogram']> {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const iqr = quantile(s, 0.75) - quantile(s, 0.25);
  const cutoff = Math.min(s[n - 1], quantile(s, 0.75) + 3 * iqr);
  const span = cutoff - s[0];
  const bins = span > 0 && iqr > 0 ? Math.min(60, Math.max(10, Math.ceil(span / (2 * iqr * n ** (-1 / 3))))) : 1;
  const width = span > 0 ? span / bins : Math.max(Math.abs(s[0]) * 0.01, 1e-9);
  const counts = new Array<number>(bins).fill(0);
  let hiddenAbove = 0;
  for (const v of s) {
    if (v > cutoff) hiddenAbove++;
    else counts[Math.min(bins - 1, Math.floor((v - s[0]) / width))]++;
  }
  return { edges: counts.map((_, i) => round5(s[0] + i * width)), width: round5(width), counts, hiddenAbove, cutoff: round5(cutoff) };
}

const STOP_TEXT: Record<BenchResult['stopReason'], string> = {
  precision: "precision: the median's 95% CI reached the target width",
  budget: 'budget: the time budget ended before the CI reached its target width',
  'max-samples': 'max-samples: the sample cap was reached',
  'dead-code': 'dead-code: indistinguishable from the empty loop, so sampling stopped early',
  fixed: 'fixed: a fixed number of samples was asked for',
  error: 'error: the benchmark threw or was skipped',
};

function benchView(b: BenchResult, targets: readonly TargetResult[]): BenchView {
  const g = gradeBench(b, targets);
  const view: BenchView = {
    id: b.id,
    status: b.status,
    unit: b.unit,
    kind: b.kind,
    grade: gradeText(g),
    gradeReasons: g.reasons,
    summary: [],
    median: null,
    lo: null,
    hi: null,
  };
  if (b.status === 'skipped') view.problem = `skipped: ${b.skipReason ?? 'no reason given'}`;
  if (b.status === 'error') view.problem = `errored: ${b.error ? `${b.error.name}: ${b.error.message}` : 'no message'}`;
  const s = b.stats;
  const f = (v: number | undefined) => formatValue(num(v), b.unit, 'not measured');
  if (s) {
    view.median = num(s.median);
    view.lo = num(s.medianCI?.lo);
    view.hi = num(s.medianCI?.hi);
    const half = view.lo !== null && view.hi !== null && s.median !== 0 ? (view.hi - view.lo) / 2 / Math.abs(s.median) : null;
    view.summary.push(
      ['median', f(s.median)],
      [
        '95% CI of the median',
        view.lo !== null && view.hi !== null
          ? `${f(view.lo)} .. ${f(view.hi)} (${half === null ? na('median is 0') : `±${formatPct(half)}`}${s.medianCI?.method ? `, ${s.medianCI.method}` : ''})`
          : na('not computed'),
      ],
      ['mean / min / max', `${f(s.mean)} / ${f(s.min)} / ${f(s.max)}`],
      ['p75 / p99', `${f(s.p75)} / ${f(s.p99)}`],
      ['cv / MAD', `${isNum(s.cv) ? formatPct(s.cv) : na('not computed')} / ${f(s.mad)}`],
    );
    if (b.unit === 'ns')
      view.summary.push(['iterations per second', isNum(s.opsPerSec) ? `${formatCount(s.opsPerSec)}/s` : na('median is not positive')]);
    view.summary.push(['samples', `${s.n} (${formatCount(b.totalIterations)} iterations)`]);
  }
  if (b.throughput) view.summary.push(['throughput (decimal units)', throughputText(b)]);
  view.summary.push([
    'stopped by',
    `${STOP_TEXT[b.stopReason]}${b.gpu && isNum(b.gpu.relativeNoise) ? ` (GPU relative noise ${formatPct(b.gpu.relativeNoise)})` : ''}`,
  ]);
  if (isNum(b.overhead)) view.summary.push(['empty-loop cost subtracted', formatValue(b.overhead, b.unit)]);
  if (isNum(b.heapBytesPerIteration)) view.summary.push(['heap per iteration', `${sig3(b.heapBytesPerIteration)} bytes`]);
  const flags = flagText(b);
  if (flags) view.summary.push(['flags', flags]);
  if (b.args)
    view.summary.push([
      'arguments',
      Object.entries(b.args)
        .map(([k, v]) => `${k}=${v}`)
        .join(', '),
    ]);
  if (b.file) view.summary.push(['file', b.file]);
  if (b.samples?.length) {
    view.samples = b.samples.map(round5);
    view.histogram = histogram(b.samples);
  } else view.samplesReason = b.status === 'ok' ? 'raw samples were not kept (keepSamples: false)' : view.problem;
  if (b.kind === 'gpu' && b.gpu) Object.assign(view, gpuView(b));
  return view;
}

function gpuView(b: BenchResult): Pick<BenchView, 'gpu' | 'kernels'> {
  const g = b.gpu!;
  const mhz = (v: unknown) => (isNum(v) ? `${sig3(v)} MHz` : na('not reported'));
  const out: Pair[] = [
    ['device', `${typeof g.deviceName === 'string' ? g.deviceName : 'GPU'} #${isNum(g.device) ? g.device : '?'}`],
    ['mode', String(g.mode ?? na('not recorded'))],
    ['SM clock (default)', `${mhz(g.smClockMHz)} (${mhz(g.smClockDefaultMHz)})`],
    [
      'temperature / power',
      `${isNum(g.temperatureC) ? `${g.temperatureC} °C` : na('not reported')} / ${isNum(g.powerW) ? `${sig3(g.powerW)} W` : na('not reported')}`,
    ],
    ['device memory in use', isNum(g.memoryUsedBytes) ? `${sig3(g.memoryUsedBytes / 2 ** 20)} MiB` : na('not reported')],
  ];
  if (b.throughput?.bytes !== undefined) {
    const f = bandwidthFraction(b);
    out.push([
      'memory bandwidth',
      f.value === null
        ? `of peak: unavailable: ${f.reason}`
        : `${formatBytesRate(f.achieved)} = ${formatPct(f.value)} of the peak ${formatBytesRate(f.peak)} (2 x memory clock x bus width)`,
    ]);
  }
  if (typeof g.kernelsUnavailable === 'string') out.push(['per-kernel times', na(g.kernelsUnavailable)]);
  if (Array.isArray(g.notes)) for (const n of g.notes) out.push(['note', String(n)]);
  const kernels = Array.isArray(g.kernels)
    ? (g.kernels as { name: string; count: number; meanNs: number; totalNs: number }[]).map((k) => [
        String(k.name),
        String(k.count),
        formatNs(k.meanNs),
        formatNs(k.totalNs),
      ])
    : undefined;
  return { gpu: out, kernels };
}

const TONE = { faster: 'good', slower: 'bad', same: 'same', inconclusive: 'unsure' } as const;

function groupView(g: GroupComparison): GroupView {
  const args = g.args
    ? ` [${Object.entries(g.args)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')}]`
    : '';
  return {
    title: `${g.group}${args}: against ${g.baseline}`,
    bars: g.entries.map((e) => ({
      name: e.name,
      pct: isNum(e.ratio) ? (e.ratio - 1) * 100 : null,
      lo: isNum(e.ci?.[0]) ? (e.ci[0] - 1) * 100 : null,
      hi: isNum(e.ci?.[1]) ? (e.ci[1] - 1) * 100 : null,
      tone: TONE[e.verdict],
      text: `${describeRatio(e.ratio)} (CI ${formatRatioCI(e.ci)}, ${formatPEquals(e.pValue)}) ${e.verdict}`,
    })),
    notes: (g.mismatches ?? []).map((m) => `${m}: output differs from ${g.baseline}; not timed`),
  };
}

function environment(run: RunResult): Pair[] {
  const e = run.environment;
  const avail = (a: { available: boolean; reason?: string } | undefined) =>
    !a ? na('not probed') : a.available ? 'available' : na(a.reason ?? 'unavailable');
  const out: Pair[] = [
    [
      'run',
      `${run.tag ? `tag ${run.tag}, ` : ''}mode ${run.mode}, ${run.startedAt} .. ${run.finishedAt}, ${run.tool.name} ${run.tool.version}`,
    ],
    ['CPU', `${e.cpu.model} (${e.cpu.logicalCores} logical cores, ${e.cpu.arch}, governor ${e.cpu.governor ?? 'unknown'})`],
    ['OS', `${e.os.type} ${e.os.kernel} (${e.os.platform})`],
    ['runtime', `Node ${e.runtime.node}, V8 ${e.runtime.v8}${e.runtime.execArgv.length ? `, flags ${e.runtime.execArgv.join(' ')}` : ''}`],
    [
      'clock',
      `${e.clock.name}, ${formatCount(e.clock.frequencyHz)}Hz (${e.clock.frequencySource}), resolution ${formatNs(e.clock.resolutionNs)}, read cost ${formatNs(e.clock.overheadNs)}`,
    ],
    ['native addon', `${avail(e.native)} (${e.native.source})`],
    ['counters', avail(e.counters)],
    ['CUDA', avail(e.cuda)],
  ];
  if (e.git) out.push(['git', `${e.git.commit}${e.git.dirty ? ' (dirty)' : ''}${e.git.branch ? ` on ${e.git.branch}` : ''}`]);
  return out;
}

function runView(run: RunResult, targets: readonly TargetResult[]): RunView {
  const notes = (run.complexity ?? []).map((c) => `${c.id}: ${c.best} in ${c.axis}`);
  const dead = run.benchmarks.filter((b) => b.flags.deadCode).map((b) => b.id);
  if (dead.length) notes.push(`${dead.join(', ')} cannot be told apart from an empty loop; keep its result with doNotOptimize().`);
  return {
    title: `${run.tag ? `tag ${run.tag}, ` : ''}${run.startedAt}, mode ${run.mode}`,
    environment: environment(run),
    benchmarks: run.benchmarks.map((b) => benchView(b, targets)),
    groups: run.groups.filter((g) => g.entries.length || g.mismatches?.length).map(groupView),
    notes,
  };
}

function comparisonView(r: GateReport): ComparisonView {
  const cmp = r.comparison;
  const rows = (cmp?.benchmarks ?? []).map((b) => [
    b.id,
    centre(b, 'base'),
    centre(b, 'current'),
    change(b),
    b.ci && b.method !== 'exact' ? formatRatioCI(b.ci) : '',
    pText(b),
    verdictText(b),
  ]);
  const bars: Bar[] = (cmp?.benchmarks ?? []).map((b) => ({
    name: b.id,
    pct: isNum(b.ratio) ? (b.ratio - 1) * 100 : null,
    lo: isNum(b.ci?.[0]) ? (b.ci![0] - 1) * 100 : null,
    hi: isNum(b.ci?.[1]) ? (b.ci![1] - 1) * 100 : null,
    tone: b.regression ? 'bad' : b.verdict ? TONE[b.verdict] : 'unsure',
    text: b.status === 'compared' ? `${change(b)}: ${verdictText(b)}` : verdictText(b),
  }));
  const notes = [
    ...r.errored.map((e) => `errored: ${e.id}: ${e.message}`),
    ...[...r.regressions, ...r.historyRegressions].map((g) => `${g.message} (look closer: ${g.hint})`),
  ];
  if (r.removed.ids.length)
    notes.push(
      `removed (in the base, not measured now): ${r.removed.ids.join(', ')}${r.removed.allowed ? '; accepted' : '; this fails the gate'}`,
    );
  if (cmp?.added.length) notes.push(`added (only in current): ${cmp.added.join(', ')}`);
  notes.push(...r.references.map((x) => `${x.pass ? 'PASS' : 'FAIL'} ${x.message}`));
  return {
    outcome: `${outcomeText(r)} (exit ${r.exitCode})`,
    failed: r.exitCode !== 0,
    title: cmp ? `${label(cmp.base)} -> ${label(cmp.current)}` : label(r.run),
    policy: cmp ? policyLine(r) : '',
    warnings: r.environmentWarnings,
    bars,
    rows,
    targets: r.targets.map((t) => [
      t.id,
      t.target,
      formatValue(t.value, t.unit, t.reason ?? 'n/a'),
      t.pass ? 'PASS' : 'FAIL',
      t.marginText,
    ]),
    notes,
  };
}

function historyView(a: HistoryAnalysis, file?: string): HistoryView {
  return {
    title: `${a.runs} run(s)${file ? ` from ${file}` : ''}`,
    series: a.series.map((s) => {
      const last = s.points[s.points.length - 1];
      const p = s.projection;
      const crossing = p && isNum(p.runs) && p.runs > 0 && last ? { run: last.run + p.runs, value: p.threshold.value } : null;
      return {
        id: s.id,
        unit: s.unit,
        runs: s.points.map((x) => x.run),
        medians: s.points.map((x) => x.median),
        lo: s.points.map((x) => x.lo),
        hi: s.points.map((x) => x.hi),
        changes: s.changes.map((c) => ({ run: c.run, text: `run ${c.run}: ${c.change >= 0 ? '+' : ''}${(c.change * 100).toFixed(1)}%` })),
        threshold: p ? { value: p.threshold.value, text: p.threshold.text } : null,
        crossing,
        lines: [
          ['latest', formatValue(s.latest, s.unit, s.reason ?? 'n/a')],
          ['trend per run', trendText(s)],
          ['change points', changesText(s)],
          ['projection', projectionText(s)],
          ['verdict', s.regression ? s.regression.message : seriesVerdict(s)],
        ],
        regression: s.regression !== null,
      };
    }),
    notes: a.runs === 0 ? ['No runs in history yet: run `cyclebench run --history`.'] : [],
  };
}

/** What an HTML report is made from: a run, a verdict (comparison), a history, or several of them. */
export interface HtmlInput {
  run?: RunResult;
  /** A verdict (`evaluateRun`, or `compare --json`): the comparison view, and target results for grades. */
  verdict?: GateReport | null;
  history?: HistoryAnalysis;
  historyFile?: string;
  /** Evaluated targets for grades when there is no verdict. */
  targets?: readonly TargetResult[];
  title?: string;
  /** When it was made (ISO time); defaults to now. */
  generated?: string;
}

/** The page's data. */
export function htmlModel(input: HtmlInput): HtmlModel {
  const targets = input.targets ?? input.verdict?.targets ?? [];
  const model: HtmlModel = {
    title:
      input.title ??
      (input.run
        ? `cyclebench run: ${input.run.tag ? `tag ${input.run.tag}` : input.run.startedAt}`
        : input.history
          ? 'cyclebench history'
          : 'cyclebench verdict'),
    generated: input.generated ?? new Date().toISOString(),
  };
  if (input.run) model.run = runView(input.run, targets);
  if (input.verdict) model.comparison = comparisonView(input.verdict);
  if (input.history) model.history = historyView(input.history, input.historyFile);
  return model;
}
