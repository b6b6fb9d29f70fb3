/**
 * `run --shard K/N`: which share of the suite this job measures, so that N jobs of a CI matrix cover
 * it once. The unit is the top-level task (a group stays together: its contenders are sampled
 * interleaved). Tasks are balanced by the last known wall time of their benchmarks in history, else
 * by their number of benchmarks, with the longest-first greedy rule: deterministic, so every job
 * computes the same assignment from the same suite, filter and history.
 */
import { createHash } from 'node:crypto';
import { CycleBenchError } from '../errors.js';
import type { HistoryEntry } from '../store/history-file.js';
import type { ShardInfo } from '../result/types.js';

/** K/N as given to `--shard`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Parses `--shard K/N`: whole numbers, 1 <= K <= N <= 1000. */
export function parseShard(text: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 1000 || index < 1 || index > count)
    throw new CycleBenchError(
      'E_USAGE',
      `--shard takes K/N with whole numbers 1 <= K <= N <= 1000 (shard K of N, such as 2/4), got '${text}'.`,
    );
  return { index, count };
}

/** A task to place: a stable key (its kind and name) and the benchmark ids it yields. */
export interface ShardTask {
  key: string;
  ids: string[];
}

/** One shard's share, and how it was chosen. */
export interface ShardPlan extends ShardInfo {
  /** Indices (into the tasks given) of this shard's tasks, in suite order. */
  tasks: number[];
  /** The benchmark ids this shard measures. */
  ids: string[];
  /** `durations`: by last known wall time (unknown ones count as the median known); `count`: by number of benchmarks. */
  basis: 'durations' | 'count';
  /** Benchmarks (of all shards) with a known duration, and all of them. */
  known: number;
  total: number;
  /** This shard's estimated weight and the whole suite's (ms with `durations`, benchmarks with `count`). */
  weight: number;
  suiteWeight: number;
}

/** The wall time (ms) of each benchmark in its latest run of `entries` that recorded one. */
export function lastDurations(entries: readonly HistoryEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) for (const b of e.benchmarks) if (typeof b.wallMs === 'number' && b.wallMs > 0) out.set(b.id, b.wallMs);
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Assigns `tasks` to `spec.count` shards and returns shard `spec.index`'s share. */
export function planShard(tasks: readonly ShardTask[], durations: ReadonlyMap<string, number>, spec: ShardSpec): ShardPlan {
  const ids = tasks.flatMap((t) => t.ids);
  const known = ids.filter((id) => durations.has(id)).length;
  const basis = known > 0 ? 'durations' : 'count';
  const fill = known > 0 ? median(ids.flatMap((id) => (durations.has(id) ? [durations.get(id)!] : []))) : 1;
  const weights = tasks.map((t) => t.ids.reduce((sum, id) => sum + (basis === 'durations' ? (durations.get(id) ?? fill) : 1), 0));
  // Longest first, each onto the lightest shard; ties by suite order and by shard number.
  const order = tasks.map((_, i) => i).sort((a, b) => weights[b] - weights[a] || a - b);
  const load = new Array<number>(spec.count).fill(0);
  const shardOf = new Array<number>(tasks.length);
  for (const i of order) {
    let best = 0;
    for (let s = 1; s < spec.count; s++) if (load[s] < load[best]) best = s;
    shardOf[i] = best;
    load[best] += weights[i];
  }
  const mine = tasks.map((_, i) => i).filter((i) => shardOf[i] === spec.index - 1);
  const assignment = Array.from({ length: spec.count }, (_, s) => tasks.filter((_, i) => shardOf[i] === s).map((t) => t.key));
  const plan = createHash('sha256').update(JSON.stringify(assignment)).digest('hex').slice(0, 16);
  return {
    index: spec.index,
    count: spec.count,
    plan,
    tasks: mine,
    ids: mine.flatMap((i) => tasks[i].ids),
    basis,
    known,
    total: ids.length,
    weight: load[spec.index - 1],
    suiteWeight: load.reduce((a, b) => a + b, 0),
  };
}

/** One line saying what this shard measures and why. */
export function describeShard(p: ShardPlan, taskCount: number): string {
  const share =
    p.basis === 'durations'
      ? `balanced by last known durations (${p.known} of ${p.total} benchmarks known in history): about ${(p.weight / 1000).toFixed(1)} s of ${(p.suiteWeight / 1000).toFixed(1)} s`
      : `balanced by count (no durations in history)`;
  if (!p.ids.length)
    return `shard ${p.index}/${p.count}: no benchmarks in this shard (the suite has ${taskCount} task(s) for ${p.count} shards); nothing to measure, no stored result written\n`;
  return `shard ${p.index}/${p.count}: ${p.tasks.length} of ${taskCount} task(s), ${p.ids.length} of ${p.total} benchmarks, ${share} [plan ${p.plan}]\n`;
}
