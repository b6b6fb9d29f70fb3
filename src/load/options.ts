/**
 * What a load test asks for (`load(name, fn, options)`), checked when it is registered, and the plan
 * it runs: the model (closed unless a `rate` is given), how many requests or for how long, where
 * the concurrency runs. Every loop the plan drives is bounded in count or time, and each request by
 * its timeout.
 */
import { CycleBenchError } from '../errors.js';

/** What each call of a load test's function is told. */
export interface LoadRequest {
  /** 0-based number of the request within its worker thread or process (warm-up included). */
  request: number;
  /** Which concurrent worker (0 .. concurrency-1) makes it. */
  worker: number;
}

/** The shape of a load test. */
export interface LoadOptions {
  /** Concurrent workers calling the function back to back (closed model), or the cap on requests in flight (open model). @default 1 */
  concurrency?: number;
  /** Requests to measure (warm-up excluded). At least one of `requests` and `duration` is needed; the first reached ends the test. @default undefined (bounded by duration) */
  requests?: number;
  /** How long to measure: ms, or `"500ms"`, `"10s"`, `"1m"`. @default undefined (bounded by requests) */
  duration?: number | string;
  /** Open model: start requests at this fixed rate (per second), latency measured from each scheduled start. @default undefined (closed model) */
  rate?: number;
  /** Requests made before measuring, at the same concurrency, not recorded. @default 0 */
  warmup?: number;
  /** Per-request timeout: ms or a duration string. A request that takes longer fails with "timeout after ...". @default 10000 */
  timeout?: number | string;
  /** Where the concurrency runs: one event loop (async work), or split across worker threads or child processes (CPU-bound work). @default 'none' */
  isolate?: 'none' | 'worker' | 'process';
  /** Worker threads or processes with `isolate`; the concurrency, requests and rate are split among them. @default min(concurrency, available cores) */
  workers?: number;
}

/** A load test's options resolved, every bound a number (Infinity where unbounded). */
export interface LoadPlan {
  model: 'closed' | 'open';
  concurrency: number;
  requests: number;
  durationMs: number;
  rate?: number;
  warmup: number;
  timeoutMs: number;
  isolate: 'none' | 'worker' | 'process';
  workers: number;
}

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/;

/** A duration in ms from a number (ms) or `"500ms"`, `"10s"`, `"1m"`; undefined when it is neither. */
export function durationMs(v: number | string): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const m = DURATION.exec(v);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 's' ? 1e3 : m[2] === 'm' ? 60e3 : 1);
}

const KEYS: readonly (keyof LoadOptions)[] = ['concurrency', 'requests', 'duration', 'rate', 'warmup', 'timeout', 'isolate', 'workers'];

/** Resolves and checks a load test's options (with run-level overrides on top); throws `E_BAD_ARGUMENT` naming the test. */
export function loadPlan(name: string, own: LoadOptions, override: LoadOptions = {}, cores = 1): LoadPlan {
  const o: LoadOptions = { ...own };
  for (const k of KEYS) if (override[k] !== undefined) (o as Record<string, unknown>)[k] = override[k];
  const bad = (what: string) => new CycleBenchError('E_BAD_ARGUMENT', `load test '${name}': ${what}`);
  const whole = (v: unknown, key: string, min: number) => {
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= min))
      throw bad(`${key} must be a whole number >= ${min}, got ${JSON.stringify(v)}`);
    return v as number | undefined;
  };
  const concurrency = whole(o.concurrency, 'concurrency', 1) ?? 1;
  const requests = whole(o.requests, 'requests', 1);
  const warmup = whole(o.warmup, 'warmup', 0) ?? 0;
  let duration: number | undefined;
  if (o.duration !== undefined) {
    duration = durationMs(o.duration);
    if (!(duration! > 0)) throw bad(`duration must be a positive time such as 5000 or "5s", got ${JSON.stringify(o.duration)}`);
  }
  if (requests === undefined && duration === undefined) throw bad('give requests, duration or both: every load test is bounded');
  const timeoutMs = o.timeout === undefined ? 10_000 : durationMs(o.timeout);
  if (!(timeoutMs! > 0)) throw bad(`timeout must be a positive time such as 2000 or "2s", got ${JSON.stringify(o.timeout)}`);
  if (o.rate !== undefined && !(typeof o.rate === 'number' && o.rate > 0 && Number.isFinite(o.rate)))
    throw bad(`rate must be a positive number of requests per second, got ${JSON.stringify(o.rate)}`);
  const isolate = o.isolate ?? 'none';
  if (!['none', 'worker', 'process'].includes(isolate))
    throw bad(`isolate must be 'none', 'worker' or 'process', got ${JSON.stringify(isolate)}`);
  const workers = isolate === 'none' ? 1 : (whole(o.workers, 'workers', 1) ?? Math.max(1, Math.min(concurrency, cores)));
  if (workers > concurrency)
    throw bad(`workers (${workers}) exceeds concurrency (${concurrency}): each worker needs at least one concurrent caller`);
  for (const k of Object.keys(own))
    if (!(KEYS as readonly string[]).includes(k)) throw bad(`unknown option '${k}' (known: ${KEYS.join(', ')})`);
  return {
    model: o.rate !== undefined ? 'open' : 'closed',
    concurrency,
    requests: requests ?? Infinity,
    durationMs: duration ?? Infinity,
    rate: o.rate,
    warmup,
    timeoutMs: timeoutMs!,
    isolate,
    workers,
  };
}
