/**
 * `--processes N`: every benchmark measured in N fresh processes, one after another, each starting
 * the task list at a different place (so no benchmark always runs first, warm or cold), pooled with
 * the process as the unit (see engine/pool.ts).
 */
import { poolProcessRuns } from '../engine/pool.js';
import type { RunResult } from '../result/types.js';
import type { OutStream } from '../report/io.js';
import { measureInFreshProcess, type RerunPlan } from './rerun.js';

/** The environment variable that tells a child which task to start with. */
export const ROTATE_ENV = 'CYCLEBENCH_ROTATE';

/** Rotates `tasks` in place by the child's offset, when it is one of several processes. */
export function rotateForProcess<T>(tasks: T[], env: Record<string, string | undefined>): void {
  const k = Number(env[ROTATE_ENV] ?? 0);
  if (!(k > 0) || tasks.length < 2) return;
  tasks.push(...tasks.splice(0, k % tasks.length));
}

/** Measures in `n` fresh processes and pools them; `order` is the ids in registration order. */
export async function measureInProcesses(
  n: number,
  plan: RerunPlan,
  filterArgs: string[],
  order: readonly string[],
  progress?: OutStream,
): Promise<RunResult> {
  const runs: RunResult[] = [];
  for (let k = 0; k < n; k++) {
    const started = performance.now();
    runs.push(await measureInFreshProcess(plan, filterArgs, `process ${k + 1} of ${n}`, { [ROTATE_ENV]: String(k) }));
    progress?.write(`process ${k + 1}/${n} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return poolProcessRuns(runs, order);
}
