/**
 * Drives one share of a load test in this thread: the closed model (N callers, each calling back
 * to back) or the open model (requests started on a fixed schedule, latency measured from each
 * request's scheduled start, so a stall of the target or of this event loop shows up in the
 * latencies instead of silently lowering the rate: coordinated omission). Every loop stops on its
 * request count or its deadline, whichever comes first, and every request on its timeout.
 */
import type { Histogram } from 'hdr-histogram-js';
import { bestClock } from '../clock/index.js';
import { latencyHistogram, recordLatency } from './histogram.js';
import type { LoadRequest } from './options.js';

/** One call of the function under load; may return a promise. */
export type LoadCall = (request: LoadRequest) => unknown;

/** What one thread or process is asked to do. */
export interface LoadShare {
  model: 'closed' | 'open';
  /** Callers (closed) or the cap on requests in flight (open). */
  concurrency: number;
  /** Requests to measure (Infinity: bounded by the deadline). */
  requests: number;
  durationMs: number;
  /** Open model: this share's rate per second. */
  rate?: number;
  /** Open model: this share's schedule starts this many of its own intervals late (interleaves shares). */
  phase?: number;
  warmup: number;
  timeoutMs: number;
  /** Number of this share's first caller among all callers. */
  firstWorker: number;
}

/** What a share measured. */
export interface ShareOutcome {
  histogram: Histogram;
  ok: number;
  failed: number;
  timeouts: number;
  errors: Map<string, number>;
  /** Requests started in the measured phase. */
  started: number;
  /** Measured phase: first (scheduled) start to last completion, in ms. */
  elapsedMs: number;
  /** Open model: first scheduled start to last actual start plus one interval, in ms. */
  startSpanMs: number;
}

const MAX_MESSAGES = 100;
/** A synchronous function never yields: after this long the caller yields so timers (the resource sampler, timeouts) can run. */
const YIELD_MS = 5;

class TimeoutError extends Error {}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/** Calls once; resolves to null on success or the error message; a promise is raced against the timeout. */
function attempt(call: LoadCall, request: LoadRequest, timeoutMs: number): string | null | Promise<string | null> {
  let result: unknown;
  try {
    result = call(request);
  } catch (err) {
    return messageOf(err);
  }
  if (!result || typeof (result as PromiseLike<unknown>).then !== 'function') return null;
  let timer: NodeJS.Timeout | undefined;
  return Promise.race<null>([
    Promise.resolve(result).then(() => null),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutError(`timeout after ${timeoutMs} ms`)), timeoutMs))),
  ])
    .catch((err) => (err instanceof TimeoutError ? (err.message as string) : messageOf(err)))
    .finally(() => clearTimeout(timer));
}

function messageOf(err: unknown): string {
  const m = err instanceof Error ? err.message || err.name : String(err);
  return m.length > 200 ? `${m.slice(0, 200)}...` : m;
}

/** Runs a share: warm-up (not recorded), then the measured phase. */
export async function driveShare(call: LoadCall, share: LoadShare): Promise<ShareOutcome> {
  const clock = bestClock();
  const now = clock.now;
  const msToTicks = 1e6 / clock.nsPerTick;
  const out: ShareOutcome = { histogram: latencyHistogram(), ok: 0, failed: 0, timeouts: 0, errors: new Map(), started: 0, elapsedMs: 0, startSpanMs: 0 };
  let requestNo = 0;
  let lastYield = now();
  const maybeYield = async () => {
    if (now() - lastYield > YIELD_MS * msToTicks) {
      await yieldToLoop();
      lastYield = now();
    }
  };
  const finish = (from: number, r: string | null) => {
    const end = now();
    if (r === null) {
      out.ok++;
      recordLatency(out.histogram, (end - from) * clock.nsPerTick);
    } else {
      out.failed++;
      if (r.startsWith('timeout after')) out.timeouts++;
      const key = out.errors.size < MAX_MESSAGES || out.errors.has(r) ? r : '(other messages)';
      out.errors.set(key, (out.errors.get(key) ?? 0) + 1);
    }
    return end;
  };

  // Warm-up: closed, same concurrency, bounded by its count and the test's duration.
  if (share.warmup > 0) {
    let left = share.warmup;
    const until = now() + share.durationMs * msToTicks;
    await Promise.all(
      Array.from({ length: Math.min(share.concurrency, share.warmup) }, async (_, w) => {
        while (left > 0 && now() < until) {
          left--;
          const r = attempt(call, { request: requestNo++, worker: share.firstWorker + w }, share.timeoutMs);
          if (typeof r === 'object' && r !== null) await r;
          await maybeYield();
        }
      }),
    );
  }

  const t0 = now();
  const deadline = t0 + share.durationMs * msToTicks;
  let lastEnd = t0;
  if (share.model === 'closed') {
    let issued = 0;
    await Promise.all(
      Array.from({ length: share.concurrency }, async (_, w) => {
        while (issued < share.requests && now() < deadline) {
          issued++;
          const start = now();
          const r = attempt(call, { request: requestNo++, worker: share.firstWorker + w }, share.timeoutMs);
          lastEnd = Math.max(lastEnd, finish(start, typeof r === 'object' && r !== null ? await r : r));
          await maybeYield();
        }
      }),
    );
    out.started = issued;
  } else {
    const intervalTicks = (1000 / share.rate!) * msToTicks;
    const first = t0 + (share.phase ?? 0) * intervalTicks;
    const count = Math.min(share.requests, Math.ceil((deadline - first) / intervalTicks));
    const inFlight = new Set<Promise<void>>();
    let lastStart = first;
    for (let i = 0; i < count; i++) {
      const scheduled = first + i * intervalTicks;
      // Never early; a timer may wake up to about a millisecond late, and that lateness is counted.
      const wait = (scheduled - now()) / msToTicks;
      if (wait > 0) await sleep(wait);
      // At the cap, wait for a slot: the request starts late and its latency still counts from its schedule.
      while (inFlight.size >= share.concurrency) await Promise.race(inFlight);
      const start = now();
      lastStart = start;
      out.started++;
      const r = attempt(call, { request: requestNo++, worker: share.firstWorker + (i % share.concurrency) }, share.timeoutMs);
      if (typeof r === 'object' && r !== null) {
        const p: Promise<void> = r.then((x) => {
          lastEnd = Math.max(lastEnd, finish(scheduled, x));
          inFlight.delete(p);
        });
        inFlight.add(p);
      } else {
        lastEnd = Math.max(lastEnd, finish(scheduled, r));
        await maybeYield();
      }
    }
    await Promise.all(inFlight);
    out.startSpanMs = (lastStart - first) / msToTicks + 1000 / share.rate!;
  }
  out.elapsedMs = (lastEnd - t0) / msToTicks;
  return out;
}
