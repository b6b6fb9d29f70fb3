import { isDeepStrictEqual } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compareSamples, fitComplexity, median } from '../stats/index.js';
import { capabilities } from '../capabilities.js';
import { bestClock, type Clock } from '../clock/index.js';
import { packageRoot } from '../native/load.js';
import { argPoints, benchId, matchesFilter } from './expand.js';
import { GcWatch } from './gcwatch.js';
import { resolveSampling, type Args, type RunOptions, type Sampling } from './options.js';
import type { BenchDef, GroupDef, Suite, Task } from './registry.js';
import { contenderResult, failedResult } from './result.js';
import { Contender } from './sampler.js';
import { runGpuBench } from './gpu.js';
import { openRunCounters } from './counters.js';
import { resolveEventNames, type CounterSet } from '../counters/set.js';
import { loadNative } from '../native/load.js';
import { StopRule, medianHalfWidth, ratioHalfWidth } from './stopping.js';
import { SCHEMA_VERSION, type BenchResult, type ComplexityFit, type Environment, type GroupComparison, type RunResult } from './types.js';

/** Everything a task needs while running. */
export interface RunContext {
  options: RunOptions;
  clock: Clock;
  resolutionNs: number;
  gc: GcWatch;
  progress: (e: Parameters<NonNullable<RunOptions['onProgress']>>[0]) => void;
  /** Index of the next benchmark, for progress. */
  index: number;
  total: number;
  /** The run's counter set, when counters were asked for and the addon is loaded. */
  counters?: CounterSet | null;
}

/** What running one top-level task yields. */
export interface TaskOutcome {
  benchmarks: BenchResult[];
  groups: GroupComparison[];
}

