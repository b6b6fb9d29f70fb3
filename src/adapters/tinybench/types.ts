/**
 * tinybench 6's documented types, written here (the adapter never imports tinybench). Fields keep
 * tinybench's meaning and units (milliseconds, ops/s); see docs/migrating.md for what differs.
 */
import type { SamplingOptions } from '../../engine/options.js';
import type { BenchResult } from '../../result/types.js';
import type { CyclebenchOptions } from '../core/options.js';

/** What hooks, events and table converters see of a task (the `Task` class; an interface so the modules do not import each other). */
export interface TaskLike extends EventTarget {
  readonly name: string;
  readonly result: TaskResult;
  readonly runs: number;
}

/** The task function; its result is kept from the optimiser like any cyclebench benchmark's. */
export type Fn = () => unknown;
/** Phase a hook runs in. cyclebench has one measuring phase, so hooks always see `'run'`. */
export type HookMode = 'run' | 'warmup';
/** Bench-level hook: once per task before (setup) or after (teardown) it is measured. */
export type Hook = (task?: TaskLike, mode?: HookMode) => Promise<void> | void;
/** Task-level hook, called with the task as `this`. */
export type FnHook = (this: TaskLike, mode?: HookMode) => Promise<void> | void;
/** A timestamp function in milliseconds. */
export type NowFn = () => number;
/** A timestamp value. */
export type TimestampValue = number | bigint;
/** Names of timestamp providers. */
export type TimestampFns = 'auto' | 'bunNanoseconds' | 'custom' | 'hrtimeNow' | 'performanceNow';
/** A timestamp provider: a clock and its conversions to and from milliseconds. */
export interface TimestampProvider {
  name: TimestampFns | (string & {});
  fn: () => TimestampValue;
  toMs: (value: TimestampValue) => number;
  fromMs: (value: number) => TimestampValue;
}
/** Concurrency modes; cyclebench measures one call at a time whatever is asked (docs/migrating.md). */
export type Concurrency = 'bench' | 'task' | null;
/** Runtime names (cyclebench runs on Node only). */
export type JSRuntime = 'node' | (string & {});

/** What a task function may return to override its measured duration (ignored here: docs/migrating.md). */
export interface FnReturnedObject {
  overriddenDuration?: number;
  overriddenIterationCost?: number;
}

/** Options of `new Bench()`. */
export interface BenchOptions {
  /**
   * Benchmark name.
   * @default undefined
   */
  name?: string;
  /**
   * Time budget per task in ms: cyclebench's `maxTimeMs`. Sampling usually stops earlier, when the
   * median's 95% CI is within ±1%.
   * @default 1000
   */
  time?: number;
  /**
   * Minimum iterations per task. Accepted, not used: every cyclebench sample is a batch of at least
   * 100 µs, so thousands of iterations run anyway.
   * @default 64
   */
  iterations?: number;
  /**
   * Warm up before measuring. cyclebench always warms up (it calibrates the batch size then), so
   * `false` is accepted and has no effect.
   * @default true
   */
  warmup?: boolean;
  /**
   * Upper bound on warm-up per task in ms: cyclebench's `warmupMs`.
   * @default 250
   */
  warmupTime?: number;
  /**
   * Warm-up iterations. Accepted, not used (warm-up ends when timings settle).
   * @default 16
   */
  warmupIterations?: number;
  /**
   * Timestamp function in ms, exposed as `bench.now` for your own timing. cyclebench measures with
   * its own clock whatever is given.
   * @default the native cycle-counter clock, in ms
   */
  now?: NowFn;
  /**
   * Timestamp provider; as for `now`, exposed and not used for measuring.
   * @default cyclebench's native clock provider
   */
  timestampProvider?: TimestampFns | TimestampProvider;
  /**
   * Called once per task before it is measured, with the task and mode `'run'`.
   * @default a no-op
   */
  setup?: Hook;
  /**
   * Called once per task after it is measured, with the task and mode `'run'`.
   * @default a no-op
   */
  teardown?: Hook;
  /**
   * Aborts every task: a task aborted before it starts is not measured; one aborted while measuring
   * stops at its next sample boundary.
   * @default undefined
   */
  signal?: AbortSignal;
  /**
   * Reject `run()` with the error of the first task that throws (otherwise the task's result is
   * `errored` and the bench goes on).
   * @default false
   */
  throws?: boolean;
  /**
   * Keep the samples in `latency.samples` and `throughput.samples`.
   * @default false
   */
  retainSamples?: boolean;
  /**
   * Concurrency mode. Not supported: tasks and calls are always measured one at a time (a warning
   * says so when another mode is asked).
   * @default null
   */
  concurrency?: Concurrency;
  /**
   * Maximum concurrent iterations for `concurrency: 'task'`; unused.
   * @default Infinity
   */
  threshold?: number;
  /**
   * Subtract the timer's cost from each sample. cyclebench always subtracts the cost of an empty
   * measuring loop, timer reads included, so this is accepted and has no further effect.
   * @default false
   */
  subtractTimerOverhead?: boolean;
  /**
   * cyclebench's own options: result file, tag, sampling overrides.
   * @default {}
   */
  cyclebench?: CyclebenchOptions;
}

