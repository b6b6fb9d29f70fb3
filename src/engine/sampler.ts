import { createRng, detectStates, median } from '../stats/index.js';
import { getHeapStatistics } from 'node:v8';
import type { Clock } from '../clock/index.js';
import type { CounterSet } from '../counters/set.js';
import type { CounterValue } from '../result/types.js';
import { CycleBenchError } from '../errors.js';
import type { Args, Sampling } from './options.js';
import type { BenchDef } from './defs.js';
import { medianHalfWidth } from './stopping.js';
import { benchLimit, emptyWarmupMs, type TimeLimit } from './limits.js';
import { provenDead } from './dead-code.js';
import { isThenable, makeAsyncLoop, makeSyncLoop, type AsyncLoop, type BoundaryReader, type Sink, type SyncLoop } from './loop.js';

/** Deterministic per-benchmark jitter source, seeded by the id's FNV-1a hash, so runs reproduce their iteration counts. */
function jitterSource(id: string): () => number {
  let seed = 2166136261;
  for (let i = 0; i < id.length; i++) seed = Math.imul(seed ^ id.charCodeAt(i), 16777619);
  const rng = createRng(seed >>> 0);
  return () => rng.random();
}

const noop = function () {};
const asyncNoop = async function () {};

/** Relative spread of iteration counts around the calibrated count, against aliasing with periodic noise. */
export const JITTER = 0.05;

/** The callgrind label of a benchmark's empty-loop window. */
export function emptyLabel(label: string): string {
  return `${label} [empty loop]`;
}

/** Settled: the median of the last 5 timings is within 2% of the median of the 5 before. */
export function settled(history: readonly number[]): boolean {
  if (history.length < 10) return false;
  return Math.abs(median(history.slice(-5)) / median(history.slice(-10, -5)) - 1) < 0.02;
}

/** Levels this far apart are a JIT tier change, not the machine (machine states were at most 2.3x; docs/tiering.md). */
export const TIER_CHANGE_RATIO = 2.5;

/** How much longer warm-up goes on when the code got slower after it was fast (docs/tiering.md). */
export const TIER_WARMUP_MS = 1000;

/**
 * The fastest per-call time in a warm-up history (ns, calibrated batches), when the latest level
 * (median of the last 3 batches) is TIER_CHANGE_RATIO or more above it; undefined when the code did
 * not get slower after it was fast. Getting faster is what warm-up is for, and is not reported. One
 * batch is enough: the fast phase of issue 20's loop on Node 26 (calls 11-450) fills only one or two
 * batches, and noise makes a batch slower, never 2.5x faster.
 */
export function tierDrop(history: readonly number[]): number | undefined {
  if (history.length < 4) return undefined;
  const latest = median(history.slice(-3));
  const fastest = Math.min(...history.slice(0, -3));
  return latest >= TIER_CHANGE_RATIO * fastest ? fastest : undefined;
}

/** Minimum warm-up, in ms, before timings may be judged settled. */
export const MIN_WARMUP_MS = 30;

/**
 * One benchmark at one argument point: calibrates its batch size, warms up until timings settle,
 * takes samples (per-iteration ns, raw) and interleaved empty-loop samples for overhead subtraction.
 */
export class Contender {
  readonly raw: number[] = [];
  readonly iterations: number[] = [];
  readonly empty: number[] = [];
  /** performance.now() at the start and end of each sample, for matching GC events. */
  readonly windows: number[] = [];
  isAsync = false;
  /** Calibrated iterations per sample. */
  n = 1;
  warmupSettled = false;
  /**
   * The fastest level (ns per call, median of 3 batches) warm-up saw, when warm-up ended TIER_CHANGE_RATIO
   * or more above it: the code got slower after it was fast, a tier change before sampling (on Node
   * 24+, Maglev code replacing TurboFan's; docs/tiering.md). Undefined otherwise.
   */
  warmupFastNs: number | undefined;
  error: Error | undefined;
  firstOutput: unknown;
  startedAt = 0;
  samplingStartedAt = 0;
  wallMs = 0;
  reader: BoundaryReader | undefined;
  /** Per-iteration counter values of each sample, and of each empty-loop sample. */
  readonly counterSamples: Record<string, CounterValue>[] = [];
  readonly counterEmpty: Record<string, CounterValue>[] = [];
  private counterSet: CounterSet | undefined;
  private counterBefore = new Float64Array(0);
  private counterNow = new Float64Array(0);
  private loop!: SyncLoop | AsyncLoop;
  private emptyLoop!: SyncLoop | AsyncLoop;
  private readonly sink: Sink = { v: undefined };
  private readonly jitter: () => number;
  private readonly targetNs: number;
  private limit: TimeLimit | undefined;

