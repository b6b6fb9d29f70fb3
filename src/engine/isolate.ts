/**
 * The parent side of isolation: runs a top-level task in fresh worker threads or child processes,
 * keeps every point's outcome as it arrives, and supervises: a child that runs past its allowance
 * (or the run's deadline) is killed, one that crashes or exits is recorded with the reason, and
 * what the task had left runs on in a fresh child.
 */
import { CycleBenchError } from '../errors.js';
import { resolveSampling, type RunOptions, type Sampling } from './options.js';
import {
  serializeFilter,
  type ChildMessage,
  type ChildRequest,
  type Resume,
  type RunContext,
  type Task,
  type TaskOutcome,
} from './defs.js';
import { codedError } from './faults.js';
import { allowanceMs, deadlineMessage, deadlinePassed, msToDeadline, timeoutMessage } from './limits.js';
import { failedResult } from './result.js';
import { doneEvent, taskPlan, type PointPlan } from './run-task.js';
import { startChild, type ChildEnd } from './spawn.js';
import type { BenchResult, GroupComparison } from '../result/types.js';

export { CHILD_ENV } from './defs.js';
export { childExecArgv, tsxEsmApi } from './spawn.js';

/** Added to the first allowance of a fresh child: starting Node, the loader and the file's own top level. */
export const STARTUP_GRACE_MS = 10_000;

function taskFile(task: Task): string {
  const file = task.kind === 'bench' ? task.bench.file : task.group.file;
  const fallback = process.argv[1];
  if (file) return file;
  if (fallback) return fallback;
  throw new CycleBenchError('E_BAD_ARGUMENT', 'isolation needs the file that registered the benchmark; run it from a file');
}

function serializableOptions(o: RunOptions): ChildRequest['options'] {
  const { onProgress: _p, filter, ...rest } = o;
  return { ...rest, filter: serializeFilter(filter) };
}

/** The settings a task's allowance is taken from: the contender allowed the longest, and how many share a point. */
function taskLimit(task: Task, options: RunOptions): { sampling: Sampling; contenders: number } {
  if (task.kind === 'bench') return { sampling: resolveSampling(options, task.bench.options), contenders: 1 };
  const g = task.group;
  const all = g.benches.map((b) => resolveSampling(options, g.options, b.options));
  return { sampling: all.reduce((a, b) => (allowanceMs(b) > allowanceMs(a) ? b : a)), contenders: g.benches.length };
}

