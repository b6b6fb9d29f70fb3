/**
 * One adapter per tool. Each measures a row's A, A2 and B with the tool's documented default
 * settings (the fair comparison: what a user gets without tuning) and returns the tool's central
 * statistic per workload in ns, the B/A and A2/A ratios, and the tool's wall time.
 *
 * Central statistic: the median where the tool reports one (cyclebench, mitata `p50`, tinybench
 * `latency.p50`), else the mean (benchmark.js). Means are recorded too.
 */
import type { Row } from './workloads.js';

/** Tool names, as given to `--tools`. */
export type ToolName = 'cyclebench' | 'mitata' | 'tinybench' | 'benchmarkjs';

/** Every tool, in the order the driver runs them. */
export const TOOLS: readonly ToolName[] = ['cyclebench', 'mitata', 'tinybench', 'benchmarkjs'];

/** Per-workload times in ns per call. */
export interface Times {
  a: number;
  a2: number;
  b: number;
}

/** What one tool reports for one row. */
export interface ToolResult {
  /** The statistic behind `central`: 'median' or 'mean'. */
  stat: 'median' | 'mean';
  /** Central statistic per workload, ns per call. */
  central: Times;
  /** Mean per workload, ns per call. */
  mean: Times;
  /** B/A and A2/A as the tool yields them (cyclebench: its paired group ratio; peers: central(B)/central(A)). */
  ratioBA: number;
  ratioA2A: number;
  /** Wall time from the start of the tool's run to its result, ms (module import excluded). */
  wallMs: number;
  /** Tool-specific details (cyclebench: CIs and stop reasons). */
  extra?: Record<string, unknown>;
}

/** Overrides of cyclebench's defaults, for sensitivity checks only (the comparison uses the defaults). */
export interface CyclebenchOverrides {
  precision?: number;
  /** Minimum sampling time; the budget grows to twice it (as `cyclebench run --min-time` does). */
  minTimeMs?: number;
}

async function runCyclebench(row: Row, o: CyclebenchOverrides = {}): Promise<ToolResult> {
  const { Suite } = await import('../../src/index.js');
  const t0 = performance.now();
  const s = new Suite();
  s.group(row.name, { baseline: 'A' }, () => {
    s.add('A', row.a);
    s.add('A2', row.a2);
    s.add('B', row.b);
  });
  const r = await s.run({
    quiet: true,
    ...(o.precision !== undefined ? { precision: o.precision } : {}),
    ...(o.minTimeMs !== undefined ? { minTimeMs: o.minTimeMs, maxTimeMs: Math.max(1000, 2 * o.minTimeMs) } : {}),
  });
  const wallMs = performance.now() - t0;
  const by = (name: string) => {
    const b = r.benchmarks.find((x) => x.name === name);
    if (!b?.stats)
      throw new Error(`cyclebench: no statistics for ${name} (${b?.status}: ${b?.error?.message ?? b?.skipReason ?? 'missing'})`);
    return b;
  };
  const entry = (name: string) => {
    const e = r.groups[0]?.entries.find((x) => x.name === name);
    if (!e) throw new Error(`cyclebench: no group entry for ${name}`);
    return e;
  };
  const [a, a2, b] = [by('A'), by('A2'), by('B')];
  const eb = entry('B');
  const ea2 = entry('A2');
  return {
    stat: 'median',
    central: { a: a.stats!.median, a2: a2.stats!.median, b: b.stats!.median },
    mean: { a: a.stats!.mean, a2: a2.stats!.mean, b: b.stats!.mean },
    ratioBA: eb.ratio,
    ratioA2A: ea2.ratio,
    wallMs,
    extra: {
      ciBA: eb.ci,
      ciA2A: ea2.ci,
      verdictA2A: ea2.verdict,
      stopReason: a.stopReason,
      samples: a.stats!.n,
      medianRatioBA: b.stats!.median / a.stats!.median,
      medianRatioA2A: a2.stats!.median / a.stats!.median,
      overheadNs: a.overhead,
    },
  };
}

async function runMitata(row: Row): Promise<ToolResult> {
  const { bench, run } = await import('mitata');
  const t0 = performance.now();
  bench('A', row.a);
  bench('A2', row.a2);
  bench('B', row.b);
  const r = await run({ format: 'quiet' });
  const wallMs = performance.now() - t0;
  const stats = (name: string) => {
    const s = r.benchmarks.find((t) => t.alias === name)?.runs[0]?.stats;
    if (!s) throw new Error(`mitata: no statistics for ${name}`);
    return s;
  };
  const [a, a2, b] = [stats('A'), stats('A2'), stats('B')];
  return {
    stat: 'median',
    central: { a: a.p50, a2: a2.p50, b: b.p50 },
    mean: { a: a.avg, a2: a2.avg, b: b.avg },
    ratioBA: b.p50 / a.p50,
    ratioA2A: a2.p50 / a.p50,
    wallMs,
  };
}

async function runTinybench(row: Row): Promise<ToolResult> {
  const { Bench } = await import('tinybench');
  const t0 = performance.now();
  const bench = new Bench();
  bench.add('A', row.a).add('A2', row.a2).add('B', row.b);
  await bench.run();
  const wallMs = performance.now() - t0;
  const latency = (name: string) => {
    const result = bench.getTask(name)?.result;
    if (!result || !('latency' in result)) throw new Error(`tinybench: no statistics for ${name} (${result?.state ?? 'missing'})`);
    return result.latency; // milliseconds
  };
  const [a, a2, b] = [latency('A'), latency('A2'), latency('B')];
  return {
    stat: 'median',
    central: { a: a.p50 * 1e6, a2: a2.p50 * 1e6, b: b.p50 * 1e6 },
    mean: { a: a.mean * 1e6, a2: a2.mean * 1e6, b: b.mean * 1e6 },
    ratioBA: b.p50 / a.p50,
    ratioA2A: a2.p50 / a.p50,
    wallMs,
  };
}

async function runBenchmarkjs(row: Row): Promise<ToolResult> {
  const { default: Benchmark } = await import('benchmark');
  const t0 = performance.now();
  const means = new Map<string, number>();
  const errors: string[] = [];
  new Benchmark.Suite()
    .add('A', row.a)
    .add('A2', row.a2)
    .add('B', row.b)
    .on('cycle', (e) => {
      if (e.target.error) errors.push(`${e.target.name}: ${String(e.target.error)}`);
      else means.set(e.target.name, e.target.stats.mean * 1e9); // seconds -> ns
    })
    .run({ async: false });
  const wallMs = performance.now() - t0;
  if (errors.length) throw new Error(`benchmark.js: ${errors.join('; ')}`);
  const mean = (name: string) => {
    const m = means.get(name);
    if (m === undefined) throw new Error(`benchmark.js: no statistics for ${name}`);
    return m;
  };
  const t = { a: mean('A'), a2: mean('A2'), b: mean('B') };
  return { stat: 'mean', central: t, mean: t, ratioBA: t.b / t.a, ratioA2A: t.a2 / t.a, wallMs };
}

/**
 * Runs one tool on one row, with that tool's defaults; `cyclebench` overrides apply to cyclebench
 * only (a sensitivity check; the comparison uses the defaults).
 */
export function runTool(tool: ToolName, row: Row, cyclebench: CyclebenchOverrides = {}): Promise<ToolResult> {
  switch (tool) {
    case 'cyclebench':
      return runCyclebench(row, cyclebench);
    case 'mitata':
      return runMitata(row);
    case 'tinybench':
      return runTinybench(row);
    case 'benchmarkjs':
      return runBenchmarkjs(row);
  }
}
