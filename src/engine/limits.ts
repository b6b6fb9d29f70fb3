/**
 * Time limits. A benchmark times out `timeoutMs` after its planned time: its warm-up bounds (the
 * benchmark's `warmupMs`, the empty loop's {@link emptyWarmupMs}) plus its sampling budget
 * (`maxTimeMs`), times the contenders of a group point. So a healthy benchmark never times out
 * whatever `timeoutMs` is, and in-process and isolated runs apply the same allowance: in-process it
 * is checked between samples and raced against promises, isolated the child is killed when it
 * passes. The run's `deadline` (the CLI's --timeout) caps every allowance.
 */
import { CycleBenchError } from '../errors.js';
import type { RunOptions, Sampling } from './options.js';

/** Upper bound on the empty loop's warm-up, which follows the benchmark's own. */
export function emptyWarmupMs(warmupMs: number): number {
  return Math.max(60, warmupMs / 2);
}

/** Warm-ups and sampling budget of `contenders` contenders with these settings, in ms. */
export function plannedMs(s: Sampling, contenders = 1): number {
  return contenders * (s.warmupMs + emptyWarmupMs(s.warmupMs) + s.maxTimeMs);
}

/** Planned time plus `timeoutMs`: how long a benchmark (or a group point) may take. */
export function allowanceMs(s: Sampling, contenders = 1): number {
  return plannedMs(s, contenders) + s.timeoutMs;
}

/** What running in-process cannot do, said wherever a timeout is reported in-process. */
export const IN_PROCESS_HINT =
  "in-process a benchmark can be stopped only between samples or at an await, so a synchronous call that never returns hangs the run: isolate: 'worker' or 'process' kills it";

/** The message of a benchmark that ran past its allowance. */
export function timeoutMessage(id: string, s: Sampling, contenders: number, killed?: 'worker' | 'process'): string {
  const planned = plannedMs(s, contenders);
  const what = `benchmark '${id}' timed out after ${planned + s.timeoutMs} ms (its warm-up and budget, ${planned} ms, plus timeoutMs ${s.timeoutMs} ms)`;
  return killed ? `${what}; the isolated ${killed} was killed` : `${what}; ${IN_PROCESS_HINT}`;
}

/** The message of a benchmark stopped by, or not started because of, the run's deadline. */
export function deadlineMessage(started: boolean, killed?: 'worker' | 'process'): string {
  if (!started) return "not run: the run's deadline (--timeout) passed";
  return `stopped: the run's deadline (--timeout) passed while it ran${killed ? `; the isolated ${killed} was killed` : ''}`;
}

/** True once the run's deadline has passed. */
export function deadlinePassed(options: Pick<RunOptions, 'deadline'>): boolean {
  return options.deadline !== undefined && Date.now() >= options.deadline;
}

/** Milliseconds left until the run's deadline (Infinity without one). */
export function msToDeadline(options: Pick<RunOptions, 'deadline'>): number {
  return options.deadline === undefined ? Infinity : options.deadline - Date.now();
}

/** A benchmark's limit on the performance.now() timebase, with the error to throw when it passes. */
export interface TimeLimit {
  at: number;
  error(): CycleBenchError;
}

/** The limit of a benchmark starting now: its allowance, or the run's deadline when that is sooner. */
export function benchLimit(id: string, s: Sampling, contenders: number, deadline?: number): TimeLimit {
  const now = performance.now();
  const own = now + allowanceMs(s, contenders);
  const run = deadline === undefined ? Infinity : now + (deadline - Date.now());
  return run < own
    ? { at: run, error: () => new CycleBenchError('E_TIMEOUT', deadlineMessage(true)) }
    : { at: own, error: () => new CycleBenchError('E_TIMEOUT', timeoutMessage(id, s, contenders)) };
}
