/**
 * A load test split across worker threads or child processes (`isolate: 'worker' | 'process'`), for
 * CPU-bound functions one event loop cannot drive concurrently. Each worker re-imports the benchmark
 * file, finds the test by name, runs its `before` hook and reports ready; when all are ready they
 * start together, each driving its share (concurrency, requests and rate split, open-model
 * schedules interleaved), and send back their encoded latency histogram, counts, errors and
 * resource summary. The parent merges the histograms.
 */
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHILD_ENV } from '../engine/defs.js';
import { childExecArgv, tsxEsmApi } from '../engine/spawn.js';
import type { Args } from '../engine/options.js';
import type { ResourceOptions } from '../resources/options.js';
import type { ResourceSummary } from '../result/types.js';
import type { LoadShare, ShareOutcome } from './drive.js';
import { mergeHistograms } from './histogram.js';
import type { LoadPlan } from './options.js';

/** What a load worker is asked to run. */
export interface LoadWorkerRequest {
  file: string;
  name: string;
  args: Args;
  share: LoadShare;
  resources: Required<ResourceOptions> | null;
}

/** A share's outcome as it crosses a thread or process boundary. */
export interface SentOutcome extends Omit<ShareOutcome, 'histogram' | 'errors'> {
  histogram: string;
  errors: [string, number][];
  resources?: ResourceSummary;
}

/** Messages from a load worker. */
export type LoadWorkerMessage = { type: 'ready' } | { type: 'done'; outcome: SentOutcome } | { type: 'error'; message: string };

/** Splits `total` into `parts` near-equal whole shares (Infinity stays Infinity). */
function split(total: number, parts: number, i: number): number {
  if (!Number.isFinite(total)) return total;
  return Math.floor(total / parts) + (i < total % parts ? 1 : 0);
}

/** The share of worker `i` of `plan.workers`. */
export function shareOf(plan: LoadPlan, i: number): LoadShare {
  const concurrency = split(plan.concurrency, plan.workers, i);
  const firstWorker = Array.from({ length: i }, (_, k) => split(plan.concurrency, plan.workers, k)).reduce((a, b) => a + b, 0);
  return {
    model: plan.model,
    concurrency,
    requests: split(plan.requests, plan.workers, i),
    durationMs: plan.durationMs,
    // Each worker runs at rate/W, phase-shifted by i/W of its interval, so together they start one request every 1/rate.
    ...(plan.rate !== undefined ? { rate: plan.rate / plan.workers, phase: i / plan.workers } : {}),
    warmup: split(plan.warmup, plan.workers, i),
    timeoutMs: plan.timeoutMs,
    firstWorker,
  };
}

/** The worker entry: TypeScript source under tsx in development, the bundled load-worker.js when built. */
function entry(): { path: string; tsx: boolean } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { path: fileURLToPath(new URL('./worker.ts', here)), tsx: true };
  return { path: fileURLToPath(new URL('./load-worker.js', here)), tsx: false };
}

/** A started worker: a way to send it the start signal, and to end it. */
interface Handle {
  go(): void;
  kill(): void;
}

function start(
  mode: 'worker' | 'process',
  request: LoadWorkerRequest,
  onMessage: (m: LoadWorkerMessage) => void,
  onExit: (why: string) => void,
): Handle {
  const e = entry();
  const env = { ...process.env, [CHILD_ENV]: '1' };
  if (mode === 'worker') {
    const w = e.tsx
      ? new Worker(
          `import(${JSON.stringify(tsxEsmApi())}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(e.path).href)}); });`,
          {
            eval: true,
            workerData: request,
            execArgv: childExecArgv(process.execArgv, []),
            env,
          },
        )
      : new Worker(e.path, { workerData: request, execArgv: childExecArgv(process.execArgv, []), env });
    w.on('message', onMessage);
    w.on('error', (err) => onExit(err.message));
    w.on('exit', (code) => onExit(`exited with code ${code}`));
    return { go: () => w.postMessage('go'), kill: () => void w.terminate() };
  }
  const child = fork(e.path, [], {
    execArgv: childExecArgv(process.execArgv, e.tsx ? ['--import', 'tsx'] : []),
    env,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (m) => onMessage(m as LoadWorkerMessage));
  child.on('error', (err) => onExit(err.message));
  child.on('exit', (code, signal) => onExit(`exited with ${signal ?? `code ${code}`}`));
  child.send(request);
  return { go: () => child.send('go'), kill: () => void child.kill() };
}

/** Runs the plan's shares in `plan.workers` threads or processes at once (`onStart` when all are ready); resolves when all are done. */
export function runInWorkers(
  plan: LoadPlan,
  base: Omit<LoadWorkerRequest, 'share'>,
  onStart: () => void = () => {},
): Promise<SentOutcome[]> {
  const mode = plan.isolate === 'process' ? 'process' : 'worker';
  return new Promise((resolve, reject) => {
    const outcomes: SentOutcome[] = new Array(plan.workers);
    let ready = 0;
    let done = 0;
    let failed = false;
    const handles: Handle[] = [];
    const fail = (i: number, why: string) => {
      if (failed || outcomes[i]) return;
      failed = true;
      for (const h of handles) h.kill();
      reject(new Error(`load ${mode} ${i + 1} of ${plan.workers}: ${why}`));
    };
    for (let i = 0; i < plan.workers; i++) {
      handles.push(
        start(
          mode,
          { ...base, share: shareOf(plan, i) },
          (m) => {
            if (m.type === 'ready' && ++ready === plan.workers) {
              onStart();
              for (const h of handles) h.go();
            } else if (m.type === 'done') {
              outcomes[i] = m.outcome;
              handles[i].kill(); // it has sent everything; handles its code left open must not keep it alive
              if (++done === plan.workers) resolve(outcomes);
            } else if (m.type === 'error') fail(i, m.message);
          },
          (why) => fail(i, `${why} before sending its results`),
        ),
      );
    }
  });
}

/** The merged outcome of every worker. */
export function mergeOutcomes(list: readonly SentOutcome[]): ShareOutcome {
  const errors = new Map<string, number>();
  for (const o of list) for (const [m, n] of o.errors) errors.set(m, (errors.get(m) ?? 0) + n);
  const sum = (k: 'ok' | 'failed' | 'timeouts' | 'started') => list.reduce((a, o) => a + o[k], 0);
  return {
    histogram: mergeHistograms(list.map((o) => o.histogram)),
    ok: sum('ok'),
    failed: sum('failed'),
    timeouts: sum('timeouts'),
    started: sum('started'),
    errors,
    elapsedMs: Math.max(...list.map((o) => o.elapsedMs)),
    startSpanMs: Math.max(...list.map((o) => o.startSpanMs)),
  };
}
