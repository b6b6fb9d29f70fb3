/** One top-level task (a benchmark over its argument points, or a group) run in this process. */
import { bestClock } from '../clock/index.js';
import { CycleBenchError } from '../errors.js';
import { argPoints, benchId, matchesFilter } from './expand.js';
import { GcWatch } from './gc.js';
import { openRunCounters } from './counters.js';
import { CHILD_ENV, groupBaseline, type Resume, type RunContext, type Task, type TaskOutcome } from './defs.js';
import { FaultWatch } from './faults.js';
import { deadlineMessage, deadlinePassed } from './limits.js';
import type { Args, ProgressEvent, RunOptions } from './options.js';
import { failedResult } from './result.js';
import { runBench } from './run-bench.js';
import { runGroupPoint } from './run-group.js';
import type { BenchResult } from '../result/types.js';

/** The context a run (or an isolated child's share of it) measures in. Close it with {@link closeRunContext}. */
export function createRunContext(
  options: RunOptions,
  at: { index: number; total: number; resolutionNs: number; progress?: RunContext['progress'] },
): RunContext {
  return {
    options,
    clock: bestClock(),
    resolutionNs: at.resolutionNs,
    gc: new GcWatch(),
    progress: at.progress ?? options.onProgress ?? (() => {}),
    index: at.index,
    total: at.total,
    counters: openRunCounters(options),
    // An isolated child lets process.exit end it: the parent records the exit code.
    faults: new FaultWatch(!process.env[CHILD_ENV]),
  };
}

/** Releases what {@link createRunContext} opened. */
export function closeRunContext(ctx: RunContext): void {
  ctx.gc.stop();
  ctx.counters?.close();
  ctx.faults.close();
}

/** Every benchmark id a task can yield, in run order. */
export function taskIds(task: Task): string[] {
  if (task.kind === 'bench') return argPoints(task.bench.options.args).map((a) => benchId(task.bench.name, undefined, a));
  const g = task.group;
  return argPoints(g.options.args).flatMap((a) => g.benches.map((b) => benchId(b.name, g.name, a)));
}

/**
 * How many results a (filtered) task yields: a benchmark's matching argument points; every point of
 * every contender a filtered group kept (its baseline is kept so ratios stay meaningful).
 */
export function taskPoints(task: Task, filter?: RunOptions['filter']): number {
  return task.kind === 'bench' ? taskIds(task).filter((id) => matchesFilter(id, filter)).length : taskIds(task).length;
}

/** Identity of one result, as failed and skipped results carry it. */
export type ResultBase = Pick<BenchResult, 'id' | 'name' | 'group' | 'args' | 'file'>;

/** One argument point of a task: its index among the task's points, and the results it yields. */
export interface PointPlan {
  point: number;
  args: Args;
  /** The results of this point, in order: one benchmark, or the group's contenders. */
  results: ResultBase[];
}

/** The argument points a task runs under `filter`, in order. */
export function taskPlan(task: Task, filter: RunOptions['filter']): PointPlan[] {
  if (task.kind === 'bench') {
    const b = task.bench;
    return argPoints(b.options.args)
      .map((args, point) => ({ point, args, results: [{ id: benchId(b.name, undefined, args), name: b.name, args, file: b.file }] }))
      .filter((p) => matchesFilter(p.results[0].id, filter));
  }
  const g = task.group;
  return argPoints(g.options.args).map((args, point) => ({
    point,
    args,
    results: g.benches.map((b) => ({ id: benchId(b.name, g.name, args), name: b.name, group: g.name, args, file: b.file })),
  }));
}

/** Error results for every result of a point (minus `exclude`): it was not run, or its run was lost. */
export function pointFailed(p: PointPlan, err: unknown, exclude: readonly string[] = [], wallMs = 0): BenchResult[] {
  return p.results.filter((b) => !exclude.includes(b.id)).map((b) => failedResult(b, 'error', err, wallMs));
}

/** Restricts a task to the benchmarks whose ids match the filter; null when none does. */
export function filterTask(task: Task, filter: RunOptions['filter']): Task | null {
  if (filter === undefined) return task;
  if (task.kind === 'bench') {
    const points = argPoints(task.bench.options.args).filter((a) => matchesFilter(benchId(task.bench.name, undefined, a), filter));
    return points.length ? task : null;
  }
  const g = task.group;
  const benches = g.benches.filter((b) => argPoints(g.options.args).some((a) => matchesFilter(benchId(b.name, g.name, a), filter)));
  if (!benches.length) return null;
  // Keep the baseline so ratios stay meaningful.
  const base = g.benches.find((b) => b.name === groupBaseline(g))!;
  if (!benches.includes(base)) benches.unshift(base);
  return { kind: 'group', group: { ...g, benches } };
}

/**
 * Runs one task in this process, from `resume` on (an isolated child resumes after a killed one),
 * handing each point's outcome to `onPoint` as soon as it is complete. Points not started before
 * the run's deadline are recorded as not run.
 */
export async function runTaskHere(
  task: Task,
  ctx: RunContext,
  resume: Resume = { point: 0, exclude: [] },
  onPoint?: (point: number, o: TaskOutcome) => void,
): Promise<TaskOutcome> {
  const out: TaskOutcome = { benchmarks: [], groups: [] };
  for (const p of taskPlan(task, ctx.options.filter)) {
    if (p.point < resume.point) continue;
    const exclude = p.point === resume.point ? resume.exclude : [];
    const ids = p.results.map((b) => b.id).filter((id) => !exclude.includes(id));
    const id = task.kind === 'bench' ? ids[0] : benchId(task.group.name, undefined, p.args);
    ctx.progress({ type: 'bench', id, index: ctx.index, total: ctx.total });
    let o: TaskOutcome;
    if (deadlinePassed(ctx.options))
      o = { benchmarks: pointFailed(p, new CycleBenchError('E_TIMEOUT', deadlineMessage(false)), exclude), groups: [] };
    else {
      ctx.running?.(ids);
      o =
        task.kind === 'bench'
          ? { benchmarks: [await runBench(task.bench, p.args, ctx)], groups: [] }
          : await runGroupPoint(task.group, p.args, ctx, exclude);
    }
    for (const r of o.benchmarks) ctx.progress(doneEvent(r, ctx.index++, ctx.total));
    onPoint?.(p.point, o);
    out.benchmarks.push(...o.benchmarks);
    out.groups.push(...o.groups);
  }
  return out;
}

/** The progress event of a finished benchmark: its median, or the bound of probable dead code. */
export function doneEvent(r: BenchResult, index: number, total: number): ProgressEvent {
  return {
    type: 'done',
    id: r.id,
    index,
    total,
    status: r.status,
    medianNs: r.stats?.median,
    unit: r.unit,
    ...(r.deadCode ? { boundNs: r.deadCode.upperBound } : {}),
  };
}
