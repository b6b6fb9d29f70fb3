/** Options for benchmarks, groups and runs, with their defaults. */
import type { ProcessSetup } from './process-flags.js';
import type { LoadOptions, LoadRequest } from '../load/options.js';
import type { ResourceOptions } from '../resources/options.js';

/** Argument values for one point of a benchmark's parameter product. */
export type ArgValue = string | number | boolean;
/** Axes of a benchmark's parameter product: each key lists the values to try. */
export type ArgAxes = Record<string, readonly ArgValue[]>;
/** The arguments one call receives. */
export type Args = Record<string, ArgValue>;

/** The function under test. Receives the arguments (prepared outside the timed region) and the per-sample state. */
export type BenchFn<S = unknown, A extends Args = Args> = (args: A, state: S) => unknown;

/** Argument axes whose value types are inferred: `{ n: [10, 100] }` gives the function `{ n: number }`. */
export type AxesOf<A extends Args> = { [K in keyof A]: readonly A[K][] };

/** Lifecycle hooks; none of them is ever timed. */
export interface Hooks<S = unknown, A extends Args = Args> {
  /** Before the benchmark's first sample (once per argument point). @default undefined */
  before?: (args: A) => unknown;
  /** After its last sample. @default undefined */
  after?: (args: A) => unknown;
  /** Before every sample: its result is passed to the function as `state` (fresh input for in-place work). @default undefined */
  setup?: (args: A) => S | Promise<S>;
  /** After every sample. @default undefined */
  teardown?: (args: A, state: S) => unknown;
}

/** How long and how precisely to sample. */
export interface SamplingOptions {
  /** Target half-width of the median's 95% CI (or of the ratio's, in a group), relative. @default 0.01 */
  precision?: number;
  /** Minimum samples before the precision rule may stop. @default 12 */
  minSamples?: number;
  /** Maximum samples. @default 100000 */
  maxSamples?: number;
  /** Minimum sampling time in ms before the precision rule may stop. @default 50 */
  minTimeMs?: number;
  /** Time budget per benchmark in ms (per contender, in a group). @default 1000 */
  maxTimeMs?: number;
  /** Minimum duration of one sample in ns (raised to 1000x the clock's resolution). @default 100000 */
  minSampleNs?: number;
  /** Upper bound on warm-up in ms. @default 500 */
  warmupMs?: number;
  /** Fixed number of samples (disables adaptive stopping). @default undefined (adaptive) */
  samples?: number;
  /** Call `gc()` between samples (exposed at run time when Node was not started with `--expose-gc`). @default false */
  gc?: boolean;
  /**
   * How long a benchmark may run past its planned time (warm-up bounds plus sampling budget, see
   * docs/design.md) before it is recorded as timed out, in ms. In-process it is checked between
   * samples and raced against promises; isolated, the worker or child process is killed. @default 60000
   */
  timeoutMs?: number;
  /** Keep per-iteration samples in results. @default true */
  keepSamples?: boolean;
  /**
   * Calls per sample, fixed instead of calibrated. `1` makes every sample one call, so percentiles
   * (p95, p99) are over calls rather than over batch means; the clock's read cost is measured by the
   * empty loop of one call and subtracted. @default undefined (batches calibrated to minSampleNs)
   */
  callsPerSample?: number;
}

/** Options of one benchmark. */
export interface BenchOptions<S = unknown, A extends Args = Args> extends Hooks<S, A>, SamplingOptions, ProcessSetup {
  /** Parameter axes: the benchmark runs once per point of their Cartesian product. @default undefined (one point, no arguments) */
  args?: AxesOf<A>;
  /** Time GPU work (CUDA events) instead of CPU time. @default false */
  gpu?: boolean | { device?: number; mode?: 'cold' | 'hot' | 'graph' };
  /** Skip this benchmark, with the reason shown in results. @default false */
  skip?: string | boolean;
  /** Sample CPU, memory, event-loop delay and GC while measuring (docs/load.md). @default false for `bench`, true for `load` */
  resources?: boolean | ResourceOptions;
  /** Run as a load test (what `load(name, fn, options)` registers; docs/load.md). @default undefined (a benchmark) */
  load?: LoadOptions;
  /**
   * What one iteration processes, for bytes/s or items/s beside the time (like Google Benchmark's
   * SetBytesProcessed / SetItemsProcessed): a number, or a function of the arguments. @default undefined (time only)
   */
  throughput?: ThroughputOption<A>;
}

/** Bytes and/or items one iteration processes: positive numbers, or functions of the argument point. */
export interface ThroughputOption<A extends Args = Args> {
  bytes?: number | ((args: A) => number);
  items?: number | ((args: A) => number);
}

/** The function a load test calls once per request. */
export type LoadFn<A extends Args = Args> = (args: A, request: LoadRequest) => unknown;

