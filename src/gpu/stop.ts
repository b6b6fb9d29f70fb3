/**
 * The default stopping rule for GPU samples (nvbench's): keep sampling until the relative noise
 * (stddev / mean of per-iteration sample times) is at most 0.5%, with at least `minSamples` samples
 * and `minGpuTimeNs` of accumulated GPU time; stop anyway at `timeoutMs`. Pure.
 */
import { coefficientOfVariation } from '../stats/descriptive.js';
import type { StopReason } from '../result/types.js';

/** Thresholds of the GPU stopping rule. */
export interface GpuStopRule {
  /** Largest acceptable relative standard deviation of the samples (0.005 = 0.5%). */
  maxRelativeNoise: number;
  /** Fewest samples before stopping on precision. */
  minSamples: number;
  /** Least accumulated GPU time (sum of samples x iterations) before stopping on precision, ns. */
  minGpuTimeNs: number;
  /** Wall-clock budget, ms: stop with reason `budget` when reached. */
  timeoutMs: number;
  /** Sample cap: stop with reason `max-samples`. */
  maxSamples: number;
  /** First wait after a throttled sample, ms; doubles on each consecutive one. */
  throttleBackoffMs: number;
  /** Throttled samples in a row before giving up waiting and keeping the sample (flagged). */
  maxThrottleRetries: number;
}

/** nvbench's defaults: 0.5% noise, 10 samples, 0.5 s of GPU time, 15 s timeout. */
export const gpuStopRule: Readonly<GpuStopRule> = Object.freeze({
  maxRelativeNoise: 0.005,
  minSamples: 10,
  minGpuTimeNs: 0.5e9,
  timeoutMs: 15_000,
  maxSamples: 100_000,
  throttleBackoffMs: 50,
  maxThrottleRetries: 6,
});

/** Sample standard deviation over mean (stats' coefficient of variation); Infinity with fewer than 2 samples or a zero mean. */
export function relativeNoise(samples: ArrayLike<number>): number {
  if (samples.length < 2) return Infinity;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i];
  return sum === 0 ? Infinity : coefficientOfVariation(samples);
}

/** Where sampling stands. */
export interface GpuStopState {
  /** Per-iteration GPU time of each kept sample, ns. */
  samplesNs: ArrayLike<number>;
  /** GPU time accumulated over all kept samples (per-iteration time x iterations), ns. */
  totalGpuNs: number;
  /** Wall time since sampling began, ms. */
  elapsedMs: number;
}

/** The verdict: keep going, or stop with a reason; `noise` is the current relative noise. */
export type GpuStopDecision = { stop: false; noise: number } | { stop: true; reason: StopReason; noise: number };

/** Decides whether to stop taking GPU samples. */
export function gpuShouldStop(state: GpuStopState, rule: Readonly<GpuStopRule> = gpuStopRule): GpuStopDecision {
  const noise = relativeNoise(state.samplesNs);
  const n = state.samplesNs.length;
  if (n >= rule.minSamples && state.totalGpuNs >= rule.minGpuTimeNs && noise <= rule.maxRelativeNoise)
    return { stop: true, reason: 'precision', noise };
  if (n >= rule.maxSamples) return { stop: true, reason: 'max-samples', noise };
  if (state.elapsedMs >= rule.timeoutMs) return { stop: true, reason: 'budget', noise };
  return { stop: false, noise };
}

/** Most launches a hot sample queues behind the blocking kernel (the driver's launch queue is ~1024 deep). */
export const MAX_BLOCKED_LAUNCHES = 256;

/**
 * Iterations per sample for a mode, given an estimate of one iteration's GPU time: cold takes one
 * (every iteration cold); hot and graph batch up to ~`targetSampleNs` (default 1 ms), hot at most
 * {@link MAX_BLOCKED_LAUNCHES} so launches fit behind the blocking kernel.
 */
export function gpuIterationsPerSample(mode: 'cold' | 'hot' | 'graph', perIterationNs: number, targetSampleNs = 1e6): number {
  if (mode === 'cold') return 1;
  const n = Math.max(1, Math.ceil(targetSampleNs / Math.max(perIterationNs, 1)));
  return mode === 'hot' ? Math.min(n, MAX_BLOCKED_LAUNCHES) : Math.min(n, 10_000);
}