/** Options of `bench.add()`. */
export interface FnOptions {
  /** Once before the task is measured (mode `'run'`). @default undefined */
  beforeAll?: FnHook;
  /** Once after the task is measured (mode `'run'`). @default undefined */
  afterAll?: FnHook;
  /**
   * Before each sample, untimed. tinybench calls it before each call; cyclebench times batches of
   * calls, so it runs once per batch (docs/migrating.md).
   * @default undefined
   */
  beforeEach?: FnHook;
  /** After each sample, untimed (see `beforeEach`). @default undefined */
  afterEach?: FnHook;
  /**
   * Whether the function is asynchronous. cyclebench detects it from the first (untimed) call.
   * @default detected
   */
  async?: boolean;
  /** Keep this task's samples, overriding the bench's `retainSamples`. @default the bench's */
  retainSamples?: boolean;
  /** Aborts this task only. @default the bench's signal */
  signal?: AbortSignal;
}

/** Statistics of a task's samples: latency in ms, throughput in ops/s. */
export interface Statistics {
  /** Mean absolute deviation. */
  aad: number;
  /** Two-sided 95% critical value of Student's t for `df`. */
  critical: number;
  df: number;
  /** Median absolute deviation (not normal-scaled). */
  mad: number;
  max: number;
  mean: number;
  min: number;
  /** Margin of error of the mean: critical x sem. */
  moe: number;
  p50: number;
  p75: number;
  p99: number;
  p995: number;
  p999: number;
  /** Relative margin of error in percent. */
  rme: number;
  /** The samples, sorted ascending, when retained. */
  samples: number[] | undefined;
  samplesCount: number;
  sd: number;
  sem: number;
  variance: number;
}

/** Fields every task result has. */
export interface TaskResultRuntimeInfo {
  runtime: JSRuntime;
  runtimeVersion: string;
  timestampProviderName: string;
}

/** The statistics of a measured task. */
export interface TaskResultWithStatistics {
  latency: Statistics;
  throughput: Statistics;
  /** Mean latency in ms (totalTime / samples). */
  period: number;
  /** Sum of the latency samples in ms. */
  totalTime: number;
  /** cyclebench's full result for this task (CI of the median, raw samples, flags, overhead). */
  cyclebench: BenchResult;
}

export type TaskResultNotStarted = { state: 'not-started' };
export type TaskResultStarted = { state: 'started' };
export type TaskResultAborted = { state: 'aborted' };
export type TaskResultErrored = { state: 'errored'; error: Error };
export type TaskResultCompleted = { state: 'completed' } & TaskResultWithStatistics;
/** `aborted-with-statistics` is part of the union for type compatibility; cyclebench never produces it (an aborted task keeps no statistics). */
export type TaskResultAbortedWithStatistics = { state: 'aborted-with-statistics' } & TaskResultWithStatistics;
/** A task's result by state. */
export type TaskResult = (
  TaskResultNotStarted | TaskResultStarted | TaskResultAborted | TaskResultErrored | TaskResultCompleted | TaskResultAbortedWithStatistics
) &
  TaskResultRuntimeInfo;

/** Events of a bench. */
export type BenchEvents = 'abort' | 'add' | 'complete' | 'cycle' | 'error' | 'remove' | 'reset' | 'start' | 'warmup' | 'warning';
/** Events of a task. */
export type TaskEvents = Extract<BenchEvents, 'abort' | 'complete' | 'cycle' | 'error' | 'reset' | 'start' | 'warmup' | 'warning'>;
/** Converts a task to a `console.table` row (a method type, so a converter declared with `(task: Task)` fits). */
export type ConsoleTableConverter = { convert(task: TaskLike): Record<string, number | string> }['convert'];

/** What a task reads of its bench (tinybench's `BenchLike`: `Bench` and `Task` do not import each other). */
export interface BenchLike extends EventTarget {
  readonly runtime: JSRuntime;
  readonly runtimeVersion: string;
  readonly timestampProvider: TimestampProvider;
  readonly setup: Hook;
  readonly teardown: Hook;
  readonly signal: AbortSignal | undefined;
  readonly throws: boolean;
  readonly retainSamples: boolean;
  /** Sampling options mapped from the bench's options. */
  readonly sampling: SamplingOptions;
  readonly cyclebenchOptions: CyclebenchOptions | undefined;
}