  constructor(
    readonly id: string,
    readonly def: BenchDef,
    readonly args: Args,
    readonly sampling: Sampling,
    readonly clock: Clock,
    clockResolutionNs: number,
    readonly group?: string,
    /** Contenders of its group point (its allowance covers all their warm-ups and budgets) and the run's deadline. */
    private readonly limits: { contenders?: number; deadline?: number } = {},
  ) {
    this.jitter = jitterSource(id);
    this.targetNs = Math.max(sampling.minSampleNs, 1000 * clockResolutionNs);
  }

  /**
   * Reads `set` at the loop's boundaries, outside the clock reads. One buffer stays bound to the
   * native reader (rebinding costs a call); the reading before the loop is copied aside.
   */
  useCounters(set: CounterSet): void {
    this.counterSet = set;
    this.counterBefore = new Float64Array(set.length);
    this.counterNow = new Float64Array(set.length);
    const before = this.counterBefore;
    const now = this.counterNow;
    this.reader = {
      before: () => {
        set.readInto(now);
        before.set(now);
      },
      after: () => set.readInto(now),
    };
  }

  private recordCounters(into: Record<string, CounterValue>[], n: number): void {
    if (this.counterSet) into.push(this.counterSet.perIteration(this.counterBefore, this.counterNow, n));
  }

  get name(): string {
    return this.def.name;
  }

  private async setupState(): Promise<unknown> {
    const setup = this.def.options.setup;
    return setup ? await setup(this.args) : undefined;
  }

  private async teardownState(state: unknown): Promise<void> {
    await this.def.options.teardown?.(this.args, state);
  }

  /** Runs the `before` hook and one untimed call (to learn sync/async and keep the output). */
  async prepare(): Promise<void> {
    this.startedAt = performance.now();
    this.limit = benchLimit(this.id, this.sampling, this.limits.contenders ?? 1, this.limits.deadline);
    await this.def.options.before?.(this.args);
    const state = await this.setupState();
    let out = this.def.fn(this.args, state);
    if (isThenable(out)) {
      this.isAsync = true;
      out = await this.withTimeout(out);
    }
    this.firstOutput = out;
    await this.teardownState(state);
    const label = `${this.group ? this.group + '_' : ''}${this.def.name}`;
    const withReader = this.reader !== undefined;
    this.loop = this.isAsync ? makeAsyncLoop(label, withReader) : makeSyncLoop(label, withReader);
    this.emptyLoop = this.isAsync ? makeAsyncLoop(label + '_empty', withReader) : makeSyncLoop(label + '_empty', withReader);
  }

