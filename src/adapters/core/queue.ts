/**
 * One measurement at a time per process. Peers' suites may be started without awaiting (benny's
 * README starts two suites from two `require`s); the engine is asynchronous, so two runs would
 * interleave their samples and disturb each other. Every adapter run waits its turn here. The queue
 * lives on a process-wide symbol because ESM and CJS copies of the adapters must share it.
 */
const KEY = Symbol.for('cyclebench.adapters.queue');

interface QueueState {
  tail: Promise<unknown>;
}

const state = ((globalThis as Record<symbol, unknown>)[KEY] ??= { tail: Promise.resolve() }) as QueueState;

/** Runs `work` after every run queued before it has settled; its outcome is returned unchanged. */
export function serially<T>(work: () => Promise<T>): Promise<T> {
  const next = state.tail.then(work, work);
  state.tail = next.catch(() => undefined);
  return next;
}
