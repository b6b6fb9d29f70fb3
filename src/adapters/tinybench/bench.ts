/**
 * tinybench's `Bench`, measured by the cyclebench engine. Tasks run one after another (never
 * concurrently: concurrent timing disturbs every task measured), each as one engine run.
 */
import type { SamplingOptions } from '../../engine/options.js';
import type { CyclebenchOptions } from '../core/options.js';
import { BenchEvent } from './event.js';
import { now as clockNow, timestampProvider as clockProvider } from './now.js';
import { defaultConverter } from './table.js';
import { Task } from './task.js';
import type {
  BenchLike,
  BenchOptions,
  Concurrency,
  ConsoleTableConverter,
  Fn,
  FnOptions,
  Hook,
  JSRuntime,
  NowFn,
  TaskResult,
  TimestampProvider,
} from './types.js';

const noop: Hook = () => {};

/** A set of tasks, measured by `run()`. */
export class Bench extends EventTarget implements BenchLike {
  readonly name: string | undefined;
  readonly time: number;
  readonly iterations: number;
  readonly warmup: boolean;
  readonly warmupTime: number;
  readonly warmupIterations: number;
  readonly now: NowFn;
  readonly timestampProvider: TimestampProvider;
  readonly setup: Hook;
  readonly teardown: Hook;
  readonly signal: AbortSignal | undefined;
  readonly throws: boolean;
  readonly retainSamples: boolean;
  readonly concurrency: Concurrency;
  readonly threshold: number;
  readonly subtractTimerOverhead: boolean;
  /** tinybench's calibrated timer cost; cyclebench subtracts a whole empty loop instead, so there is none. */
  readonly timerOverhead: number | undefined = undefined;
  readonly runtime: JSRuntime = 'node';
  readonly runtimeVersion: string = process.versions.node;
  /** cyclebench's own options (`{ cyclebench: {...} }`). */
  readonly cyclebenchOptions: CyclebenchOptions | undefined;
  /** Sampling options mapped from tinybench's (`time`, `warmupTime`). */
  readonly sampling: SamplingOptions;
  readonly #tasks = new Map<string, Task>();

  constructor(options: BenchOptions = {}) {
    super();
    this.name = options.name;
    this.time = options.time ?? 1000;
    this.iterations = options.iterations ?? 64;
    this.warmup = options.warmup ?? true;
    this.warmupTime = options.warmupTime ?? 250;
    this.warmupIterations = options.warmupIterations ?? 16;
    this.timestampProvider = providerOf(options);
    this.now =
      options.now ??
      (typeof options.timestampProvider === 'object' ? () => this.timestampProvider.toMs(this.timestampProvider.fn()) : clockNow);
    this.setup = options.setup ?? noop;
    this.teardown = options.teardown ?? noop;
    this.signal = options.signal;
    this.throws = options.throws ?? false;
    this.retainSamples = options.retainSamples ?? false;
    this.concurrency = options.concurrency ?? null;
    this.threshold = options.threshold ?? Infinity;
    this.subtractTimerOverhead = options.subtractTimerOverhead ?? false;
    this.cyclebenchOptions = options.cyclebench;
    // Only what the user set: tinybench's defaults are not better than the engine's.
    this.sampling = {
      ...(options.time !== undefined ? { maxTimeMs: options.time } : {}),
      ...(options.warmupTime !== undefined ? { warmupMs: options.warmupTime } : {}),
    };
    if (this.concurrency !== null)
      process.emitWarning(
        `concurrency '${this.concurrency}' is not supported by cyclebench/tinybench: tasks and calls are measured one at a time`,
        'CyclebenchWarning',
      );
  }

  /** The tasks, in the order added. */
  get tasks(): Task[] {
    return [...this.#tasks.values()];
  }

  /** Every task's result, in the order added. */
  get results(): TaskResult[] {
    return this.tasks.map((t) => t.result);
  }

  /** Adds a task; names must be unique within the bench. */
  add(name: string, fn: Fn, fnOpts: FnOptions = {}): this {
    if (this.#tasks.has(name)) throw new Error(`Task "${name}" already exists`);
    const task = new Task(this, name, fn, fnOpts);
    this.#tasks.set(name, task);
    this.dispatchEvent(new BenchEvent('add', task));
    return this;
  }

  /** The task with this name, if any. */
  getTask(name: string): Task | undefined {
    return this.#tasks.get(name);
  }

  /** Removes a task. */
  remove(name: string): this {
    const task = this.#tasks.get(name);
    if (task) {
      this.#tasks.delete(name);
      this.dispatchEvent(new BenchEvent('remove', task));
    }
    return this;
  }

  /** Clears every task's result. */
  reset(): void {
    for (const t of this.#tasks.values()) t.reset();
    this.dispatchEvent(new BenchEvent('reset'));
  }

  /** Measures every task, one after another; resolves to the tasks. */
  async run(): Promise<Task[]> {
    if (this.warmup) {
      this.dispatchEvent(new BenchEvent('warmup'));
      for (const t of this.#tasks.values()) await t.warmup();
    }
    this.dispatchEvent(new BenchEvent('start'));
    const done: Task[] = [];
    for (const t of this.#tasks.values()) done.push(await t.run());
    this.dispatchEvent(new BenchEvent('complete'));
    return done;
  }

  /** Not supported: cyclebench's engine is asynchronous. Use `await bench.run()`. */
  runSync(): Task[] {
    return this.tasks.map((t) => t.runSync());
  }

  /** The results as `console.table` rows (tinybench's columns unless `convert` is given). */
  table(convert: ConsoleTableConverter = defaultConverter): Record<string, number | string>[] {
    return this.tasks.map(convert);
  }
}

function providerOf(options: BenchOptions): TimestampProvider {
  const p = options.timestampProvider;
  if (typeof p === 'object') return p;
  if (options.now) return { name: 'custom', fn: options.now, toMs: (v) => Number(v), fromMs: (v) => v };
  return clockProvider;
}
