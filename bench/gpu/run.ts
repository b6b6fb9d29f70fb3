/**
 * A minimal GPU benchmark loop over the facade, as the engine is meant to run one: a sampler per
 * benchmark, samples sized by gpuIterationsPerSample, throttled samples discarded with back-off,
 * stopping by gpuShouldStop. Used by saxpy.bench.ts and check.ts until `bench(name, fn, { gpu: true })`
 * is wired into the engine.
 */
import { createGpuSampler, gpuIterationsPerSample, gpuShouldStop, gpuStopRule, type GpuSample, type GpuSampleOptions, type GpuStopRule, type GpuWork } from '../../src/gpu/index.js';

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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Samples `fn` until the GPU stopping rule says stop. */
export async function runGpu(name: string, fn: GpuWork, options: GpuSampleOptions = {}, rule: Partial<GpuStopRule> = {}): Promise<GpuRun> {
  const r = { ...gpuStopRule, ...rule };
  const sampler = createGpuSampler(fn, options);
  try {
    const probe = await sampler.sample(1); // warm-up and size estimate
    const iterations = gpuIterationsPerSample(sampler.mode, probe.gpuNs);
    const samples: number[] = [];
    let total = 0;
    let discarded = 0;
    let last = probe;
    const t0 = Date.now();
    for (;;) {
      const { sample, discarded: d } = await sampler.sampleSettled(iterations, r);
      discarded += d;
      last = sample;
      samples.push(sample.gpuNs);
      total += sample.totalGpuNs;
      const verdict = gpuShouldStop({ samplesNs: samples, totalGpuNs: total, elapsedMs: Date.now() - t0 }, r);
      if (verdict.stop)
        return {
          name,
          mode: sampler.mode,
          medianNs: median(samples),
          minNs: Math.min(...samples),
          noise: verdict.noise,
          samples: samples.length,
          iterationsPerSample: iterations,
          stopReason: verdict.reason,
          throttledDiscarded: discarded,
          last,
        };
    }
  } finally {
    sampler.dispose();
  }
}

/** One line per run. */
export function formatRun(r: GpuRun, extra = ''): string {
  const us = (ns: number) => `${(ns / 1e3).toFixed(3)} us`;
  return `${r.name.padEnd(34)} ${r.mode.padEnd(5)} median ${us(r.medianNs).padStart(13)}  min ${us(r.minNs).padStart(13)}  noise ${(r.noise * 100).toFixed(2)}%  n=${r.samples}x${r.iterationsPerSample} (${r.stopReason})${r.throttledDiscarded ? ` throttled-discarded=${r.throttledDiscarded}` : ''}${extra ? `  ${extra}` : ''}`;
}
