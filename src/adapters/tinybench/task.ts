/**
 * tinybench's `Task`, measured by the cyclebench engine: one engine run per `run()`, whose corrected
 * per-iteration samples fill `result.latency` and `result.throughput`.
 */
import { CycleBenchError } from '../../errors.js';
import type { BenchResult } from '../../result/types.js';
import { measureUnit, whyNoSamples } from '../core/measure.js';
import { engineName } from '../core/names.js';
import { resolveAdapterSampling, resultTag } from '../core/options.js';
import { claimName, record } from '../core/result-file.js';
import { BenchEvent } from './event.js';
import { taskStatistics } from './statistics.js';
import type { BenchEvents, BenchLike, Fn, FnOptions, TaskLike, TaskResult } from './types.js';

/** Thrown between samples when the task's signal has aborted; recognised after the run. */
class AbortedError extends Error {
  override name = 'AbortError';
}

/** Rebuilds an Error from the engine's serialised one (the engine records errors instead of throwing). */
function toError(e: NonNullable<BenchResult['error']>): Error {
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}

/** A benchmark task: a name, a function and its options, and the result of its last run. */
export class Task extends EventTarget implements TaskLike {
  #result: TaskResult;
  #runs = 0;

  constructor(
    readonly bench: BenchLike,
    readonly name: string,
    readonly fn: Fn,
    readonly fnOpts: FnOptions = {},
  ) {
    super();
    this.#result = this.#stamp({ state: 'not-started' });
  }

  /** The result of the last run, by state. */
  get result(): TaskResult {
    return this.#result;
  }

  /** Samples taken in the last run. */
  get runs(): number {
    return this.#runs;
  }

  /**
   * tinybench's estimate of its timer's resolution from repeated samples. cyclebench's samples are
   * batches of at least 100 µs, far above any timer's resolution, so there is nothing to estimate.
   */
  get detectedResolution(): number | undefined {
    return undefined;
  }

  #stamp<T extends object>(r: T): T & Pick<TaskResult, 'runtime' | 'runtimeVersion' | 'timestampProviderName'> {
    return {
      ...r,
      runtime: this.bench.runtime,
      runtimeVersion: this.bench.runtimeVersion,
      timestampProviderName: this.bench.timestampProvider.name,
    };
  }

  #emit(type: BenchEvents, error?: Error, toBench = true): void {
    this.dispatchEvent(new BenchEvent(type, this, error));
    if (toBench) this.bench.dispatchEvent(new BenchEvent(type, this, error));
  }

  /** Clears the result (back to `not-started`). */
  reset(emit = true): void {
    this.#runs = 0;
    this.#result = this.#stamp({ state: 'not-started' });
    if (emit) this.dispatchEvent(new BenchEvent('reset', this));
  }

  /**
   * Announces the warm-up. cyclebench warms up inside `run()` (it calibrates the batch size then),
   * so nothing is measured here.
   */
  async warmup(): Promise<void> {
    this.dispatchEvent(new BenchEvent('warmup', this));
  }

  /** Not supported: cyclebench's engine is asynchronous. Use `await task.run()`. */
  warmupSync(): void {
    throw new CycleBenchError(
      'E_USAGE',
      'cyclebench/tinybench: warmupSync() is not supported (the engine is asynchronous); use `await task.warmup()`.',
    );
  }

  /** Not supported: cyclebench's engine is asynchronous. Use `await task.run()`. */
  runSync(): this {
    throw new CycleBenchError(
      'E_USAGE',
      'cyclebench/tinybench: runSync() is not supported (the engine is asynchronous); use `await bench.run()` or `await task.run()`.',
    );
  }

  /** The name in the result file (subclasses may qualify it, e.g. with a vitest suite path). */
  protected resultName(): string {
    return this.name;
  }

  /** Measures the task with the cyclebench engine and stores the result. Rejects only when the bench `throws`. */
  async run(): Promise<this> {
    const signal = this.fnOpts.signal ?? this.bench.signal;
    const onAbort = () => {
      this.#emit('abort');
    };
    if (signal?.aborted) {
      this.#result = this.#stamp({ state: 'aborted' });
      onAbort();
      return this.#finish();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    this.#result = this.#stamp({ state: 'started' });
    this.#emit('start', undefined, false);
    try {
      const run = await measureUnit(
        {
          kind: 'bench',
          bench: { name: claimName(engineName(this.resultName())), fn: this.fn.bind(this), options: this.#engineOptions(signal) },
        },
        {
          ...resolveAdapterSampling(this.bench.sampling, this.bench.cyclebenchOptions),
          tag: resultTag(this.bench.cyclebenchOptions),
        },
      );
      await record(run, this.bench.cyclebenchOptions);
      this.#settle(run.benchmarks[0], signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    return this.#finish();
  }

  /** The engine's hooks: bench setup/teardown and beforeAll/afterAll once, beforeEach/afterEach and the abort check per sample. */
  #engineOptions(signal: AbortSignal | undefined) {
    const o = this.fnOpts;
    const b = this.bench;
    return {
      before: async () => {
        await b.setup(this, 'run');
        await o.beforeAll?.call(this, 'run');
      },
      after: async () => {
        await o.afterAll?.call(this, 'run');
        await b.teardown(this, 'run');
      },
      setup: async () => {
        if (signal?.aborted) throw new AbortedError('aborted');
        await o.beforeEach?.call(this, 'run');
      },
      teardown: o.afterEach ? async () => o.afterEach!.call(this, 'run') : undefined,
    };
  }

  #settle(b: BenchResult | undefined, signal: AbortSignal | undefined): void {
    if (b?.status === 'ok' && b.samples?.length) {
      this.#runs = b.samples.length;
      this.#result = this.#stamp({
        state: 'completed' as const,
        ...taskStatistics(b, this.fnOpts.retainSamples ?? this.bench.retainSamples),
      });
      return;
    }
    if (signal?.aborted) {
      this.#result = this.#stamp({ state: 'aborted' });
      return;
    }
    const error = toError(b?.error ?? { name: 'Error', message: whyNoSamples(this.name, b) });
    this.#result = this.#stamp({ state: 'errored', error });
    this.#emit('error', error);
    if (this.bench.throws) throw error;
  }

  #finish(): this {
    this.#emit('cycle');
    this.dispatchEvent(new BenchEvent('complete', this));
    return this;
  }
}
