import { PerformanceObserver } from 'node:perf_hooks';

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
    let count = 0;
    for (let i = 0; i + 1 < windows.length; i += 2) {
      const a = windows[i];
      const b = windows[i + 1];
      for (let j = 0; j + 1 < this.spans.length; j += 2) {
        if (this.spans[j] <= b && this.spans[j + 1] >= a) {
          count++;
          break;
        }
      }
    }
    return count;
  }

  stop(): void {
    this.observer?.disconnect();
  }
}
