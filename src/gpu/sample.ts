/**
 * GPU samples for the engine: one sample = `iterations` runs of the work, timed by CUDA events, in
 * one of three modes:
 * - `cold`: the L2 cache is flushed before every iteration (outside the timed region) and each
 *   iteration has its own event pair; all of it queues behind a blocking kernel, so the events time
 *   the kernels alone, without launch latency;
 * - `hot`: back-to-back iterations between one event pair (queued behind the blocking kernel when
 *   there are at most {@link MAX_BLOCKED_LAUNCHES});
 * - `graph`: the work is captured once into a CUDA graph on a non-default stream and replayed
 *   `iterations` times between one event pair: for microsecond-scale kernels.
 * Each sample also carries NVML telemetry (clock, throttling, temperature, power), the device memory
 * in use, and, when asked, CUPTI per-kernel records.
 */
import { CycleBenchError } from '../errors.js';
import { toCycleBenchError, withGpu, type GpuBinding } from './binding.js';
import { cudaCapability } from './capability.js';
import { gpuStopRule, MAX_BLOCKED_LAUNCHES, type GpuStopRule } from './stop.js';
import { createStream, type GpuStream } from './stream.js';
import { classifyThrottle, kernelRecords, summarizeKernels, type KernelRecord, type KernelSummary } from './telemetry.js';
import { EventTimer, type GpuWork, type TimerOptions } from './timer.js';

/** How a sample runs the work; see the module comment. */
export type GpuMode = 'cold' | 'hot' | 'graph';

/** Options of a sampler. */
export interface GpuSampleOptions extends TimerOptions {
  /** Default `cold`. */
  mode?: GpuMode;
  /** Record each kernel with CUPTI (name, GPU start/end). Default false: it adds launch overhead. */
  kernels?: boolean;
  /** Read NVML after each sample (clock, throttling, temperature, power). Default true. */
  telemetry?: boolean;
  /** Flush L2 before each iteration (cold) or before the sample (hot). Default: true in cold mode only. */
  flushL2?: boolean;
  /** Queue the work behind a blocking kernel to hide launch latency. Default true (not in graph mode). */
  blockLaunches?: boolean;
  /** The blocking kernel gives up after this long (then the sample says so). Default 5000 ms. */
  blockTimeoutMs?: number;
}

/** One GPU sample. Times in ns; absent telemetry fields were not available. */
export interface GpuSample {
  /** GPU time per iteration. */
  gpuNs: number;
  /** GPU time of the whole sample (sum over iterations). */
  totalGpuNs: number;
  iterations: number;
  mode: GpuMode;
  device: number;
  /** Work was queued behind the blocking kernel, which did not time out: no launch latency inside. */
  launchLatencyHidden: boolean;
  /** CUPTI records of the sample's kernels (cyclebench's own left out), when `kernels` was asked. */
  kernels?: KernelRecord[];
  kernelSummary?: KernelSummary[];
  /** Why per-kernel records are missing although asked for (CUPTI absent or in use): events only. */
  kernelsUnavailable?: string;
  /** CUPTI records dropped (buffers full); the list is incomplete when > 0. */
  droppedRecords?: number;
  smClockMHz?: number;
  smClockDefaultMHz?: number;
  throttled: boolean;
  throttleReasons: string[];
  temperatureC?: number;
  powerW?: number;
  /** Device memory in use (all processes) after the sample. */
  memoryUsedBytes?: number;
  /** Change of device memory in use since the sampler was created. */
  memoryDeltaBytes?: number;
  /** Anything the reader should know (time-outs, missing telemetry). */
  notes: string[];
}

/** Takes many samples of one piece of work cheaply: events, streams and graphs are reused. */
export class GpuSampler {
  readonly device: number;
  readonly mode: GpuMode;
  readonly #fn: GpuWork;
  readonly #opts: GpuSampleOptions;
  readonly #stream: bigint;
  readonly #ownStream?: GpuStream;
  readonly #timers: EventTimer[] = [];
  readonly #nvml: boolean;
  readonly #baselineUsed?: number;
  #graph?: bigint;
  #disposed = false;
  #nvmlNote?: string;

