/**
 * The result file and history of adapter runs. Each adapter run is one engine run; a process may
 * make several (tinybench tasks, benny suites, mitata scopes), so runs are merged per target path in
 * this process and the file is rewritten after each: it always holds everything measured so far.
 * History gets one line per process, as `cyclebench run --history` adds one per run. Top-level names
 * are claimed process-wide so no two runs can produce the same id.
 */
import { resolve } from 'node:path';
import { writeResult } from '../../store/files.js';
import { gitState } from '../../store/git.js';
import { appendHistory } from '../../store/history-file.js';
import type { Environment, RunResult } from '../../result/types.js';
import { UniqueNames } from './names.js';
import { resultPath, wantsHistory, type CyclebenchOptions } from './options.js';

const KEY = Symbol.for('cyclebench.adapters.results');

interface ResultState {
  names: UniqueNames;
  runs: Map<string, RunResult>;
  /** What history gets when the process is about to exit. */
  history: RunResult | undefined;
  git: Promise<Environment['git'] | null> | undefined;
}

const state = ((globalThis as Record<symbol, unknown>)[KEY] ??= {
  names: new UniqueNames(),
  runs: new Map(),
  history: undefined,
  git: undefined,
}) as ResultState;

/** A top-level benchmark or group name unique in this process (so ids in the merged file are unique). */
export function claimName(name: string): string {
  return state.names.take(name);
}

/** `a` followed by `b`: one run spanning both. */
export function mergeRuns(a: RunResult, b: RunResult): RunResult {
  return {
    ...a,
    finishedAt: b.finishedAt,
    ...((a.tag ?? b.tag) ? { tag: a.tag ?? b.tag } : {}),
    benchmarks: [...a.benchmarks, ...b.benchmarks],
    groups: [...a.groups, ...b.groups],
    complexity: [...a.complexity, ...b.complexity],
  };
}

/** Adds `run` to what this process has written to `file` and rewrites the file; returns its absolute path. */
export function recordRun(file: string, run: RunResult): string {
  const path = resolve(file);
  const before = state.runs.get(path);
  const merged = before ? mergeRuns(before, run) : run;
  writeResult(path, merged);
  state.runs.set(path, merged);
  return path;
}

/** Stores `run` as asked: in the result file and, at exit, in history; both with the checkout's git state, as `cyclebench run` stores it. */
export async function record(run: RunResult, o: CyclebenchOptions | undefined): Promise<void> {
  const path = resultPath(o);
  const history = wantsHistory(o);
  if (!path && !history) return;
  const cwd = process.cwd();
  const git = await (state.git ??= gitState(cwd));
  const stamped = git ? { ...run, environment: { ...run.environment, git } } : run;
  if (path) recordRun(path, stamped);
  if (history) {
    if (!state.history) process.once('beforeExit', () => state.history && appendHistory(cwd, state.history));
    state.history = state.history ? mergeRuns(state.history, stamped) : stamped;
  }
}
