/** tinybench's event: a DOM `Event` carrying the task and, for `error`, the error. */
import type { BenchEvents, TaskLike } from './types.js';

/** Dispatched by both `Bench` and `Task` (both are `EventTarget`s). */
export class BenchEvent extends Event {
  readonly task: TaskLike | undefined;
  readonly error: Error | undefined;
  /** Timer-saturation reason of tinybench's `warning`; cyclebench never dispatches `warning`. */
  readonly reason: undefined = undefined;

  constructor(type: BenchEvents, task?: TaskLike, error?: Error) {
    super(type);
    this.task = task;
    this.error = error;
  }
}
