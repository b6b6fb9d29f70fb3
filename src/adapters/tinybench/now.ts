/**
 * cyclebench's clock as tinybench timestamps, for users who keep tinybench itself:
 * `new Bench({ now })` (a function returning milliseconds, tinybench's documented unit) or
 * `new Bench({ timestampProvider })` (ticks, converted to ms only when a difference is taken, which
 * keeps each read to one native call). tinybench still times each call separately, so its own
 * per-call read cost remains in every sample; only the cyclebench adapter removes it.
 */
import { bestClock } from '../../clock/index.js';
import type { TimestampProvider } from './types.js';

const clock = bestClock();
const msPerTick = clock.nsPerTick / 1e6;
const read = clock.now;

/** Milliseconds since an arbitrary base, from the native cycle counter (or hrtime without the addon). */
export const now = (): number => read() * msPerTick;

/** A tinybench timestamp provider on the same clock: `fn` returns ticks. */
export const timestampProvider: TimestampProvider = {
  name: `cyclebench-${clock.name}`,
  fn: read,
  toMs: (ticks) => Number(ticks) * msPerTick,
  fromMs: (ms) => ms / msPerTick,
};
