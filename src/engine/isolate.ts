import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { CycleBenchError } from '../errors.js';
import type { RunOptions } from './options.js';
import type { Task } from './registry.js';
import type { RunContext, TaskOutcome } from './run.js';
import { failedResult } from './result.js';

/** What a child is told: which file to import and which top-level task to run. */
export interface ChildRequest {
  file: string;
  kind: Task['kind'];
  name: string;
  options: Omit<RunOptions, 'onProgress' | 'filter'> & { filter?: string };
  index: number;
  total: number;
}

/** What a child sends back. */
export type ChildMessage =
  | { type: 'progress'; event: Parameters<RunContext['progress']>[0] }
  | { type: 'result'; outcome: TaskOutcome }
  | { type: 'error'; message: string; stack?: string };

/** The child entry: TypeScript source under tsx in development, the bundled worker.js when built. */
function childEntry(): { path: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { path: fileURLToPath(new URL('./child.ts', here)), execArgv: ['--import', 'tsx'] };
  return { path: fileURLToPath(new URL('./worker.js', here)), execArgv: [] };
}

function taskFile(task: Task): string {
  const file = task.kind === 'bench' ? task.bench.file : task.group.file;
  const fallback = process.argv[1];
  if (file) return file;
  if (fallback) return fallback;
  throw new CycleBenchError('E_BAD_ARGUMENT', 'isolation needs the file that registered the benchmark; run it from a file');
}

function serializableOptions(o: RunOptions): ChildRequest['options'] {
  const { onProgress: _p, filter, ...rest } = o;
  return { ...rest, filter: filter instanceof RegExp ? `/${filter.source}/${filter.flags}` : filter };
}

/** Runs one top-level task in a fresh worker thread or child process; results stream back as messages. */
export function runIsolated(task: Task, ctx: RunContext, mode: 'worker' | 'process'): Promise<TaskOutcome> {
  const name = task.kind === 'bench' ? task.bench.name : task.group.name;
  const request: ChildRequest = { file: taskFile(task), kind: task.kind, name, options: serializableOptions(ctx.options), index: ctx.index, total: ctx.total };
  const entry = childEntry();
  const execArgv = [...process.execArgv.filter((a) => !a.startsWith('--input-type')), ...entry.execArgv];
  return new Promise<TaskOutcome>((resolve) => {
    let settled = false;
    const started = performance.now();
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      const err = new Error(`isolated ${mode} for '${name}' failed: ${message}`);
      resolve({ benchmarks: [failedResult({ id: name, name }, 'error', err, performance.now() - started)], groups: [] });
    };
    const onMessage = (m: ChildMessage) => {
      if (m.type === 'progress') {
        if (m.event.type === 'done') ctx.index = m.event.index + 1;
        ctx.progress(m.event);
      } else if (m.type === 'result') {
        settled = true;
        resolve(m.outcome);
      } else fail(m.message);
    };
    if (mode === 'worker') {
      const w = new Worker(entry.path, { workerData: request, execArgv });
      w.on('message', onMessage);
      w.on('error', (e) => fail(e.message));
      w.on('exit', (code) => fail(`exited with code ${code} before sending results`));
    } else {
      const child = fork(entry.path, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', (m) => onMessage(m as ChildMessage));
      child.on('error', (e) => fail(e.message));
      child.on('exit', (code, signal) => fail(`exited with ${signal ?? `code ${code}`} before sending results`));
      child.send(request);
    }
  });
}
