/**
 * The result file of adapter runs. Each adapter run is one engine run; a process may make several
 * (tinybench tasks, benny suites, mitata scopes), so runs are merged per target path in this
 * process and the file is rewritten after each: it always holds everything measured so far.
 * Top-level names are claimed process-wide so no two runs can produce the same id.
 */
import { resolve } from 'node:path';
import { writeResult } from '../../store/files.js';
import type { RunResult } from '../../result/types.js';
import { UniqueNames } from './names.js';

const KEY = Symbol.for('cyclebench.adapters.results');

interface ResultState {
  names: UniqueNames;
  runs: Map<string, RunResult>;
}

const state = ((globalThis as Record<symbol, unknown>)[KEY] ??= { names: new UniqueNames(), runs: new Map() }) as ResultState;

/** A top-level benchmark or group name unique in this process (so ids in the merged file are unique). */
export function claimName(name: string): string {
  return state.names.take(name);
}

/** `a` followed by `b`: one run spanning both. */
export function mergeRuns(a: RunResult, b: RunResult): RunResult {
  return {
    ...a,
    finishedAt: b.finishedAt,
    ...(a.tag ?? b.tag ? { tag: a.tag ?? b.tag } : {}),
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
