/**
 * cyclebench: cycle-accurate, statistically honest benchmarks for TypeScript.
 * @packageDocumentation
 */
export { capabilities } from './capabilities.js';
export type { Capabilities, CapabilityOptions } from './capabilities.js';
export { CycleBenchError } from './errors.js';
export type { Availability, CycleBenchErrorCode } from './errors.js';
export { bestClock, hrtimeClock, nativeClock, measureClock } from './clock/index.js';
export type { Clock, ClockReport } from './clock/index.js';
export { loadNative } from './native/load.js';
export type { NativeLoad } from './native/load.js';
export * from './engine/types.js';
export { bench, group, Suite, defaultSuite, setCollectOnly } from './engine/registry.js';
export type { BenchDef, GroupDef, Task } from './engine/registry.js';
export { run } from './engine/api.js';
export { doNotOptimize } from './engine/loop.js';
export { DEFAULT_SAMPLING, QUICK_SAMPLING } from './engine/options.js';
export type {
  ArgAxes,
  ArgValue,
  Args,
  BenchFn,
  BenchOptions,
  GroupOptions,
  Hooks,
  ProgressEvent,
  RunOptions,
  SamplingOptions,
} from './engine/options.js';
export { defineConfig } from './config.js';
export type { CycleBenchConfig } from './config.js';
export { compareRuns, evaluateRun, EXIT, parseTarget } from './compare/index.js';
export type { Comparison, GateReport, Policy, Target } from './compare/index.js';
export { readResult, writeResult, loadNamed, saveNamed, appendHistory, readHistory, gitState } from './store/index.js';
export { gpu, cudaCapability, hasGpu } from './gpu/index.js';
export type { CudaCapability, GpuSample, GpuWork } from './gpu/index.js';
export { openCounters, countersCapability, valgrindCapability } from './counters/index.js';
export type { CounterSet } from './counters/index.js';
