/** Starting an isolated worker thread or child process on a request, and ending it. */
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { CHILD_ENV, type ChildMessage, type ChildRequest } from './defs.js';

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
  // Loaded through tsx's tsImport, the URL carries a `?namespace=` query.
  if (new URL(here).pathname.endsWith('.ts')) return { path: fileURLToPath(new URL('./child.ts', here)), execArgv: ['--import', 'tsx'] };
  return { path: fileURLToPath(new URL('./worker.js', here)), execArgv: [] };
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
    if (
      a === '-e' ||
      a === '--eval' ||
      a === '-p' ||
      a === '--print' ||
      a === '--input-type' ||
      a === '--import' ||
      a === '--require' ||
      a === '-r'
    ) {
      i++; // and its value
      continue;
    }
    if (/^(--eval|--print|--input-type|--import|--require|--test)(=|$)/.test(a) || a === '-i' || a === '--interactive') continue;
    out.push(a);
  }
  return [...out, ...extra];
}

/** How a child ended: its exit code or signal, the error a worker reported, the end of a process's stderr. */
export interface ChildEnd {
  code: number | null;
  signal: string | null;
  error?: { message: string; code?: string };
  stderr?: string;
}

/** A started child. */
export interface Child {
  /** Ends it at once: a worker is terminated (which also stops a synchronous loop), a process gets SIGKILL. */
  kill(): void;
}

/** Enough of the end of stderr to hold V8's fatal-error line above its native stack. */
const STDERR_TAIL = 16_000;

/** Starts a worker or process on `request`; `onEnd` is called once, when it has exited. */
export function startChild(
  mode: 'worker' | 'process',
  request: ChildRequest,
  memoryLimitMb: number | undefined,
  onMessage: (m: ChildMessage) => void,
  onEnd: (end: ChildEnd) => void,
  nodeFlags: readonly string[] = [],
): Child {
  const entry = childEntry();
  const env = { ...process.env, [CHILD_ENV]: '1' };
  if (mode === 'worker') {
    const resourceLimits = memoryLimitMb ? { maxOldGenerationSizeMb: memoryLimitMb } : undefined;
    // Workers do not inherit --import loaders: from TypeScript source, register tsx first.
    const w = entry.execArgv.length
      ? new Worker(
          `import(${JSON.stringify(tsxEsmApi())}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(entry.path).href)}); });`,
          { eval: true, workerData: request, execArgv: childExecArgv(process.execArgv, []), env, resourceLimits },
        )
      : new Worker(entry.path, { workerData: request, execArgv: childExecArgv(process.execArgv, []), env, resourceLimits });
    let error: ChildEnd['error'];
    w.on('message', onMessage);
    w.on('error', (e: Error & { code?: string }) => (error ??= { message: e.message, code: e.code }));
    w.on('exit', (code) => onEnd({ code, signal: null, error }));
    return { kill: () => void w.terminate() };
  }
  const memory = memoryLimitMb ? [`--max-old-space-size=${memoryLimitMb}`] : [];
  const child = fork(entry.path, [], {
    execArgv: childExecArgv(process.execArgv, [...entry.execArgv, ...memory, ...nodeFlags]),
    env,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  // Passed through as it comes; the end is kept to say why a crashed child died.
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    process.stderr.write(d);
    stderr = (stderr + d.toString()).slice(-STDERR_TAIL);
  });
  let error: ChildEnd['error'];
  let ended = false;
  const end = (code: number | null, signal: string | null) => {
    if (!ended) onEnd({ code, signal, error, stderr });
    ended = true;
  };
  child.on('message', (m) => onMessage(m as ChildMessage));
  child.on('error', (e: Error & { code?: string }) => {
    error ??= { message: e.message, code: e.code };
    if (child.pid === undefined) end(null, null); // never started: no 'exit' will come
  });
  // stderr may still hold the crash report at 'exit'; wait for its end, but not for a grandchild holding it open.
  child.on('exit', (code, signal) => {
    if (child.stderr!.readableEnded) return end(code, signal);
    child.stderr!.once('end', () => end(code, signal));
    setTimeout(() => end(code, signal), 200).unref();
  });
  child.send(request);
  return { kill: () => void child.kill('SIGKILL') };
}
