/**
 * `cyclebench/mitata`: mitata 1's API (`bench` with `.args()`/`.range()`/`.dense_range()`,
 * generator benchmarks with computed parameters, `group`, `summary`, the plot scopes,
 * `do_not_optimize`, `run` and its result shape) measured by the cyclebench engine.
 * `run()` prints cyclebench's table; the plot scopes draw nothing. See docs/migrating.md.
 * @packageDocumentation
 */
import { doNotOptimize } from '../../engine/loop.js';
import { B } from './builder.js';
import { measureTrials } from './trial.js';
import type { BenchFunction, Stats } from './types.js';

export { B } from './builder.js';
export { bench, group, summary, barplot, boxplot, lineplot, compact } from './scopes.js';
export { run } from './run.js';
export type * from './types.js';
export type { CyclebenchOptions } from '../core/options.js';

/** Keeps a value (and the work that made it) from being optimised away. */
export function do_not_optimize(value: unknown): void {
  doNotOptimize(value);
}

/** mitata's flag bits, for code that reads them. */
export const flags = { compact: 1 << 0, baseline: 1 << 1 } as const;

/** Measures one function (at the point `opts.args`, if given) and returns its statistics; throws its error. */
export async function measure(f: BenchFunction, opts: { args?: Record<string, any> } = {}): Promise<Stats> {
  const b = new B('measure', f);
  for (const [k, v] of Object.entries(opts.args ?? {})) b.args(k, [v]);
  const run = (await measureTrials([b], { throws: true, sampling: {} })).trials[0].runs[0];
  if (run.error) throw run.error;
  return run.stats!;
}