  private withTimeout<T>(p: PromiseLike<T>): Promise<T> {
    const limit = this.limit!;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(limit.error()), Math.max(0, limit.at - performance.now()));
    });
    return Promise.race([Promise.resolve(p), timeout]).finally(() => clearTimeout(timer));
  }

  private checkTimeout(): void {
    if (this.limit && performance.now() > this.limit.at) throw this.limit.error();
  }

  /** Time of n calls in ns (the loop's own reads included; subtracted later via the empty loop). */
  private async time(loop: SyncLoop | AsyncLoop, fn: Function, n: number, state: unknown): Promise<number> {
    const r = loop(fn, this.args, state, n, this.clock.now, this.sink, this.reader);
    const ticks = this.isAsync ? await this.withTimeout(r as Promise<number>) : (r as number);
    return ticks * this.clock.nsPerTick;
  }

  /** Calibrates the batch size while warming up, until per-iteration timings settle or the bound passes. */
  async warmup(): Promise<void> {
    const start = performance.now();
    let deadline = start + this.sampling.warmupMs;
    let extended = false;
    // Stable timings alone do not prove the optimising tier is reached (an interpreted loop is
    // stable too), so warm-up also lasts a minimum time.
    const minEnd = start + Math.min(MIN_WARMUP_MS, this.sampling.warmupMs);
    const history: number[] = [];
    const early: number[] = [];
    let n = 1;
    for (;;) {
      this.checkTimeout();
      const state = await this.setupState();
      const ns = await this.time(this.loop, this.def.fn, n, state);
      await this.teardownState(state);
      const per = ns / n;
      // Calibration batches of 16 calls or more count for the fastest level too: the fast phase of
      // issue 20's loop (Node 24/26, calls 11-450) can end before calibration does.
      if (ns < this.targetNs && n >= 16) early.push(per);
      if (ns < this.targetNs && performance.now() < deadline) {
        n = Math.min(n * 16, Math.ceil((n * this.targetNs * 1.1) / Math.max(ns, 1)));
        continue;
      }
      history.push(per);
      n = Math.max(1, Math.round(this.targetNs / Math.max(per, 1e-3)));
      // Code that was fast and is now 2.5x slower is still changing tier: keep warming up (once, up to
      // TIER_WARMUP_MS more) while it is, in case it comes back to the faster code.
      const drop = tierDrop([...early, ...history]);
      if (drop !== undefined && !extended && this.sampling.warmupMs > 0) {
        extended = true;
        deadline = Math.max(deadline, performance.now() + TIER_WARMUP_MS);
      }
      if (performance.now() >= minEnd && settled(history) && drop === undefined) {
        this.warmupSettled = true;
        break;
      }
      if (performance.now() >= deadline) {
        if (drop === undefined && settled(history)) this.warmupSettled = true;
        break;
      }
    }
    this.warmupFastNs = tierDrop([...early, ...history]);
    this.n = this.sampling.callsPerSample ?? n;
    await this.settleEmptyLoop(this.n);
    this.samplingStartedAt = performance.now();
  }

  /**
   * Warms the empty loop at the same batch size until its timings settle too, so that the overhead
   * subtracted is that of optimised code, as the benchmark's loop is by now.
   */
  private async settleEmptyLoop(n: number): Promise<void> {
    const emptyFn = this.isAsync ? asyncNoop : noop;
    // V8 tiers a function up after enough executed bytecode, not after a settled-looking streak:
    // an interpreted loop is stable too. So run it for a minimum time first (it is cheap), then
    // until stable. Measured: at 12 iterations per call the empty loop needs ~1000 calls.
    const start = performance.now();
    const minEnd = start + Math.min(MIN_WARMUP_MS, this.sampling.warmupMs);
    const deadline = start + emptyWarmupMs(this.sampling.warmupMs);
    const history: number[] = [];
    for (;;) {
      history.push((await this.time(this.emptyLoop, emptyFn, n, undefined)) / n);
      const now = performance.now();
      if (now >= deadline) break;
      if (now >= minEnd && settled(history)) break;
      if (history.length > 64) history.splice(0, history.length - 10);
    }
  }

  /** Takes one sample (and, every third sample, one empty-loop sample). */
  async sample(gc?: () => void): Promise<void> {
    this.checkTimeout();
    const n = this.sampling.callsPerSample ?? Math.max(1, Math.round(this.n * (1 + (this.jitter() - 0.5) * 2 * JITTER)));
    const state = await this.setupState();
    gc?.();
    const w0 = performance.now();
    const ns = await this.time(this.loop, this.def.fn, n, state);
    const w1 = performance.now();
    await this.teardownState(state);
    this.recordCounters(this.counterSamples, n);
    this.raw.push(ns / n);
    this.recalibrate(ns);
    this.iterations.push(n);
    this.windows.push(w0, w1);
    if (this.empty.length < 15 || this.raw.length % 3 === 0) {
      const emptyNs = await this.time(this.emptyLoop, this.isAsync ? asyncNoop : noop, n, undefined);
      this.recordCounters(this.counterEmpty, n);
      this.empty.push(emptyNs / n);
    }
  }

  private readonly recentNs: number[] = [];

  /**
   * Re-sizes batches when code sped up or slowed down after warm-up (late tier-up, deopt), judged
   * on the median of the last 8 sample durations: one preempted sample must not shrink the batch.
   */
  private recalibrate(ns: number): void {
    if (this.sampling.callsPerSample) return; // fixed by the user
    this.recentNs.push(ns);
    if (this.recentNs.length < 8) return;
    const typical = median(this.recentNs);
    this.recentNs.length = 0;
    if (typical < this.targetNs / 2 || typical > this.targetNs * 4)
      this.n = Math.max(1, Math.round((this.targetNs * this.n) / Math.max(typical, 1)));
  }

  /**
   * A warm-up of a fixed number of calls, for instruction-count mode: a time-based warm-up runs a
   * different number of calls on every run (all the more under valgrind), which can leave V8's
   * tiering in a different state and change the count.
   */
  async warmupCalls(calls: number, iterations: number): Promise<void> {
    const rounds = Math.max(1, Math.ceil(calls / iterations));
    for (let r = 0; r < rounds; r++) {
      const state = await this.setupState();
      await this.time(this.loop, this.def.fn, iterations, state);
      await this.teardownState(state);
      await this.time(this.emptyLoop, this.isAsync ? asyncNoop : noop, iterations, undefined);
    }
    this.n = iterations;
    this.warmupSettled = true;
  }

  /**
   * Instruction-count mode: counts `iterations` calls of the warmed loop, then of the warmed empty
   * loop, each in its own labelled window (`measure` is measureInstructions).
   */
  async countInstructions(
    iterations: number,
    label: string,
    measure: (label: string, loop: SyncLoop, ...args: Parameters<SyncLoop>) => void,
  ): Promise<void> {
    if (this.isAsync) throw new CycleBenchError('E_BAD_ARGUMENT', 'instruction-count mode measures synchronous benchmarks only');
    const state = await this.setupState();
    measure(label, this.loop as SyncLoop, this.def.fn, this.args, state, iterations, this.clock.now, this.sink, this.reader);
    await this.teardownState(state);
    measure(emptyLabel(label), this.emptyLoop as SyncLoop, noop, this.args, undefined, iterations, this.clock.now, this.sink, this.reader);
  }

  /** Approximate heap bytes allocated per call, from used-heap growth over a batch with no GC in it. */
  async heapBytesPerIteration(): Promise<number | undefined> {
    if (this.isAsync) return undefined;
    const gc = (globalThis as { gc?: () => void }).gc;
    let k = Math.min(this.n, 10_000);
    for (let attempt = 0; attempt < 4 && k >= 1; attempt++, k = Math.floor(k / 4)) {
      const state = await this.setupState();
      gc?.();
      const h0 = getHeapStatistics().used_heap_size;
      (this.loop as SyncLoop)(this.def.fn, this.args, state, k, this.clock.now, this.sink, this.reader);
      const h1 = getHeapStatistics().used_heap_size;
      await this.teardownState(state);
      if (h1 >= h0) return (h1 - h0) / k;
    }
    return undefined;
  }

  /** False while the samples hold more than one performance state (stats' detectStates). */
  steady(): boolean {
    return detectStates(this.raw).verdict !== 'states';
  }

  /** Relative CI half-width of the median after subtracting the empty loop's median (the stop rule's measure). */
  correctedHalfWidth(): number {
    const overhead = this.empty.length ? median(this.empty) : 0;
    return medianHalfWidth(this.raw.map((x) => x - overhead));
  }

  /** Shown indistinguishable from its empty loop, so more samples would only refine noise around 0. */
  provenDead(): boolean {
    return provenDead(this.raw, this.empty);
  }

  /** Runs the `after` hook once sampling is over. */
  async finish(): Promise<void> {
    this.wallMs = performance.now() - this.startedAt;
    await this.def.options.after?.(this.args);
  }
}
