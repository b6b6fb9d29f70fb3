/** Garbage collection in the engine: watching collections during samples, and `gc()` between them. */
import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Sampling } from './options.js';

/** Collects garbage-collection intervals (performance.now() timebase) while a run is in progress. */
export class GcWatch {
  private readonly spans: number[] = [];
  private readonly observer: PerformanceObserver | undefined;

  constructor() {
    try {
      this.observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) this.spans.push(e.startTime, e.startTime + e.duration);
      });
      this.observer.observe({ entryTypes: ['gc'] });
    } catch {
      this.observer = undefined;
    }
  }

  /**
   * Waits for pending GC entries: Node records them in a native GC callback and hands them to
   * JavaScript on a later turn of the event loop, so a sync sampling loop sees none until then.
   */
  async flush(): Promise<void> {
    for (let i = 0; i < 2; i++) await new Promise((r) => setTimeout(r, 0));
    for (const e of this.observer?.takeRecords() ?? []) this.spans.push(e.startTime, e.startTime + e.duration);
  }

  /** Counts windows [start, end] (pairs in a flat array) that overlap any collected GC. */
  overlapping(windows: ArrayLike<number>): number {
    return this.perWindow(windows).reduce((a, b) => a + b, 0);
  }

  /** GC events overlapping each window [start, end] (pairs in a flat array), in window order. */
  perWindow(windows: ArrayLike<number>): number[] {
    const out: number[] = [];
    for (let i = 0; i + 1 < windows.length; i += 2) {
      const a = windows[i];
      const b = windows[i + 1];
      let n = 0;
      for (let j = 0; j + 1 < this.spans.length; j += 2) if (this.spans[j] <= b && this.spans[j + 1] >= a) n++;
      out.push(n);
    }
    return out;
  }

  stop(): void {
    this.observer?.disconnect();
  }
}

let exposedGc: (() => void) | undefined;

/**
 * The `gc()` function when `gc: true`: the global one under `--expose-gc`, else one exposed at run
 * time (V8 flag set, then `gc` taken from a fresh context, which sees the flag).
 */
export function gcFunction(sampling: Pick<Sampling, 'gc'>): (() => void) | undefined {
  if (!sampling.gc) return undefined;
  const global = (globalThis as { gc?: () => void }).gc;
  if (global) return global;
  if (!exposedGc) {
    setFlagsFromString('--expose-gc');
    exposedGc = runInNewContext('gc') as () => void;
  }
  return exposedGc;
}
