/**
 * Measuring loops, generated per benchmark with `new Function` so each has its own call site and
 * type feedback: the call of the benchmark stays monomorphic and can be inlined. The clock is read
 * only at the loop's boundaries; every result is stored to a sink so it cannot be dropped as dead.
 */

/** Where loops store results; read by nobody, so the optimiser must keep every value. */
export interface Sink {
  v: unknown;
}

/** Optional per-sample reads at the same boundaries as the clock (counters). */
export interface BoundaryReader {
  before(): void;
  after(): void;
}

/** A sync measuring loop: returns elapsed clock ticks for n calls. */
export type SyncLoop = (
  fn: Function,
  args: unknown,
  state: unknown,
  n: number,
  now: () => number,
  sink: Sink,
  reader?: BoundaryReader,
) => number;
/** An async measuring loop: every promise is awaited before the next call starts. */
export type AsyncLoop = (
  fn: Function,
  args: unknown,
  state: unknown,
  n: number,
  now: () => number,
  sink: Sink,
  reader?: BoundaryReader,
) => Promise<number>;

let serial = 0;

function source(isAsync: boolean, withReader: boolean, label: string): string {
  const name = `cyclebench_${label.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)}_${serial++}`;
  const call = isAsync ? 'await fn(args, state)' : 'fn(args, state)';
  return `'use strict';
return ${isAsync ? 'async ' : ''}function ${name}(fn, args, state, n, now, sink, reader) {
  ${withReader ? 'reader.before();' : ''}
  const t0 = now();
  for (let i = 0; i < n; i++) sink.v = ${call};
  const t1 = now();
  ${withReader ? 'reader.after();' : ''}
  return t1 - t0;
};`;
}

/** Generates a fresh sync loop for one benchmark. */
export function makeSyncLoop(label: string, withReader = false): SyncLoop {
  return new Function(source(false, withReader, label))() as SyncLoop;
}

/** Generates a fresh async loop for one benchmark. */
export function makeAsyncLoop(label: string, withReader = false): AsyncLoop {
  return new Function(source(true, withReader, label))() as AsyncLoop;
}

/** Where doNotOptimize stores values: a heap object the optimiser cannot see is never read. */
const kept: Sink = { v: undefined };

/**
 * Keeps a value alive so the optimiser cannot remove the computation that produced it.
 * Returns the value unchanged.
 */
export function doNotOptimize<T>(value: T): T {
  kept.v = value;
  return value;
}

/** True for anything with a callable `then`. */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}
