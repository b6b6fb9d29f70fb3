/**
 * A minimal GPU benchmark loop over the facade, as the engine is meant to run one: a sampler per
 * benchmark, samples sized by gpuIterationsPerSample, throttled samples discarded with back-off,
 * stopping by gpuShouldStop: the engine's loop (src/engine/gpu.ts), with a summary shape for check.ts.
 */
import type { GpuSample, GpuSampleOptions, GpuStopRule, GpuWork } from '../../src/gpu/index.js';
import { sampleGpuSeries } from '../../src/engine/gpu.js';
import { median } from '../../src/stats/index.js';

export interface GpuRun {
  name: string;
  mode: string;
  medianNs: number;
  minNs: number;
  noise: number;
  samples: number;
  iterationsPerSample: number;
  stopReason: string;
  throttledDiscarded: number;
  last: GpuSample;
}

/** Samples `fn` until the GPU stopping rule says stop (the engine's own GPU loop). */
export async function runGpu(name: string, fn: GpuWork, options: GpuSampleOptions = {}, rule: Partial<GpuStopRule> = {}): Promise<GpuRun> {
  const s = await sampleGpuSeries(fn, options, rule);
  return {
    name,
    mode: s.mode,
    medianNs: median(s.samplesNs),
    minNs: Math.min(...s.samplesNs),
    noise: s.noise,
    samples: s.samplesNs.length,
    iterationsPerSample: s.iterationsPerSample,
    stopReason: s.stopReason,
    throttledDiscarded: s.throttledDiscarded,
    last: s.last,
  };
}

/** One line per run. */
export function formatRun(r: GpuRun, extra = ''): string {
  const us = (ns: number) => `${(ns / 1e3).toFixed(3)} us`;
  return `${r.name.padEnd(34)} ${r.mode.padEnd(5)} median ${us(r.medianNs).padStart(13)}  min ${us(r.minNs).padStart(13)}  noise ${(r.noise * 100).toFixed(2)}%  n=${r.samples}x${r.iterationsPerSample} (${r.stopReason})${r.throttledDiscarded ? ` throttled-discarded=${r.throttledDiscarded}` : ''}${extra ? `  ${extra}` : ''}`;
}
