/**
 * A bounded time series: samples fall into buckets of a fixed width, and when the buckets would
 * exceed twice the points asked for, neighbours merge and the width doubles. Memory stays O(points)
 * however long the run; CPU is averaged per bucket, memory keeps each bucket's peak.
 */

interface Bucket {
  /** Sum of CPU percentages and how many samples were added. */
  cpu: number;
  n: number;
  rss: number;
  heapUsed: number;
}

/** A series of (ms since start, CPU %, RSS, heap used) bounded to `points` buckets when read. */
export class BoundedSeries {
  private buckets: Bucket[] = [];
  private widthMs: number;

  constructor(
    widthMs: number,
    private readonly points: number,
  ) {
    this.widthMs = Math.max(widthMs, 1e-3);
  }

  add(tMs: number, cpu: number, rss: number, heapUsed: number): void {
    let i = Math.floor(tMs / this.widthMs);
    while (i >= 2 * this.points) {
      this.halve();
      i = Math.floor(tMs / this.widthMs);
    }
    while (this.buckets.length <= i) this.buckets.push({ cpu: 0, n: 0, rss: 0, heapUsed: 0 });
    const b = this.buckets[i];
    b.cpu += cpu;
    b.n++;
    b.rss = Math.max(b.rss, rss);
    b.heapUsed = Math.max(b.heapUsed, heapUsed);
  }

  /** At most `points` points, empty buckets left out; `t` is each bucket's middle. */
  read(): { t: number[]; cpu: number[]; rss: number[]; heapUsed: number[] } {
    while (this.buckets.length > this.points) this.halve();
    const out = { t: [] as number[], cpu: [] as number[], rss: [] as number[], heapUsed: [] as number[] };
    this.buckets.forEach((b, i) => {
      if (!b.n) return;
      out.t.push(Math.round((i + 0.5) * this.widthMs * 10) / 10);
      out.cpu.push(Math.round((b.cpu / b.n) * 10) / 10);
      out.rss.push(b.rss);
      out.heapUsed.push(b.heapUsed);
    });
    return out;
  }

  private halve(): void {
    const merged: Bucket[] = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const a = this.buckets[i];
      const b = this.buckets[i + 1];
      merged.push(b ? { cpu: a.cpu + b.cpu, n: a.n + b.n, rss: Math.max(a.rss, b.rss), heapUsed: Math.max(a.heapUsed, b.heapUsed) } : a);
    }
    this.buckets = merged;
    this.widthMs *= 2;
  }
}
