/**
 * The engine's shared shapes: what registration produces (benchmark and group definitions, tasks),
 * what running a task needs and yields, and the messages between a parent and an isolated child.
 * Every engine module imports these from here, so no two engine modules import each other for types.
 */
import type { Clock } from '../clock/index.js';
import type { CounterSet } from '../counters/set.js';
import type { BenchResult, GroupComparison } from '../result/types.js';
import type { FaultWatch } from './faults.js';
import type { GcWatch } from './gc.js';
import type { BenchFn, BenchOptions, GroupOptions, ProgressEvent, RunOptions } from './options.js';

/** A registered benchmark. */
export interface BenchDef {
  name: string;
  fn: BenchFn<any>;
  options: BenchOptions<any>;
  /** The file that registered it, when loaded by the CLI or a child. */
  file?: string;
}

/** A registered group of contenders. */
export interface GroupDef {
  name: string;
  options: GroupOptions;
  benches: BenchDef[];
  file?: string;
}

/** What a suite holds at top level, in registration order. */
export type Task = { kind: 'bench'; bench: BenchDef } | { kind: 'group'; group: GroupDef };

/** Everything a task needs while running. */
export interface RunContext {
  options: RunOptions;
  clock: Clock;
  resolutionNs: number;
  gc: GcWatch;
  progress: (e: ProgressEvent) => void;
  /** Index of the next benchmark, for progress. */
  index: number;
  total: number;
  /** The run's counter set, when counters were asked for and the addon is loaded. */
  counters?: CounterSet | null;
  /** Attributes rejections, process.exit calls and leaked resources to the benchmark running. */
  faults: FaultWatch;
  /** Told the ids whose code is about to run (an isolated child reports them, so a kill is attributed). */
  running?: (ids: string[]) => void;
}

/** What running one top-level task yields. */
export interface TaskOutcome {
  benchmarks: BenchResult[];
  groups: GroupComparison[];
}

/** Where a task resumes: from this argument point, without these ids (already recorded by the parent). */
export interface Resume {
  point: number;
  exclude: string[];
}

/** What an isolated child is told: which file to import, which top-level task to run, from where. */
export interface ChildRequest {
  file: string;
  kind: Task['kind'];
  name: string;
  options: Omit<RunOptions, 'onProgress' | 'filter'> & { filter?: string };
  index: number;
  total: number;
  resume: Resume;
}

/**
 * What an isolated child sends back: progress, the ids about to run, each argument point's outcome
 * as soon as it has it (so a later kill loses nothing measured), then `end`.
 */
export type ChildMessage =
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'running'; ids: string[] }
  | { type: 'point'; point: number; outcome: TaskOutcome }
  | { type: 'end' }
  | { type: 'error'; message: string; stack?: string };

/** Set in isolated children, so that a child never isolates again (nor intercepts process.exit). */
export const CHILD_ENV = 'CYCLEBENCH_ISOLATED_CHILD';

/** The name of a group's baseline contender: the one named in its options, else its first. */
export function groupBaseline(group: GroupDef): string {
  return group.options.baseline ?? group.benches[0].name;
}

/** Why a benchmark is skipped by its own options, or undefined when it is not. */
export function skipReason(def: BenchDef): string | undefined {
  const s = def.options.skip;
  if (s) return typeof s === 'string' ? s : 'skipped by its options';
  return undefined;
}

/** A filter as text a child can receive: a RegExp becomes `/source/flags`, which matchesFilter reads back. */
export function serializeFilter(filter: RunOptions['filter']): string | undefined {
  return filter instanceof RegExp ? `/${filter.source}/${filter.flags}` : filter;
}
