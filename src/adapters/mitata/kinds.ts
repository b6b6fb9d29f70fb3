/**
 * mitata's three kinds of benchmark function, turned into what the engine measures at one argument
 * point. The engine calls the function n times per sample between two clock reads, so:
 * - `fn`: measured as is.
 * - `iter` (`for (const _ of state)`): each engine call iterates once.
 * - `yield` (a generator): the code before `yield` runs untimed, the yielded function is measured,
 *   the code after `yield` runs once measuring is done. Computed parameters (`[0]()`, `[1]()`...)
 *   are evaluated untimed before each sample into a pool holding one value per call: each call gets
 *   a fresh one, as mitata promises. The pool grows to the batch size during warm-up (a call past
 *   its end computes its parameters inline, so that sample is slower, and the next pool is larger).
 */
import type { BenchOptions } from '../../engine/options.js';
import type { BenchFunction, IterState, State, Yielded } from './types.js';

/** mitata's kind of benchmark function: a generator (`yield`), a function taking state (`iter`), or a plain function (`fn`). */
export function kindOf(f: unknown): 'fn' | 'iter' | 'yield' | undefined {
  if (typeof f !== 'function') return undefined;
  const tag = Object.prototype.toString.call(f);
  if (tag === '[object GeneratorFunction]' || tag === '[object AsyncGeneratorFunction]') return 'yield';
  return f.length === 0 ? 'fn' : 'iter';
}

/** What the engine measures at one point, and what to run after. */
export interface Prepared {
  fn: (args: unknown, state: any) => unknown;
  hooks: Pick<BenchOptions<any>, 'setup' | 'teardown'>;
  /** Resumes a generator after its `yield` (mitata requires exactly one yield). */
  finish: () => Promise<void>;
  /** Concurrency asked for by the benchmark (not supported: measured one call at a time). */
  concurrency?: number;
}

const done = async () => {};

function stateOf(args: Record<string, any>): State {
  return { get: (name: string) => args[name] };
}

/** An iteration protocol that yields once per call: one engine iteration is one step of the user's loop. */
function iterState(args: Record<string, any>): IterState {
  const once = () => {
    let given = false;
    return {
      next: () => (given ? { done: true as const, value: undefined } : ((given = true), { done: false as const, value: undefined })),
    };
  };
  return {
    get: (name: string) => args[name],
    [Symbol.iterator]: once,
    [Symbol.asyncIterator]: () => {
      const it = once();
      return { next: async () => it.next() };
    },
  };
}

/** Computed parameters: a pool of argument tuples, filled before each sample, sized from the calls the last sample made. */
function computed(y: Exclude<Yielded, () => any>): Pick<Prepared, 'fn' | 'hooks'> {
  const bench = y.bench;
  const makers: Array<() => any> = [];
  for (let i = 0; i < bench.length; i++) {
    if (typeof y[i] !== 'function') throw new TypeError('expected function for benchmark parameter');
    makers.push(y[i]);
  }
  const tuple = () => makers.map((m) => m());
  let size = 64;
  interface Pool {
    tuples: any[][];
    used: number;
  }
  return {
    fn: (_args, pool: Pool) => bench(...(pool.used < pool.tuples.length ? pool.tuples[pool.used++] : (pool.used++, tuple()))),
    hooks: {
      setup: (): Pool => ({ tuples: Array.from({ length: size }, tuple), used: 0 }),
      teardown: (_args, pool: Pool) => {
        if (pool.used > size) size = Math.ceil(pool.used * 1.25);
      },
    },
  };
}

/** Prepares `f` at the point `args` (running a generator up to its `yield`). */
export async function preparePoint(f: BenchFunction, args: Record<string, any>): Promise<Prepared> {
  const kind = kindOf(f);
  if (kind === 'fn') return { fn: f as () => any, hooks: {}, finish: done };
  if (kind === 'iter') {
    const state = iterState(args);
    const g = f as (s: IterState) => any;
    return { fn: () => g(state), hooks: {}, finish: done };
  }
  const gen = (f as (s: State) => Generator<Yielded> | AsyncGenerator<Yielded>)(stateOf(args));
  const first = await gen.next();
  const finish = async () => {
    if (!(await gen.next()).done) throw new TypeError('expected generator to yield once');
  };
  const y = first.value;
  const concurrency = typeof y === 'object' && y ? y.concurrency : undefined;
  if (typeof y === 'function' && kindOf(y) === 'fn') return { fn: y, hooks: {}, finish, concurrency: concurrency ?? args.concurrency };
  if (first.done || !y || typeof y !== 'object' || typeof y.bench !== 'function')
    throw new TypeError('expected benchmarkable yield from generator');
  if (y.bench.length === 0) return { fn: y.bench, hooks: {}, finish, concurrency: concurrency ?? args.concurrency };
  return { ...computed(y), finish, concurrency: concurrency ?? args.concurrency };
}