/** This package's version. */
export function toolVersion(): string {
  try {
    return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

let cachedEnvironment: Environment | undefined;

/**
 * The environment fingerprint stored with results, measured once per process (the machine does not
 * change within one). Its clock is the one the engine uses: `capabilities().clocks[0]`.
 */
export function environment(): Environment {
  if (cachedEnvironment) return cachedEnvironment;
  const caps = capabilities({ valgrind: false });
  const c = caps.clocks[0];
  cachedEnvironment = {
    cpu: caps.cpu,
    os: caps.os,
    runtime: caps.runtime,
    clock: { name: c.name, frequencyHz: c.frequencyHz, frequencySource: c.frequencySource, resolutionNs: c.resolutionNs, overheadNs: c.overheadNs },
    native: caps.native.available ? { available: true, source: caps.native.source } : { available: false, reason: caps.native.reason, source: 'none' },
    counters: caps.counters.perfEvent,
    cuda: caps.cuda.available ? { available: true } : { available: false, reason: caps.cuda.reason },
  };
  return cachedEnvironment;
}

/** A result with no benchmarks: what module-level `run()` returns while the CLI collects files. */
export function emptyRun(): RunResult {
  const now = new Date().toISOString();
  return { schemaVersion: SCHEMA_VERSION, tool: { name: 'cyclebench', version: toolVersion() }, startedAt: now, finishedAt: now, mode: 'time', environment: environment(), benchmarks: [], groups: [], complexity: [] };
}

let exposedGc: (() => void) | undefined;

/**
 * The `gc()` function when `gc: true`: the global one under `--expose-gc`, else one exposed at run
 * time (V8 flag set, then `gc` taken from a fresh context, which sees the flag).
 */
export function gcFunction(sampling: Pick<Sampling, 'gc'>): (() => void) | undefined {
  if (!sampling.gc) return undefined;
  const global = (globalThis as { gc?: () => void }).gc;
  if (global) return global;
  if (!exposedGc) {
    setFlagsFromString('--expose-gc');
    exposedGc = runInNewContext('gc') as () => void;
  }
  return exposedGc;
}

function skipReason(def: BenchDef): string | undefined {
  const s = def.options.skip;
  if (s) return typeof s === 'string' ? s : 'skipped by its options';
  return undefined;
}

/** When counters were asked for but no set could be opened (no addon), every event says why. */
function withMissingCounters(r: BenchResult, ctx: RunContext): BenchResult {
  const asked = ctx.options.counters;
  if (!asked || ctx.counters || r.counters) return r;
  const reason = `the native addon is not loaded: ${loadNative().reason ?? 'unknown reason'}`;
  r.counters = Object.fromEntries(resolveEventNames(asked).map((n) => [n, { available: false as const, reason }]));
  return r;
}

/** Samples one contender to a stop rule; records errors instead of throwing. */
async function runSingle(def: BenchDef, args: Args, ctx: RunContext): Promise<BenchResult> {
  const id = benchId(def.name, undefined, args);
  const base = { id, name: def.name, args, file: def.file };
  const started = performance.now();
  const skip = skipReason(def);
  if (skip) return failedResult(base, 'skipped', new Error(skip), 0);
  const sampling = resolveSampling(ctx.options, def.options);
  if (def.options.gpu) return runGpuBench(def, args, id, sampling.keepSamples);
  const c = new Contender(id, def, args, sampling, ctx.clock, ctx.resolutionNs);
  if (ctx.counters) c.useCounters(ctx.counters);
  try {
    await c.prepare();
    await c.warmup();
    const rule = new StopRule(sampling);
    const gc = gcFunction(sampling);
    let reason;
    do {
      await c.sample(gc);
      reason = rule.check(c.raw.length, performance.now() - c.samplingStartedAt, () => correctedHalfWidth(c));
    } while (!reason);
    await c.finish();
    await ctx.gc.flush();
    return withMissingCounters(await contenderResult(c, reason, ctx.gc, sampling.keepSamples, ctx.counters), ctx);
  } catch (err) {
    return failedResult(base, 'error', err, performance.now() - started);
  }
}

/** Samples a group's contenders round by round, rotating their order each round. */
async function runGroupPoint(group: GroupDef, args: Args, ctx: RunContext): Promise<TaskOutcome> {
  const sampling = resolveSampling(ctx.options, group.options);
  const baselineName = group.options.baseline ?? group.benches[0].name;
  const results = new Map<string, BenchResult>();
  const live: Contender[] = [];
  for (const def of group.benches) {
    const id = benchId(def.name, group.name, args);
    const base = { id, name: def.name, group: group.name, args, file: def.file };
    const skip = skipReason(def);
    if (skip) {
      results.set(def.name, failedResult(base, 'skipped', new Error(skip), 0));
      continue;
    }
    const c = new Contender(id, def, args, resolveSampling(sampling, def.options), ctx.clock, ctx.resolutionNs, group.name);
    if (ctx.counters) c.useCounters(ctx.counters);
    try {
      await c.prepare();
      live.push(c);
    } catch (err) {
      results.set(def.name, failedResult(base, 'error', err, performance.now() - c.startedAt));
    }
  }

  const mismatches: string[] = [];
  const baseline = live.find((c) => c.name === baselineName);
  if ((group.options.equivalence || ctx.options.equivalence) && baseline) {
    for (const c of [...live]) {
      if (c === baseline || isDeepStrictEqual(c.firstOutput, baseline.firstOutput)) continue;
      mismatches.push(c.name);
      live.splice(live.indexOf(c), 1);
      const err = new Error(`output differs from the baseline '${baselineName}' on the same input; not timed`);
      err.name = 'EquivalenceError';
      results.set(c.name, failedResult({ id: c.id, name: c.name, group: group.name, args, file: c.def.file }, 'error', err, 0));
    }
  }

  const failed = (c: Contender, err: unknown) => {
    results.set(c.name, failedResult({ id: c.id, name: c.name, group: group.name, args, file: c.def.file }, 'error', err, performance.now() - c.startedAt));
    live.splice(live.indexOf(c), 1);
  };
  for (const c of [...live]) {
    try {
      await c.warmup();
    } catch (err) {
      failed(c, err);
    }
  }

  // Interleaved rounds: every contender takes one sample per round, in an order rotated each round.
  const rule = new StopRule({ ...sampling, maxTimeMs: sampling.maxTimeMs * Math.max(1, live.length) });
  const gc = gcFunction(sampling);
  const started = performance.now();
  let reason = null;
  for (let round = 0; live.length && !reason; round++) {
    for (let k = 0; k < live.length; k++) {
      const c = live[(round + k) % live.length];
      try {
        await c.sample(gc);
      } catch (err) {
        failed(c, err);
        k--;
      }
    }
    const base = live.find((c) => c.name === baselineName);
    const rounds = Math.min(...live.map((c) => c.raw.length));
    // Every ratio to the baseline AND every contender's own median must reach the target: the
    // paired ratio converges much sooner, and stopping on it alone left absolute times at a few %.
    reason = rule.check(rounds, performance.now() - started, () =>
      Math.max(
        ...live.map(correctedHalfWidth),
        ...(base ? live.filter((c) => c !== base).map((c) => ratioHalfWidth(base.raw.slice(0, rounds), c.raw.slice(0, rounds))) : []),
      ),
    );
  }
  await ctx.gc.flush();
  for (const c of live) {
    await c.finish();
    results.set(c.name, withMissingCounters(await contenderResult(c, reason ?? 'error', ctx.gc, sampling.keepSamples, ctx.counters), ctx));
  }

  const comparison: GroupComparison = { group: group.name, baseline: baselineName, entries: [] };
  if (Object.keys(args).length) comparison.args = args;
  if (mismatches.length) comparison.mismatches = mismatches;
  const baseResult = results.get(baselineName);
  if (baseResult?.status === 'ok' && baseline) {
    for (const c of live) {
      if (c === baseline) continue;
      const rounds = Math.min(c.raw.length, baseline.raw.length);
      // Paired by round on the raw per-iteration times (positive by construction); the empty-loop
      // overhead, identical code for both, is subtracted from both before the ratio when it leaves them positive.
      const ob = results.get(baselineName)!.overhead ?? 0;
      const oc = results.get(c.name)!.overhead ?? 0;
      let a = baseline.raw.slice(0, rounds).map((x) => x - ob);
      let b = c.raw.slice(0, rounds).map((x) => x - oc);
      if (a.some((x) => !(x > 0)) || b.some((x) => !(x > 0))) {
        a = baseline.raw.slice(0, rounds);
        b = c.raw.slice(0, rounds);
      }
      const cmp = compareSamples(a, b, { paired: true, noise: sampling.precision });
      comparison.entries.push({ id: c.id, name: c.name, ratio: cmp.ratio, ci: cmp.ci, pValue: cmp.pValue, verdict: cmp.verdict });
    }
  }
  return { benchmarks: group.benches.map((d) => results.get(d.name)!).filter(Boolean), groups: [comparison] };
}

function taskPoints(task: Task): number {
  return task.kind === 'bench' ? argPoints(task.bench.options.args).length : argPoints(task.group.options.args).length * task.group.benches.length;
}

/** Restricts a task to the benchmarks whose ids match the filter; null when none does. */
function filterTask(task: Task, filter: RunOptions['filter']): Task | null {
  if (filter === undefined) return task;
  if (task.kind === 'bench') {
    const points = argPoints(task.bench.options.args).filter((a) => matchesFilter(benchId(task.bench.name, undefined, a), filter));
    return points.length ? task : null;
  }
  const g = task.group;
  const benches = g.benches.filter((b) => argPoints(g.options.args).some((a) => matchesFilter(benchId(b.name, g.name, a), filter)));
  if (!benches.length) return null;
  // Keep the baseline so ratios stay meaningful.
  const base = g.benches.find((b) => b.name === (g.options.baseline ?? g.benches[0].name))!;
  if (!benches.includes(base)) benches.unshift(base);
  return { kind: 'group', group: { ...g, benches } };
}

/** Runs one task in this process. */
export async function runTaskHere(task: Task, ctx: RunContext): Promise<TaskOutcome> {
  const out: TaskOutcome = { benchmarks: [], groups: [] };
  if (task.kind === 'bench') {
    for (const args of argPoints(task.bench.options.args)) {
      const id = benchId(task.bench.name, undefined, args);
      if (!matchesFilter(id, ctx.options.filter)) continue;
      ctx.progress({ type: 'bench', id, index: ctx.index, total: ctx.total });
      const r = await runSingle(task.bench, args, ctx);
      out.benchmarks.push(r);
      ctx.progress({ type: 'done', id, index: ctx.index++, total: ctx.total, status: r.status, medianNs: r.stats?.median, unit: r.unit });
    }
    return out;
  }
  for (const args of argPoints(task.group.options.args)) {
    ctx.progress({ type: 'bench', id: benchId(task.group.name, undefined, args), index: ctx.index, total: ctx.total });
    const o = await runGroupPoint(task.group, args, ctx);
    out.benchmarks.push(...o.benchmarks);
    out.groups.push(...o.groups);
    for (const r of o.benchmarks)
      ctx.progress({ type: 'done', id: r.id, index: ctx.index++, total: ctx.total, status: r.status, medianNs: r.stats?.median, unit: r.unit });
  }
  return out;
}

/** Relative CI half-width of a contender's median after subtracting the empty loop's median. */
function correctedHalfWidth(c: Contender): number {
  const overhead = c.empty.length ? median(c.empty) : 0;
  return medianHalfWidth(c.raw.map((x) => x - overhead));
}

/** Complexity fits for benchmarks whose only varying argument is numeric (3+ points). */
export function complexityFits(results: BenchResult[]): ComplexityFit[] {
  const families = new Map<string, BenchResult[]>();
  for (const r of results) {
    if (r.status !== 'ok' || !r.args || !r.stats) continue;
    const key = `${r.group ?? ''}/${r.name}`;
    families.set(key, [...(families.get(key) ?? []), r]);
  }
  const fits: ComplexityFit[] = [];
  for (const [key, rs] of families) {
    const axes = Object.keys(rs[0].args!).filter((k) => new Set(rs.map((r) => r.args![k])).size > 1);
    if (axes.length !== 1 || rs.length < 3) continue;
    const axis = axes[0];
    if (!rs.every((r) => typeof r.args![axis] === 'number' && (r.args![axis] as number) > 0)) continue;
    const n = rs.map((r) => r.args![axis] as number);
    const t = rs.map((r) => Math.max(r.stats!.median, 0));
    // Relative residuals, so a single disturbed large-n point cannot flip the class; absolute only
    // when some point is indistinguishable from the empty loop (t = 0).
    const weighting = t.every((v) => v > 0) ? 'relative' : 'absolute';
    const fit = fitComplexity(n, t, { weighting });
    fits.push({
      id: key.replace(/^\//, ''),
      axis,
      weighting,
      best: fit.name,
      coefficient: fit.coefficient,
      rms: Object.fromEntries(fit.candidates.map((c) => [c.name, c.rms])),
    });
  }
  return fits;
}

/** Runs a suite: every task, in order, in this process or isolated. */
export async function runSuite(suite: Suite, options: RunOptions): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const clock = bestClock();
  const env = environment();
  const tasks = suite.tasks.map((t) => filterTask(t, options.filter)).filter((t): t is Task => t !== null);
  const total = tasks.reduce((a, t) => a + taskPoints(t), 0);
  const sampling = resolveSampling(options);
  const ctx: RunContext = {
    options,
    clock,
    resolutionNs: env.clock.resolutionNs,
    gc: new GcWatch(),
    progress: options.onProgress ?? (() => {}),
    index: 0,
    total,
    counters: openRunCounters(options),
  };
  ctx.progress({ type: 'start', total, estimateMs: total * (sampling.warmupMs + sampling.maxTimeMs) });
  const out: TaskOutcome = { benchmarks: [], groups: [] };
  // A child of an isolated run measures in-process: it never isolates again.
  const isolated = options.isolate && options.isolate !== 'none' && !process.env.CYCLEBENCH_ISOLATED_CHILD ? await import('./isolate.js') : undefined;
  try {
    for (const task of tasks) {
      const o = isolated ? await isolated.runIsolated(task, ctx, options.isolate as 'worker' | 'process') : await runTaskHere(task, ctx);
      out.benchmarks.push(...o.benchmarks);
      out.groups.push(...o.groups);
    }
  } finally {
    ctx.gc.stop();
    ctx.counters?.close();
  }
  for (const b of out.benchmarks) if (b.file) b.file = relative(process.cwd(), b.file) || b.file;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'cyclebench', version: toolVersion() },
    startedAt,
    finishedAt: new Date().toISOString(),
    ...(options.tag ? { tag: options.tag } : {}),
    mode: 'time',
    environment: { ...env },
    benchmarks: out.benchmarks,
    groups: out.groups,
    complexity: complexityFits(out.benchmarks),
  };
}
