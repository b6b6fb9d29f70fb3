/**
 * The share of the suite one `run` measures when it is part of a CI matrix: `--shard K/N` (this job's
 * shard, planned from the suite and history) or `--ids-from FILE` (the benchmarks a result holds: the
 * base side of a shard measured alike, on the same runner, whatever the base's own plan would be).
 */
import { resolve } from 'node:path';
import { emptyRun } from '../engine/environment.js';
import type { Task } from '../engine/defs.js';
import { matchesFilter } from '../engine/expand.js';
import type { RunOptions } from '../engine/options.js';
import { taskIds } from '../engine/run-task.js';
import { EXIT } from '../compare/exit.js';
import type { CommandIO } from '../report/io.js';
import type { RunResult, ShardInfo } from '../result/types.js';
import { readResult, serializeResult, writeResult } from '../store/files.js';
import { commitTime, gitState } from '../store/git.js';
import type { Store } from '../store/store.js';
import { describeShard, lastDurations, planShard, type ShardSpec } from './shard.js';

/** What this run measures of the suite, and the line that says so. */
export interface Share {
  ids: string[];
  /** Recorded in the result, for `cyclebench merge`. */
  shard?: ShardInfo;
  note: string;
}

/** What choosing a share needs. */
export interface ShareRequest {
  /** The suite's tasks after `--filter`. */
  tasks: Task[];
  filter: RunOptions['filter'];
  shard?: ShardSpec;
  idsFrom?: string;
  store: Store;
  cwd: string;
}

/** The ids a (filtered) task yields: a benchmark's matching points; every point of a filtered group. */
function scopedIds(task: Task, filter: RunOptions['filter']): string[] {
  return task.kind === 'bench' ? taskIds(task).filter((id) => matchesFilter(id, filter)) : taskIds(task);
}

/** This run's share, or undefined when it measures the whole (filtered) suite. */
export async function chooseShare(r: ShareRequest): Promise<Share | undefined> {
  if (r.shard) {
    const tasks = r.tasks.map((t) => ({
      key: `${t.kind}:${t.kind === 'bench' ? t.bench.name : t.group.name}`,
      ids: scopedIds(t, r.filter),
    }));
    // Durations from history before HEAD was committed: every job of one commit then reads the same
    // history, even while other jobs append to a shared store, and so plans the same assignment.
    const before = await commitTime(r.cwd);
    const read = await r.store.readHistory({ ids: tasks.flatMap((t) => t.ids), ...(before ? { before } : {}) });
    const plan = planShard(tasks, lastDurations(read.entries), r.shard);
    return { ids: plan.ids, shard: { index: plan.index, count: plan.count, plan: plan.plan }, note: describeShard(plan, tasks.length) };
  }
  if (r.idsFrom !== undefined) {
    const from = readResult(resolve(r.cwd, r.idsFrom));
    const wanted = new Set(from.benchmarks.map((b) => b.id));
    const suite = r.tasks.flatMap((t) => scopedIds(t, r.filter));
    const ids = suite.filter((id) => wanted.has(id));
    const which = from.shard ? ` (shard ${from.shard.index}/${from.shard.count})` : '';
    return {
      ids,
      shard: from.shard,
      note: `measuring the ${ids.length} of ${wanted.size} benchmarks of ${r.idsFrom}${which} that this suite has${ids.length ? '' : ': nothing to measure, no stored result written'}\n`,
    };
  }
  return undefined;
}

/**
 * A share with nothing to measure: exit 0 and no stored result; the `--json` file is still written
 * (no benchmarks, the shard's plan), so that a merge can tell an empty shard from a lost one.
 */
export async function emptyShare(share: Share, mode: RunResult['mode'], json: string | undefined, io: CommandIO): Promise<number> {
  const result: RunResult = { ...emptyRun(), mode, ...(share.shard ? { shard: share.shard } : {}) };
  const git = await gitState(io.cwd);
  if (git) result.environment = { ...result.environment, git };
  if (json === '-') io.stdout.write(serializeResult(result));
  else if (json) writeResult(resolve(io.cwd, json), result);
  return EXIT.OK;
}
