/**
 * GPU timing: capability report, event timers, samples in cold/hot/graph modes with telemetry, the
 * GPU stopping rule, kernels from TypeScript (NVRTC, modules, launches), device memory and
 * multi-device scaling. `gpu` bundles the facade; every function is also a named export.
 */
import { arg, packArgs } from './args.js';
import { cudaCapability, hasGpu } from './capability.js';
import { compile, loadModule } from './kernels.js';
import { alloc, copyToDevice, copyToHost, free, memoryInfo } from './memory.js';
import { createGpuSampler, sampleGpu } from './sample.js';
import { scaling } from './scaling.js';
import { gpuIterationsPerSample, gpuShouldStop, gpuStopRule } from './stop.js';
import { createStream, synchronize } from './stream.js';
import { EventTimer, time } from './timer.js';
import { withGpu } from './binding.js';

export { arg, packArgs } from './args.js';
export type { DevicePointer, KernelArg, KernelArgInput, KernelArgType } from './args.js';
export { toCycleBenchError } from './binding.js';
export type { GpuDeviceInfo, GpuProbe, Handle, LibraryState, NvmlReading } from './binding.js';
export { capabilityFromProbe, cudaCapability, hasGpu } from './capability.js';
export type { CudaCapability, CudaDetails, CudaReport, GpuLibrary } from './capability.js';
export { BoundLaunch, compile, GpuModule, Kernel, loadModule } from './kernels.js';
export type { CompiledProgram, CompileOptions, Dim3, LaunchConfig } from './kernels.js';
export { alloc, copyToDevice, copyToHost, DeviceBuffer, free, memoryInfo } from './memory.js';
export { createGpuSampler, GpuSampler, sampleGpu } from './sample.js';
export type { GpuMode, GpuSample, GpuSampleOptions } from './sample.js';
export { defaultCounts, formatScalingTable, scaling, scalingRows } from './scaling.js';
export type { ScalingOptions, ScalingRow, WorkloadFactory } from './scaling.js';
export { gpuIterationsPerSample, gpuShouldStop, gpuStopRule, MAX_BLOCKED_LAUNCHES, relativeNoise } from './stop.js';
export type { GpuStopDecision, GpuStopRule, GpuStopState } from './stop.js';
export { createStream, GpuStream, streamHandle, synchronize } from './stream.js';
export type { StreamLike } from './stream.js';
export { busyNs, classifyThrottle, kernelRecords, summarizeKernels, THROTTLE_CLOCK_FRACTION } from './telemetry.js';
export type { KernelRecord, KernelSummary } from './telemetry.js';
export { EventTimer, time } from './timer.js';
export type { GpuWork, GpuWorkContext, TimerOptions } from './timer.js';

/** The SM clock measured by a clock64/globaltimer spin of `ns` GPU nanoseconds (default 1 ms). */
export function measureSmClock(device = 0, ns = 1_000_000): { ns: number; cycles: number; smClockMHz: number } {
  return withGpu((g) => g.clockRate(device, ns), 'clockRate');
}

/** The GPU facade: `gpu.time(fn)`, `gpu.sample(fn, opts)`, `gpu.compile(src)`, `gpu.alloc(bytes)`... */
export const gpu = {
  capability: cudaCapability,
  available: hasGpu,
  time,
  EventTimer,
  sample: sampleGpu,
  sampler: createGpuSampler,
  stopRule: gpuStopRule,
  shouldStop: gpuShouldStop,
  iterationsPerSample: gpuIterationsPerSample,
  compile,
  loadModule,
  arg,
  packArgs,
  alloc,
  copyToDevice,
  copyToHost,
  free,
  memoryInfo,
  createStream,
  synchronize,
  scaling,
  measureSmClock,
};
