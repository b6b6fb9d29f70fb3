import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { CycleBenchError } from '../errors.js';
import type { RunOptions } from './options.js';
import { serializeFilter, type ChildMessage, type ChildRequest, type RunContext, type Task, type TaskOutcome } from './defs.js';
import { failedResult } from './result.js';

const require = createRequire(import.meta.url);

/** URL of tsx's ESM API (its `import` export), for registering the loader inside a worker. */
export function tsxEsmApi(): string {
  const meta = import.meta as ImportMeta & { resolve?: (s: string) => string };
  if (typeof meta.resolve === 'function') return meta.resolve('tsx/esm/api');
  return pathToFileURL(require.resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
}

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

/**
 * The parent's Node flags a child inherits (V8 flags such as --expose-gc or --max-old-space-size),
 * without anything that would make the child run the parent's own code again: -e/-p scripts
 * (which are part of execArgv) would re-run the CLI in every child, recursively.
 */
export function childExecArgv(parent: readonly string[], extra: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const a = parent[i];
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a === '--input-type' || a === '--import' || a === '--require' || a === '-r') {
      i++; // and its value
      continue;
    }
    if (/^(--eval|--print|--input-type|--import|--require|--test)(=|$)/.test(a) || a === '-i' || a === '--interactive') continue;
    out.push(a);
  }
  return [...out, ...extra];
}

/** Set in isolated children, so that a child never isolates again. */
export const CHILD_ENV = 'CYCLEBENCH_ISOLATED_CHILD';

function serializableOptions(o: RunOptions): ChildRequest['options'] {
  const { onProgress: _p, filter, ...rest } = o;
  return { ...rest, filter: serializeFilter(filter) };
}

/** Runs one top-level task in a fresh worker thread or child process; results stream back as messages. */
export function runIsolated(task: Task, ctx: RunContext, mode: 'worker' | 'process'): Promise<TaskOutcome> {
  const name = task.kind === 'bench' ? task.bench.name : task.group.name;
  const request: ChildRequest = { file: taskFile(task), kind: task.kind, name, options: serializableOptions(ctx.options), index: ctx.index, total: ctx.total };
  const entry = childEntry();
  const execArgv = childExecArgv(process.execArgv, entry.execArgv);
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
      // Workers do not inherit --import loaders: from TypeScript source, register tsx first.
      const w = entry.execArgv.length
        ? new Worker(
            `import(${JSON.stringify(tsxEsmApi())}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(entry.path).href)}); });`,
            { eval: true, workerData: request, execArgv: childExecArgv(process.execArgv, []), env: { ...process.env, [CHILD_ENV]: '1' } },
          )
        : new Worker(entry.path, { workerData: request, execArgv, env: { ...process.env, [CHILD_ENV]: '1' } });
      w.on('message', onMessage);
      w.on('error', (e) => fail(e.message));
      w.on('exit', (code) => fail(`exited with code ${code} before sending results`));
    } else {
      const child = fork(entry.path, [], { execArgv, env: { ...process.env, [CHILD_ENV]: '1' }, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', (m) => onMessage(m as ChildMessage));
      child.on('error', (e) => fail(e.message));
      child.on('exit', (code, signal) => fail(`exited with ${signal ?? `code ${code}`} before sending results`));
      child.send(request);
    }
  });
}