/** Why a child died, as the error recorded for the benchmarks it was running. */
function deathError(mode: 'worker' | 'process', end: ChildEnd): Error {
  // The line that says what happened (V8's FATAL ERROR, an uncaught error's first line), else the last lines.
  const lines = (end.stderr ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const key = lines.findLast((l) => /^(FATAL ERROR|[A-Za-z]*Error\b)/.test(l));
  const said = lines.length ? `; its stderr said: ${(key ?? lines.slice(-3).join(' | ')).slice(0, 400)}` : '';
  if (end.error?.code === 'ERR_WORKER_OUT_OF_MEMORY')
    return codedError(
      'ERR_WORKER_OUT_OF_MEMORY',
      `the isolated worker ran out of memory and was stopped: ${end.error.message} (its limit: RunOptions.memoryLimitMb, else V8's default)`,
    );
  if (end.error) return codedError(end.error.code ?? 'E_CRASH', `the isolated ${mode} failed: ${end.error.message}`);
  if (end.signal) return codedError('E_CRASH', `the isolated ${mode} was killed by ${end.signal} before sending its results${said}`);
  return codedError(
    'E_EXIT',
    `the isolated ${mode} exited with code ${end.code} before sending its results (did the benchmark call process.exit(${end.code})?)${said}`,
  );
}

/** How one child's attempt at the rest of a task ended. */
type Attempt = { kind: 'end' } | { kind: 'error'; message: string } | { kind: 'died'; running: string[]; error: (id: string) => Error };

/** Runs one top-level task isolated; as many fresh children as it takes to give every benchmark a result. */
export async function runIsolated(
  task: Task,
  ctx: RunContext,
  mode: 'worker' | 'process',
  nodeFlags: readonly string[] = [],
): Promise<TaskOutcome> {
  const plan = taskPlan(task, ctx.options.filter);
  const results = new Map<string, BenchResult>();
  const groups = new Map<number, GroupComparison[]>();
  const record = (rs: BenchResult[]) => {
    for (const r of rs) {
      results.set(r.id, r);
      ctx.progress(doneEvent(r, ctx.index++, ctx.total));
    }
  };
  const pending = (p: PointPlan) => p.results.filter((b) => !results.has(b.id));
  const failRest = (err: (id: string) => Error) => {
    for (const p of plan) record(pending(p).map((b) => failedResult(b, 'error', err(b.id), 0)));
  };
  for (;;) {
    const next = plan.find((p) => pending(p).length > 0);
    if (!next) break;
    if (deadlinePassed(ctx.options)) {
      failRest(() => new CycleBenchError('E_TIMEOUT', deadlineMessage(false)));
      break;
    }
    const resume = { point: next.point, exclude: next.results.filter((b) => results.has(b.id)).map((b) => b.id) };
    const known = results.size;
    const a = await attempt(
      task,
      ctx,
      mode,
      resume,
      (point, o) => {
        for (const r of o.benchmarks) results.set(r.id, r);
        groups.set(point, o.groups);
      },
      nodeFlags,
    );
    if (a.kind === 'error') failRest(() => new Error(`isolated ${mode} for '${next.results[0].id}' failed: ${a.message}`));
    else if (a.kind === 'end') failRest(() => new Error(`the isolated ${mode} ended without running it`));
    else {
      const running = plan.flatMap((p) => pending(p)).filter((b) => a.running.includes(b.id));
      record(running.map((b) => failedResult(b, 'error', a.error(b.id), 0)));
      // Died having given nothing (loading the file, say): another child would only die again.
      // Killed at the deadline, the rest is recorded as not run above.
      if (results.size === known && !deadlinePassed(ctx.options)) failRest(a.error);
    }
  }
  return {
    benchmarks: plan.flatMap((p) => p.results.map((b) => results.get(b.id)!)),
    groups: plan.flatMap((p) => groups.get(p.point) ?? []),
  };
}

/** One child, from `resume` on, until it ends, dies, or is killed at its allowance or the run's deadline. */
function attempt(
  task: Task,
  ctx: RunContext,
  mode: 'worker' | 'process',
  resume: Resume,
  onPoint: (point: number, o: TaskOutcome) => void,
  nodeFlags: readonly string[],
): Promise<Attempt> {
  const limit = taskLimit(task, ctx.options);
  const allowance = allowanceMs(limit.sampling, limit.contenders);
  const name = task.kind === 'bench' ? task.bench.name : task.group.name;
  const request: ChildRequest = {
    file: taskFile(task),
    kind: task.kind,
    name,
    options: serializableOptions(ctx.options),
    index: ctx.index,
    total: ctx.total,
    resume,
  };
  return new Promise<Attempt>((resolve) => {
    let running: string[] = [];
    let killedFor: ((id: string) => Error) | undefined;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (a: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill(); // also after `end`: a timer the benchmark left running must not keep it alive
      resolve(a);
    };
    // The allowance restarts whenever the child shows progress, so each benchmark gets its own.
    const arm = (extra = 0) => {
      clearTimeout(timer);
      const toDeadline = msToDeadline(ctx.options);
      const byDeadline = toDeadline < allowance + extra;
      timer = setTimeout(
        () => {
          killedFor = byDeadline
            ? () => new CycleBenchError('E_TIMEOUT', deadlineMessage(true, mode))
            : (id) => new CycleBenchError('E_TIMEOUT', timeoutMessage(id, limit.sampling, limit.contenders, mode));
          child.kill();
        },
        Math.max(0, Math.min(toDeadline, allowance + extra)),
      );
    };
    const onMessage = (m: ChildMessage) => {
      if (settled) return;
      if (m.type === 'progress') {
        if (m.event.type === 'done') ctx.index = m.event.index + 1;
        ctx.progress(m.event);
        return;
      }
      if (m.type === 'running') {
        running = m.ids;
      } else if (m.type === 'point') {
        running = [];
        onPoint(m.point, m.outcome);
      } else if (m.type === 'end') return finish({ kind: 'end' });
      else return finish({ kind: 'error', message: m.message });
      arm();
    };
    const onEnd = (end: ChildEnd) => finish({ kind: 'died', running, error: killedFor ?? (() => deathError(mode, end)) });
    const child = startChild(mode, request, ctx.options.memoryLimitMb, onMessage, onEnd, nodeFlags);
    arm(STARTUP_GRACE_MS);
  });
}