  constructor(fn: GpuWork, options: GpuSampleOptions = {}) {
    this.#fn = fn;
    this.#opts = options;
    this.device = options.device ?? 0;
    this.mode = options.mode ?? 'cold';
    if (!['cold', 'hot', 'graph'].includes(this.mode))
      throw new CycleBenchError('E_BAD_ARGUMENT', `GPU mode must be cold, hot or graph, got ${String(this.mode)}`);
    if (this.mode === 'graph' && (options.stream === undefined || options.stream === 0 || options.stream === 0n)) {
      this.#ownStream = createStream(this.device);
      this.#stream = this.#ownStream.handle;
    } else {
      this.#timers.push(new EventTimer({ device: this.device, stream: options.stream }));
      this.#stream = this.#timers[0].stream;
    }
    if (this.#timers.length === 0) this.#timers.push(new EventTimer({ device: this.device, stream: this.#stream }));
    const cap = cudaCapability();
    this.#nvml = (options.telemetry ?? true) && cap.nvml.available;
    if ((options.telemetry ?? true) && !cap.nvml.available) this.#nvmlNote = `no NVML telemetry: ${cap.nvml.reason}`;
    this.#baselineUsed = withGpu((g) => g.memInfo(this.device).usedBytes, 'memInfo');
  }

  #timer(i: number): EventTimer {
    while (this.#timers.length <= i) this.#timers.push(new EventTimer({ device: this.device, stream: this.#stream }));
    return this.#timers[i];
  }

  async #capture(g: GpuBinding): Promise<bigint> {
    g.graphBegin(this.device, this.#stream);
    try {
      await this.#fn({ device: this.device, stream: this.#stream, iteration: 0 });
    } catch (err) {
      try {
        g.graphDestroy(g.graphEnd(this.device, this.#stream).graph);
      } catch {
        /* the capture is over either way */
      }
      throw err;
    }
    const { graph, nodes } = g.graphEnd(this.device, this.#stream);
    if (nodes === 0) {
      g.graphDestroy(graph);
      throw new CycleBenchError('E_GPU', 'graph mode captured no work: launch on ctx.stream (the capture stream), not the default stream');
    }
    return graph;
  }

  /** Takes one sample of `iterations` runs (cold mode: each iteration timed cold). */
  async sample(iterations = 1): Promise<GpuSample> {
    if (this.#disposed) throw new CycleBenchError('E_GPU', 'the GPU sampler was disposed');
    if (!Number.isInteger(iterations) || iterations < 1)
      throw new CycleBenchError('E_BAD_ARGUMENT', `iterations must be a positive integer, got ${iterations}`);
    const g = withGpu((b) => b);
    try {
      return await this.#sample(g, iterations);
    } catch (err) {
      throw toCycleBenchError(err, 'GPU sample');
    }
  }

  async #sample(g: GpuBinding, iterations: number): Promise<GpuSample> {
    const notes: string[] = this.#nvmlNote ? [this.#nvmlNote] : [];
    const mode = this.mode;
    const dev = this.device;
    const s = this.#stream;
    if (mode === 'graph' && this.#graph === undefined) this.#graph = await this.#capture(g);
    let kernelsReason: string | undefined;
    if (this.#opts.kernels) kernelsReason = g.cuptiBegin();
    const tracing = this.#opts.kernels === true && kernelsReason === '';
    const flush = this.#opts.flushL2 ?? mode === 'cold';
    const wantBlock = (this.#opts.blockLaunches ?? true) && mode !== 'graph' && (mode === 'cold' || iterations <= MAX_BLOCKED_LAUNCHES);
    let blocked = false;
    const timers = mode === 'cold' ? iterations : 1;
    for (let i = 0; i < timers; i++) this.#timer(i);
    let totalNs = 0;
    try {
      if (wantBlock) blocked = g.block(dev, s, Math.round((this.#opts.blockTimeoutMs ?? 5000) * 1e6));
      if (mode === 'cold') {
        for (let i = 0; i < iterations; i++) {
          if (flush) g.flushL2(dev, s);
          this.#timers[i].start();
          await this.#fn({ device: dev, stream: s, iteration: i });
          this.#timers[i].stop();
        }
      } else {
        if (flush) g.flushL2(dev, s);
        this.#timers[0].start();
        if (mode === 'graph') g.graphLaunch(dev, this.#graph!, s, iterations);
        else for (let i = 0; i < iterations; i++) await this.#fn({ device: dev, stream: s, iteration: i });
        this.#timers[0].stop();
      }
    } finally {
      if (blocked) g.release(dev);
    }
    for (let i = 0; i < timers; i++) totalNs += this.#timers[i].elapsedNs();
    const timedOut = blocked && g.blockTimedOut(dev);
    if (timedOut)
      notes.push(
        'the blocking kernel timed out: the work synchronised inside the sample or enqueueing took too long, so launch latency is included',
      );
    if (wantBlock && !blocked) notes.push('the device cannot map host memory: no blocking kernel, launch latency is included');
    const out: GpuSample = {
      gpuNs: totalNs / iterations,
      totalGpuNs: totalNs,
      iterations,
      mode,
      device: dev,
      launchLatencyHidden: mode === 'graph' || (blocked && !timedOut),
      throttled: false,
      throttleReasons: [],
      notes,
    };
    if (this.#opts.kernels) {
      if (tracing) {
        const { records, dropped } = g.cuptiEnd();
        out.kernels = kernelRecords(records);
        out.kernelSummary = summarizeKernels(out.kernels);
        out.droppedRecords = dropped;
        if (dropped > 0) notes.push(`CUPTI dropped ${dropped} kernel records: the kernel list is incomplete`);
      } else {
        out.kernelsUnavailable = kernelsReason;
        notes.push(`no per-kernel records (${kernelsReason}): events only`);
      }
    }
    if (this.#nvml) {
      try {
        const r = g.nvmlRead(dev);
        const verdict = classifyThrottle(r);
        Object.assign(out, {
          smClockMHz: r.smClockMHz,
          smClockDefaultMHz: r.smClockDefaultMHz,
          temperatureC: r.temperatureC,
          powerW: r.powerW,
          throttled: verdict.throttled,
          throttleReasons: verdict.reasons,
        });
      } catch (err) {
        notes.push(`NVML reading failed: ${(err as Error).message}`);
      }
    }
    const used = g.memInfo(dev).usedBytes;
    out.memoryUsedBytes = used;
    if (this.#baselineUsed !== undefined) out.memoryDeltaBytes = used - this.#baselineUsed;
    for (const k of Object.keys(out) as (keyof GpuSample)[]) if (out[k] === undefined) delete out[k];
    return out;
  }

  /**
   * Takes a sample, discarding throttled ones with a doubling back-off (rule.throttleBackoffMs, at
   * most rule.maxThrottleRetries times; the last one is then kept, flagged). Returns the sample and
   * how many were discarded (for BenchResult.flags.throttledSamples).
   */
  async sampleSettled(iterations = 1, rule: Readonly<GpuStopRule> = gpuStopRule): Promise<{ sample: GpuSample; discarded: number }> {
    let wait = rule.throttleBackoffMs;
    for (let discarded = 0; ; discarded++) {
      const sample = await this.sample(iterations);
      if (!sample.throttled || discarded >= rule.maxThrottleRetries) return { sample, discarded };
      await new Promise((r) => setTimeout(r, wait));
      wait *= 2;
    }
  }

  /** Releases the graph and the stream this sampler created. Idempotent. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#graph !== undefined) withGpu((g) => g.graphDestroy(this.#graph!), 'graphDestroy');
    this.#ownStream?.destroy();
  }
}

/** Creates a sampler; the engine keeps one per GPU benchmark. Throws E_CUDA_UNAVAILABLE without a GPU. */
export function createGpuSampler(fn: GpuWork, options: GpuSampleOptions = {}): GpuSampler {
  return new GpuSampler(fn, options);
}

/** Takes one sample with a throwaway sampler (convenient; the engine should keep a sampler). */
export async function sampleGpu(fn: GpuWork, options: GpuSampleOptions & { iterations?: number } = {}): Promise<GpuSample> {
  const sampler = new GpuSampler(fn, options);
  try {
    return await sampler.sample(options.iterations ?? 1);
  } finally {
    sampler.dispose();
  }
}
