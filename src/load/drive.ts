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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

function messageOf(err: unknown): string {
  const m = err instanceof Error ? err.message || err.name : String(err);
  return m.length > 200 ? `${m.slice(0, 200)}...` : m;
}

/** A request in flight: when it times out, and how to settle it once. */
interface Pending {
  deadline: number;
  settle(message: string | null): void;
}

/**
 * Times requests out with one interval timer for all of them, sweeping every tenth of the timeout
 * (1 to 100 ms), instead of a timer and a promise race per request: a request fails at most that
 * much after its timeout, and a request that completes costs a Set insert and delete.
 */
class Watchdog {
  private readonly pending = new Set<Pending>();
  private readonly timer: NodeJS.Timeout;
  constructor(now: () => number, message: string, periodMs: number) {
    this.timer = setInterval(() => {
      const t = now();
      for (const p of this.pending) if (t >= p.deadline) p.settle(message);
    }, periodMs);
  }
  add(p: Pending): void {
    this.pending.add(p);
  }
  delete(p: Pending): void {
    this.pending.delete(p);
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/** Runs a share: warm-up (not recorded), then the measured phase. */
export async function driveShare(call: LoadCall, share: LoadShare): Promise<ShareOutcome> {
  const clock = bestClock();
  const now = clock.now;
  const msToTicks = 1e6 / clock.nsPerTick;
  const timeoutTicks = share.timeoutMs * msToTicks;
  const out: ShareOutcome = {
    histogram: latencyHistogram(),
    ok: 0,
    failed: 0,
    timeouts: 0,
    errors: new Map(),
    started: 0,
    elapsedMs: 0,
    startSpanMs: 0,
  };
  const timeoutMessage = `timeout after ${share.timeoutMs} ms`;
  const watchdog = new Watchdog(now, timeoutMessage, Math.min(100, Math.max(1, share.timeoutMs / 10)));
  let recording = false;
  let lastEnd = 0;
  let requestNo = 0;
  let lastYield = now();

  /** Records an outcome; the end is read first thing, in the first reaction to the request's completion. */
  const record = (from: number, message: string | null) => {
    const end = now();
    if (!recording) return;
    if (end > lastEnd) lastEnd = end;
    if (message === null) {
      out.ok++;
      recordLatency(out.histogram, (end - from) * clock.nsPerTick);
    } else {
      out.failed++;
      if (message === timeoutMessage) out.timeouts++;
      const key = out.errors.size < MAX_MESSAGES || out.errors.has(message) ? message : '(other messages)';
      out.errors.set(key, (out.errors.get(key) ?? 0) + 1);
    }
  };

  /** Calls once; records at once when it completes synchronously, else returns a promise that settles after recording. */
  const attempt = (worker: number, from: number): Promise<void> | undefined => {
    let result: unknown;
    try {
      result = call({ request: requestNo++, worker: share.firstWorker + worker });
    } catch (err) {
      record(from, messageOf(err));
      return undefined;
    }
    if (!result || typeof (result as PromiseLike<unknown>).then !== 'function') {
      record(from, null);
      return undefined;
    }
    return new Promise<void>((resolve) => {
      let done = false;
      const p: Pending = {
        deadline: now() + timeoutTicks,
        settle(message) {
          if (done) return;
          record(from, message);
          done = true;
          watchdog.delete(p);
          resolve();
        },
      };
      watchdog.add(p);
      (result as PromiseLike<unknown>).then(
        () => p.settle(null),
        (err) => p.settle(messageOf(err)),
      );
    });
  };

  /** Lets timers run now and then when the function under load never yields by itself. */
  const pace = async (completedSync: boolean) => {
    if (completedSync && now() - lastYield > YIELD_MS * msToTicks) {
      await yieldToLoop();
      lastYield = now();
    }
  };

  try {
    // Warm-up: closed, same concurrency, bounded by its count and the test's duration; not recorded.
    if (share.warmup > 0) {
      let left = share.warmup;
      const until = now() + share.durationMs * msToTicks;
      await Promise.all(
        Array.from({ length: Math.min(share.concurrency, share.warmup) }, async (_, w) => {
          while (left > 0 && now() < until) {
            left--;
            const r = attempt(w, now());
            if (r) await r;
            await pace(!r);
          }
        }),
      );
    }

    recording = true;
    const t0 = now();
    lastEnd = t0;
    const deadline = t0 + share.durationMs * msToTicks;
    if (share.model === 'closed') {
      await Promise.all(
        Array.from({ length: share.concurrency }, async (_, w) => {
          while (out.started < share.requests && now() < deadline) {
            out.started++;
            const r = attempt(w, now());
            if (r) await r;
            await pace(!r);
          }
        }),
      );
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
        lastStart = now();
        out.started++;
        const r = attempt(i % share.concurrency, scheduled);
        if (r) {
          const tracked: Promise<void> = r.then(() => void inFlight.delete(tracked));
          inFlight.add(tracked);
        } else await pace(true);
      }
      await Promise.all(inFlight);
      out.startSpanMs = (lastStart - first) / msToTicks + 1000 / share.rate!;
    }
    out.elapsedMs = (lastEnd - t0) / msToTicks;
  } finally {
    watchdog.stop();
  }
  return out;
}