/** Options of `load(name, fn, options)`: the load shape, plus a benchmark's hooks, arguments, skip and resource sampling. */
export type LoadTestOptions<A extends Args = Args> = LoadOptions &
  Pick<BenchOptions<unknown, A>, 'before' | 'after' | 'args' | 'skip' | 'resources'>;

/** Options of a group of contenders. */
export interface GroupOptions extends SamplingOptions, ProcessSetup {
  /** Name of the contender the others are compared with. @default the first contender */
  baseline?: string;
  /** Run each contender once on the same input and report any whose output differs from the baseline's. @default false */
  equivalence?: boolean;
  /** Parameter axes shared by every contender. @default undefined (one point) */
  args?: ArgAxes;
  /** Sample CPU, memory, event-loop delay and GC over the whole group's sampling (docs/load.md). @default false */
  resources?: boolean | ResourceOptions;
}

/** Options of a run. */
export interface RunOptions extends SamplingOptions, ProcessSetup {
  /** Print nothing. @default false */
  quiet?: boolean;
  /** Only benchmarks whose id matches (substring, or /regex/). @default undefined (all) */
  filter?: string | RegExp;
  /** Run each top-level benchmark or group in a fresh worker thread or child process. @default 'none' */
  isolate?: 'none' | 'worker' | 'process';
  /** Hardware/software counters to collect per sample. @default undefined (none) */
  counters?: 'default' | string[];
  /** Label stored with the results. @default undefined */
  tag?: string;
  /** Called with progress events (the CLI draws its progress bar from these). @default undefined */
  onProgress?: (event: ProgressEvent) => void;
  /** Equivalence check for every group. @default false */
  equivalence?: boolean;
  /**
   * Absolute time (Date.now() milliseconds) after which no benchmark starts: those left are recorded
   * as errors ("not run"), one running in-process stops at its next check, an isolated one is killed.
   * The CLI's `--timeout` sets it. @default undefined (no deadline)
   */
  deadline?: number;
  /**
   * Heap limit in MB of an isolated worker (`resourceLimits.maxOldGenerationSizeMb`) or child process
   * (`--max-old-space-size`). @default undefined (V8's own, as for the host)
   */
  memoryLimitMb?: number;
  /**
   * Band of relative change within which instruction counts (`--mode instructions`) are the same in
   * group verdicts; the CLI passes the policy's `instructionNoise`. @default 0.005
   */
  instructionNoise?: number;
  /**
   * With isolation, each child writes a CPU profile of its task to this folder
   * (`<task>.cpuprofile`); the CLI's `--profile` sets it. @default undefined (no profile)
   */
  profileDir?: string;
  /** Resource sampling for every benchmark without its own setting. @default undefined (off for `bench`, on for `load`) */
  resources?: boolean | ResourceOptions;
  /** Overrides of every load test's options (`cyclebench load --concurrency 10`). @default undefined (each test's own) */
  load?: LoadOptions;
}

/**
 * Default band for instruction counts: identical code gives identical counts (docs/counters.md), so
 * what remains is code-layout and allocation-path variation of unrelated changes, well under 0.5%.
 */
export const DEFAULT_INSTRUCTION_NOISE = 0.005;

/** Progress reported while running. */
export type ProgressEvent =
  | { type: 'start'; total: number; estimateMs: number }
  | { type: 'bench'; id: string; index: number; total: number }
  | {
      type: 'done';
      id: string;
      index: number;
      total: number;
      status: 'ok' | 'error' | 'skipped';
      medianNs?: number;
      unit?: string;
      /** Probable dead code: the upper bound of its cost above the empty loop, in unit. */
      boundNs?: number;
    };

/** Resolved sampling options: every field set. */
export type Sampling = Required<Omit<SamplingOptions, 'samples' | 'callsPerSample'>> & { samples?: number; callsPerSample?: number };

/** Defaults; `quick` trades precision for time. */
export const DEFAULT_SAMPLING: Sampling = {
  precision: 0.01,
  minSamples: 12,
  maxSamples: 100_000,
  minTimeMs: 50,
  maxTimeMs: 1000,
  minSampleNs: 100_000,
  warmupMs: 500,
  gc: false,
  timeoutMs: 60_000,
  keepSamples: true,
};

/** The `--quick` preset. */
export const QUICK_SAMPLING: Partial<Sampling> = { precision: 0.03, maxTimeMs: 200, warmupMs: 100, minTimeMs: 20 };

/** Merges sampling options, later ones winning; undefined fields do not override. */
export function resolveSampling(...layers: Array<SamplingOptions | undefined>): Sampling {
  const out: Sampling = { ...DEFAULT_SAMPLING };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) {
      if (v !== undefined && k in DEFAULT_SAMPLING) (out as Record<string, unknown>)[k] = v;
      if (k === 'samples' && v !== undefined) out.samples = v as number;
      if (k === 'callsPerSample' && v !== undefined) out.callsPerSample = v as number;
    }
  }
  return out;
}
