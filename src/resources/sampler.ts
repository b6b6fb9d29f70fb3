/**
 * The resource sampler: every `intervalMs` while a benchmark or load test is measured it reads
 * process CPU (`process.cpuUsage`, user and system), memory (`process.memoryUsage`), and keeps an
 * event-loop delay histogram (`monitorEventLoopDelay`) and GC pauses by kind (PerformanceObserver
 * 'gc'). It must not disturb what it observes: the timer is unref'd, a sample is two cheap calls
 * into Node, and a synchronous benchmark (whose loop never lets a timer fire) is sampled between its
 * samples through {@link ResourceSampler.poll}. Its own time per sample is measured and reported.
 */
import { constants, monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram, type PerformanceEntry } from 'node:perf_hooks';
import type { ResourceStat, ResourceSummary } from '../result/types.js';
import { DEFAULT_RESOURCES, type ResourceOptions } from './options.js';
import { BoundedSeries } from './series.js';

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** Running peak and time-weighted mean of one quantity. */
class Running {
  peak = -Infinity;
  private sum = 0;
  private weight = 0;
  add(v: number, w: number): void {
    if (v > this.peak) this.peak = v;
    this.sum += v * w;
    this.weight += w;
  }
  stat(): ResourceStat {
    // min(): a weighted mean of equal values can round a hair above them.
    return { peak: this.peak, mean: this.weight > 0 ? Math.min(this.peak, this.sum / this.weight) : this.peak };
  }
}

type Memory = 'rss' | 'heapUsed' | 'external' | 'arrayBuffers';

/**
 * Samples whose own duration is kept. The median, not the mean, is reported: on a busy machine a
 * sample is sometimes preempted or caught by a GC the program's allocations caused, and that is not
 * the sampler's cost.
 */
const SELF_COSTS = 1024;

/** Samples this process's resources between {@link start} and {@link stop}. */
export class ResourceSampler {
  private readonly intervalMs: number;
  private readonly series: BoundedSeries;
  private timer: NodeJS.Timeout | undefined;
  private eld: IntervalHistogram | undefined;
  private observer: PerformanceObserver | undefined;
  private readonly gc: ResourceSummary['gc'] = {};
  private t0 = 0;
  private last = 0;
  private cpu0: NodeJS.CpuUsage = { user: 0, system: 0 };
  private cpuLast: NodeJS.CpuUsage = { user: 0, system: 0 };
  private readonly cpu = { user: new Running(), system: new Running(), total: new Running() };
  private readonly memory: Record<Memory, Running> = {
    rss: new Running(),
    heapUsed: new Running(),
    external: new Running(),
    arrayBuffers: new Running(),
  };
  private samples = 0;
  /** The last SELF_COSTS samples' own durations in ms (a ring): their median is the sampler's cost. */
  private readonly selfMs = new Float64Array(SELF_COSTS);

  constructor(options: ResourceOptions = {}) {
    this.intervalMs = options.intervalMs ?? DEFAULT_RESOURCES.intervalMs;
    this.series = new BoundedSeries(this.intervalMs, options.points ?? DEFAULT_RESOURCES.points);
  }

  /** Starts sampling: a first reading now, then one every interval (or at each {@link poll} that finds one due). */
  start(): this {
    this.t0 = this.last = performance.now();
    this.cpu0 = this.cpuLast = process.cpuUsage();
    this.readMemory(0);
    try {
      this.eld = monitorEventLoopDelay({ resolution: Math.max(1, Math.round(this.intervalMs)) });
      this.eld.enable();
    } catch {
      this.eld = undefined;
    }
    try {
      this.observer = new PerformanceObserver((list) => this.addGc(list.getEntries()));
      this.observer.observe({ entryTypes: ['gc'] });
    } catch {
      this.observer = undefined;
    }
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** Takes a sample if one is due: for loops that never yield to the event loop (a synchronous benchmark). */
  poll(): void {
    if (this.timer && performance.now() - this.last >= this.intervalMs) this.sample();
  }

  /** Stops sampling (a last reading, pending GC entries collected) and summarises. */
  async stop(operations?: number): Promise<ResourceSummary> {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.sample(true);
    }
    this.eld?.disable();
    // GC entries reach JavaScript on a later turn of the event loop.
    for (let i = 0; i < 2; i++) await new Promise((r) => setTimeout(r, 0));
    this.addGc(this.observer?.takeRecords() ?? []);
    this.observer?.disconnect();
    return this.summary(operations);
  }

  private sample(final = false): void {
    const start = performance.now();
    const dtMs = start - this.last;
    // A final reading within a fraction of an interval would give a CPU % over too short a window.
    if (final && dtMs < this.intervalMs / 2 && this.samples > 0) return;
    const cpu = process.cpuUsage();
    const user = dtMs > 0 ? (cpu.user - this.cpuLast.user) / 10 / dtMs : 0; // µs per ms x 100 = percent
    const system = dtMs > 0 ? (cpu.system - this.cpuLast.system) / 10 / dtMs : 0;
    this.cpuLast = cpu;
    this.cpu.user.add(user, dtMs);
    this.cpu.system.add(system, dtMs);
    this.cpu.total.add(user + system, dtMs);
    const m = this.readMemory(dtMs);
    this.series.add(start - this.t0, user + system, m.rss, m.heapUsed);
    this.last = start;
    this.selfMs[this.samples++ % SELF_COSTS] = performance.now() - start;
  }

  private readMemory(weightMs: number): NodeJS.MemoryUsage {
    // One call: at one sample per 10 ms every native call runs cache-cold (15-25 µs each here), so
    // cheaper-when-hot pieces (getHeapStatistics, a pread of /proc/self/statm) measured no better.
    const m = process.memoryUsage();
    for (const k of ['rss', 'heapUsed', 'external', 'arrayBuffers'] as const) this.memory[k].add(m[k], weightMs);
    return m;
  }

  private addGc(entries: PerformanceEntry[]): void {
    for (const e of entries) {
      const kind = GC_KINDS[(e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'other';
      const g = (this.gc[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
      g.count++;
      g.totalMs += e.duration;
      g.maxMs = Math.max(g.maxMs, e.duration);
    }
  }

  private summary(operations?: number): ResourceSummary {
    const durationMs = this.last - this.t0;
    const cpuAll = process.cpuUsage(this.cpu0);
    const out: ResourceSummary = {
      intervalMs: this.intervalMs,
      samples: this.samples,
      durationMs,
      cpu: { user: this.cpu.user.stat(), system: this.cpu.system.stat(), total: this.cpu.total.stat() },
      memory: {
        rss: this.memory.rss.stat(),
        heapUsed: this.memory.heapUsed.stat(),
        external: this.memory.external.stat(),
        arrayBuffers: this.memory.arrayBuffers.stat(),
      },
      gc: this.gc,
      series: this.series.read(),
      overhead: { perSampleNs: 0, fraction: 0 },
    };
    const costs = this.selfMs.slice(0, Math.min(this.samples, SELF_COSTS)).sort();
    if (costs.length) {
      const medianMs = costs[costs.length >> 1];
      out.overhead = { perSampleNs: medianMs * 1e6, fraction: durationMs > 0 ? (medianMs * this.samples) / durationMs : 0 };
    }
    if (operations && operations > 0) out.cpu.perOpNs = ((cpuAll.user + cpuAll.system) * 1e3) / operations;
    const h = this.eld;
    if (h && h.count > 0) out.eventLoopDelay = { mean: h.mean, p50: h.percentile(50), p99: h.percentile(99), max: h.max };
    return out;
  }
}
