/** Module-level registration: `bench` and `group` add to the process's default suite. */
import { collectState } from './collect.js';
import type { Args, BenchFn, BenchOptions, GroupOptions, LoadFn, LoadTestOptions } from './options.js';
import { Suite } from './suite.js';

export { setCurrentFile } from './collect.js';

/** The suite that module-level `bench`, `group` and `run` use (shared by every copy of this module). */
export function defaultSuite(): Suite {
  return (collectState.defaultSuite ??= new Suite()) as Suite;
}

/** Empties the default suite (after a run, or between CLI files in tests). */
export function resetDefaultSuite(): void {
  collectState.defaultSuite = new Suite();
}

/** While true, module-level `run()` only returns (the CLI or a child runs the collected tasks). */
export function setCollectOnly(value: boolean): void {
  collectState.collectOnly = value;
}

/** Whether module-level `run()` is deferred to the CLI. */
export function isCollectOnly(): boolean {
  return collectState.collectOnly;
}

/** Registers a benchmark in the default suite. */
export function bench<S = unknown, A extends Args = Args>(name: string, fn: BenchFn<S, A>, options?: BenchOptions<S, A>): void {
  defaultSuite().add(name, fn, options);
}

/**
 * Registers a load test in the default suite: `fn` called by `concurrency` callers (closed model) or
 * at a fixed `rate` (open model), latency per request (docs/load.md).
 */
export function load<A extends Args = Args>(name: string, fn: LoadFn<A>, options: LoadTestOptions<A>): void {
  const { before, after, args, skip, resources, ...shape } = options ?? ({} as LoadTestOptions<A>);
  defaultSuite().add(name, fn as BenchFn<unknown, A>, { before, after, args, skip, resources, load: shape });
}

/** Registers a group of contenders in the default suite. */
export function group(name: string, optionsOrBody: GroupOptions | (() => void), body?: () => void): void {
  defaultSuite().group(name, optionsOrBody, body);
}
