/**
 * mitata's declaration scopes. `bench()` adds to the current collection; `group`, `summary`,
 * `barplot`, `boxplot` and `lineplot` open a new collection for their callback (sync or async) and a
 * fresh one after it, as mitata does, so benchmarks declared after a nested scope are not part of it.
 * The plot scopes draw nothing here: they only delimit collections (docs/migrating.md).
 */
import { B } from './builder.js';
import type { BenchFunction, Gen, IterState, Layout, State } from './types.js';

/** A run of consecutive `bench()` calls in one scope. */
export interface Collection extends Layout {
  id: number;
  trials: B[];
}

let collections: Collection[] = [];
let compactDepth = 0;
reset();

/** Forgets every declaration (after `run()`). */
export function reset(): void {
  collections = [{ id: 0, name: null, types: [], trials: [] }];
}

/** The declarations so far. */
export function declared(): readonly Collection[] {
  return collections;
}

function scope(f: () => unknown, type: string, name: string | null = null): void | Promise<void> {
  const outer = collections[collections.length - 1];
  collections.push({ id: collections.length, name: name ?? outer.name, types: [type, ...outer.types], trials: [] });
  const after = () => {
    collections.push({ id: collections.length, name: outer.name, types: outer.types, trials: [] });
  };
  const r = f();
  if (r instanceof Promise) return r.then(after);
  after();
}

/** Declares a benchmark in the current scope; the name defaults to the function's. */
export function bench(fn: () => any): B;
export function bench(gen: (state: State) => Gen): B;
export function bench(iter: (state: IterState) => any): B;
export function bench(name: string, fn: () => any): B;
export function bench(name: string, gen: (state: State) => Gen): B;
export function bench(name: string, iter: (state: IterState) => any): B;
export function bench(nameOrFn: string | BenchFunction, fn?: BenchFunction): B {
  const [name, f] = typeof nameOrFn === 'function' ? [nameOrFn.name || 'anonymous', nameOrFn] : [nameOrFn, fn!];
  const current = collections[collections.length - 1];
  const b = new B(name, f);
  b._group = current.id;
  if (compactDepth > 0) b.compact(true);
  current.trials.push(b);
  return b;
}

/** A named (or unnamed) section; a named group is measured as one cyclebench group when its benchmarks share their arguments. */
export function group(nameOrFn: string | (() => unknown), f?: () => unknown): void | Promise<void> {
  return typeof nameOrFn === 'function' ? scope(nameOrFn, 'g') : scope(f!, 'g', nameOrFn);
}

/** Compares the benchmarks inside: measured as one cyclebench group (interleaved, ratios to the baseline). */
export function summary(f: () => unknown): void | Promise<void> {
  return scope(f, 's');
}

/** Delimits a scope; cyclebench prints its table, not a bar plot. */
export function barplot(f: () => unknown): void | Promise<void> {
  return scope(f, 'b');
}

/** Delimits a scope; cyclebench prints its table, not a box plot. */
export function boxplot(f: () => unknown): void | Promise<void> {
  return scope(f, 'x');
}

/** Delimits a scope; cyclebench prints its table (and a complexity fit over a numeric argument), not a line plot. */
export function lineplot(f: () => unknown): void | Promise<void> {
  return scope(f, 'l');
}

/** Marks the benchmarks declared inside as compact (kept in the trial's `style`; the table is the same). */
export function compact(f: () => unknown): void | Promise<void> {
  compactDepth++;
  const r = f();
  if (r instanceof Promise) return r.finally(() => void compactDepth--).then(() => undefined);
  compactDepth--;
}
