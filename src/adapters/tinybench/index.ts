/**
 * `cyclebench/tinybench`: tinybench 6's API (`Bench`, `Task`, events, results, `table()`) measured
 * by the cyclebench engine: batched generated loops, empty-loop subtraction, adaptive stopping.
 * Change the import and keep the code; docs/migrating.md lists what is supported and what differs.
 *
 * `now` and `timestampProvider` are cyclebench's clock for users who keep tinybench itself.
 * @packageDocumentation
 */
export { Bench } from './bench.js';
export { Task } from './task.js';
export { BenchEvent } from './event.js';
export { now, timestampProvider } from './now.js';
export { formatNumber, mToNs, nToMs } from './table.js';
export type * from './types.js';
export type { CyclebenchOptions } from '../core/options.js';
