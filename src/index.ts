/**
 * cyclebench: cycle-accurate, statistically honest benchmarks for TypeScript.
 *
 * The root entry holds what benchmark files and programs use: registration and running, the result
 * format, the regression gate and the stores. Statistics are in `cyclebench/stats`, GPU timing in
 * `cyclebench/gpu`.
 * @packageDocumentation
 */
// Writing and running benchmarks
export { bench, group, load } from './engine/registry.js';
export { Suite } from './engine/suite.js';
export { run } from './api.js';
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
  LoadFn,
  LoadTestOptions,
  ProgressEvent,
  RunOptions,
  SamplingOptions,
  ThroughputOption,
} from './engine/options.js';
export type { LoadOptions, LoadRequest } from './load/options.js';
export type { ResourceOptions } from './resources/options.js';
export { defineConfig } from './config.js';
export type { CycleBenchConfig } from './config.js';
export { CycleBenchError } from './errors.js';
export type { Availability, CycleBenchErrorCode } from './errors.js';

// What this machine can measure
export { capabilities } from './capabilities.js';
export type { Capabilities, CapabilityOptions } from './capabilities.js';
export { bestClock, hrtimeClock, nativeClock, measureClock } from './clock/index.js';
export type { Clock, ClockReport } from './clock/index.js';
export { openCounters, countersCapability, valgrindCapability } from './counters/index.js';
export type { CounterSet } from './counters/index.js';

// The result format
export { SCHEMA_VERSION } from './result/types.js';
export type {
  BenchResult,
  ComplexityFit,
  CounterValue,
  Environment,
  GroupComparison,
  GroupEntry,
  LoadSummary,
  ResourceStat,
  ResourceSummary,
  RunResult,
  ShardInfo,
  SampleStats,
  StopReason,
  Throughput,
  BenchGrade,
  GradeLetter,
} from './result/types.js';

// The regression gate and the stores
export { compareRuns, evaluateRun, EXIT, parseTarget } from './compare/index.js';
export type { BenchComparison, ExitCode, GateReport, Policy, ResourceChange, RunComparison, Target } from './compare/index.js';
export { readResult, writeResult, loadNamed, saveNamed, appendHistory, readHistory } from './store/index.js';
export type { HistoryEntry, HistoryRead } from './store/index.js';
