/**
 * GPU benchmarks in the engine: `bench(name, fn, { gpu: true })` samples GPU time (CUDA events,
 * optionally CUPTI per-kernel records) with the GPU stopping rule (relative noise <= 0.5% with a
 * minimum accumulated GPU time, and a timeout), then feeds the same statistics as CPU benchmarks.
 */
import { cudaCapability } from '../gpu/capability.js';
import { createGpuSampler, type GpuSample, type GpuSampleOptions } from '../gpu/sample.js';
import type { GpuWork } from '../gpu/timer.js';
import { gpuIterationsPerSample, gpuShouldStop, gpuStopRule, type GpuStopRule } from '../gpu/stop.js';
import type { Args, BenchOptions } from './options.js';
import type { BenchDef } from './defs.js';
import type { BenchResult, StopReason } from '../result/types.js';
import { failedResult, resolveThroughput, sampleStats } from './result.js';

/** Samples of one GPU benchmark, and why sampling stopped. */
export interface GpuSeries {
  samplesNs: number[];
  iterationsPerSample: number;
  stopReason: StopReason;
  throttledDiscarded: number;
  noise: number;
  mode: string;
  last: GpuSample;
}

/** The sampler options a benchmark's `gpu` option asks for. */
export function gpuOptions(gpu: BenchOptions['gpu']): GpuSampleOptions {
  return typeof gpu === 'object' ? { device: gpu.device, mode: gpu.mode } : {};
}

/** Samples GPU work until the GPU stopping rule says stop. */
export async function sampleGpuSeries(fn: GpuWork, options: GpuSampleOptions = {}, rule: Partial<GpuStopRule> = {}): Promise<GpuSeries> {
  const r = { ...gpuStopRule, ...rule };
  const sampler = createGpuSampler(fn, options);
  try {
    const probe = await sampler.sample(1); // warm-up, and the size estimate
    const iterations = gpuIterationsPerSample(sampler.mode, probe.gpuNs);
    const samplesNs: number[] = [];
    let total = 0;
    let discarded = 0;
    let last = probe;
    const t0 = performance.now();
    for (;;) {
      const { sample, discarded: d } = await sampler.sampleSettled(iterations, r);
      discarded += d;
      last = sample;
      samplesNs.push(sample.gpuNs);
      total += sample.totalGpuNs;
      const verdict = gpuShouldStop({ samplesNs, totalGpuNs: total, elapsedMs: performance.now() - t0 }, r);
      if (verdict.stop)
        return {
          samplesNs,
          iterationsPerSample: iterations,
          stopReason: verdict.reason,
          throttledDiscarded: discarded,
          noise: verdict.noise,
          mode: sampler.mode,
          last,
        };
    }
  } finally {
    sampler.dispose();
  }
}

/** Runs a `{ gpu: true }` benchmark: skipped with the reason where there is no usable GPU. */
export async function runGpuBench(def: BenchDef, args: Args, id: string, keepSamples: boolean): Promise<BenchResult> {
  const base = { id, name: def.name, args, file: def.file };
  const cuda = cudaCapability();
  if (!cuda.available) return failedResult(base, 'skipped', new Error(`needs a CUDA GPU: ${cuda.reason}`), 0, 'gpu');
  const started = performance.now();
  try {
    const throughput = resolveThroughput(def.options.throughput, args, id);
    await def.options.before?.(args);
    const series = await sampleGpuSeries(
      (ctx: Parameters<GpuWork>[0]) => def.fn(args, ctx) as void | Promise<void>,
      gpuOptions(def.options.gpu),
      {
        timeoutMs: def.options.maxTimeMs ?? gpuStopRule.timeoutMs,
      },
    );
    await def.options.after?.(args);
    const { last } = series;
    // The device's peak memory clock and bus width, so reports can give bandwidth as a fraction of peak.
    const info = cuda.devices.find((d) => d.ordinal === last.device);
    return {
      ...base,
      args: Object.keys(args).length ? args : undefined,
      status: 'ok',
      kind: 'gpu',
      unit: 'ns',
      stats: sampleStats(series.samplesNs),
      samples: keepSamples ? series.samplesNs : undefined,
      iterations: keepSamples ? series.samplesNs.map(() => series.iterationsPerSample) : undefined,
      totalIterations: series.samplesNs.length * series.iterationsPerSample,
      stopReason: series.stopReason,
      wallMs: performance.now() - started,
      flags: series.throttledDiscarded ? { throttledSamples: series.throttledDiscarded } : {},
      gpu: {
        mode: series.mode,
        device: last.device,
        relativeNoise: series.noise,
        kernels: last.kernelSummary,
        kernelsUnavailable: last.kernelsUnavailable,
        droppedRecords: last.droppedRecords,
        smClockMHz: last.smClockMHz,
        smClockDefaultMHz: last.smClockDefaultMHz,
        temperatureC: last.temperatureC,
        powerW: last.powerW,
        memoryUsedBytes: last.memoryUsedBytes,
        notes: last.notes,
        deviceName: info?.name,
        memoryClockMHz: info?.memoryClockMHz,
        memoryBusWidthBits: info?.memoryBusWidthBits,
      },
      ...(throughput ? { throughput } : {}),
    };
  } catch (err) {
    return failedResult(base, 'error', err, performance.now() - started, 'gpu');
  }
}
