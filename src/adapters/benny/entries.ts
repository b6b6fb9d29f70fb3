/** benny's building blocks: each returns an entry that `suite()` reads, in the order given. */
import type { CompleteFn, Config, CycleFn, Entry, Options, SaveOptions, Test } from './types.js';

/** A benchmark case (`add.only` runs only such cases; `add.skip` drops the case). */
export const add = Object.assign(
  (name: string, test: Test, options: Options = {}): Entry => ({ kind: 'add', name, test, options, only: false }),
  {
    only: (name: string, test: Test, options: Options = {}): Entry => ({ kind: 'add', name, test, options, only: true }),
    skip: (..._args: unknown[]): Entry => ({ kind: 'skip' }),
  },
);

/** After each case: `fn(result, summary)`; a returned value is printed, replacing the previous one on a terminal. Default: progress and results. */
export const cycle = (fn?: CycleFn): Entry => ({ kind: 'cycle', fn });

/** After all cases: `fn(summary)`. Default: fastest and slowest. */
export const complete = (fn?: CompleteFn): Entry => ({ kind: 'complete', fn });

/** Saves the summary as JSON, CSV or HTML (table or chart) under `benchmark/results/`. */
export const save = (options: SaveOptions = {}): Entry => ({ kind: 'save', options });

/** Settings for the whole suite. */
export const configure = (entries: Config): Entry => ({ kind: 'config', entries });
