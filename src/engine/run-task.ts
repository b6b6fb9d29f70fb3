/** One top-level task (a benchmark over its argument points, or a group) run in this process. */
import { bestClock } from '../clock/index.js';
import { argPoints, benchId, matchesFilter } from './expand.js';
import { GcWatch } from './gc.js';
import { openRunCounters } from './counters.js';
import { groupBaseline, type RunContext, type Task, type TaskOutcome } from './defs.js';
import type { RunOptions } from './options.js';
import { runBench } from './run-bench.js';
import { runGroupPoint } from './run-group.js';

/** The context a run (or an isolated child's share of it) measures in. Close it with {@link closeRunContext}. */
export function createRunContext(options: RunOptions, at: { index: number; total: number; resolutionNs: number; progress?: RunContext['progress'] }): RunContext {
  return {
    options,
    clock: bestClock(),
    resolutionNs: at.resolutionNs,
    gc: new GcWatch(),
    progress: at.progress ?? options.onProgress ?? (() => {}),
    index: at.index,
    total: at.total,
    counters: openRunCounters(options),
  };
}

/** Releases what {@link createRunContext} opened. */
export function closeRunContext(ctx: RunContext): void {
  ctx.gc.stop();
  ctx.counters?.close();
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

/** Runs one task in this process. */
export async function runTaskHere(task: Task, ctx: RunContext): Promise<TaskOutcome> {
  const out: TaskOutcome = { benchmarks: [], groups: [] };
  if (task.kind === 'bench') {
    for (const args of argPoints(task.bench.options.args)) {
      const id = benchId(task.bench.name, undefined, args);
      if (!matchesFilter(id, ctx.options.filter)) continue;
      ctx.progress({ type: 'bench', id, index: ctx.index, total: ctx.total });
      const r = await runBench(task.bench, args, ctx);
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
