/** A whole run: every task of a suite, in order, in this process or isolated, wrapped as a result. */
import { relative } from 'node:path';
import { complexityFits } from './complexity.js';
import { environment, runEnvelope } from './environment.js';
import { runIsolated } from './isolate.js';
import { processFlags, withProcessFlags } from './process-flags.js';
import { CHILD_ENV, type Task, type TaskOutcome } from './defs.js';
import { resolveSampling, type RunOptions } from './options.js';
import { closeRunContext, createRunContext, filterTask, runTaskHere, taskPoints } from './run-task.js';
import type { RunResult } from '../result/types.js';
import { preferTopTier } from '../util/v8-flags.js';

/** Runs the given tasks with `options` and returns the run's result. */
export async function runSuite(suite: { tasks: readonly Task[] }, options: RunOptions): Promise<RunResult> {
  preferTopTier(); // before any benchmark runs, and before the environment is recorded
  const startedAt = new Date().toISOString();
  const tasks = suite.tasks.map((t) => filterTask(t, options.filter)).filter((t): t is Task => t !== null);
  const total = tasks.reduce((a, t) => a + taskPoints(t, options.filter), 0);
  const sampling = resolveSampling(options);
  const ctx = createRunContext(options, { index: 0, total, resolutionNs: environment().clock.resolutionNs });
  const out: TaskOutcome = { benchmarks: [], groups: [] };
  // A child of an isolated run measures in-process: it never isolates again.
  const child = Boolean(process.env[CHILD_ENV]);
  const isolate = options.isolate && options.isolate !== 'none' && !child ? options.isolate : undefined;
  try {
    // Inside the try: a progress listener that throws must not leave process.exit replaced.
    ctx.progress({ type: 'start', total, estimateMs: total * (sampling.warmupMs + sampling.maxTimeMs) });
    for (const task of tasks) {
      // A task that needs V8 flags of its own (a steady heap, the top tier) runs in a process started with them.
      const flags = processFlags(options, task.kind === 'bench' ? task.bench.options : task.group.options);
      const o =
        flags.length && !child
          ? await runIsolated(task, ctx, 'process', flags)
          : isolate
            ? await runIsolated(task, ctx, isolate)
            : await runTaskHere(task, ctx);
      withProcessFlags(o.benchmarks, flags);
      out.benchmarks.push(...o.benchmarks);
      out.groups.push(...o.groups);
    }
  } finally {
    closeRunContext(ctx);
  }
  for (const b of out.benchmarks) if (b.file) b.file = relative(process.cwd(), b.file) || b.file;
  return runEnvelope({
    startedAt,
    mode: 'time',
    tag: options.tag,
    benchmarks: out.benchmarks,
    groups: out.groups,
    complexity: complexityFits(out.benchmarks),
  });
}
