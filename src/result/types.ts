/**
 * The result format: one typed, versioned object per run. Everything downstream (stores, compare,
 * history, reporters) reads only these types. Times are nanoseconds per iteration unless `unit` says
 * otherwise.
 */
import type { Availability } from '../errors.js';

/** Bumped whenever a reader of an older version would misread a newer file. */
export const SCHEMA_VERSION = 1;

/** Statistics of one benchmark's per-iteration samples. */
export interface SampleStats {
  n: number;
  mean: number;
  median: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  min: number;
  max: number;
  stddev: number;
  /** Median absolute deviation, raw (not normal-scaled). */
  mad: number;
  /** Coefficient of variation, stddev / mean. */
  cv: number;
  /**
   * 95% confidence interval of the median: distribution-free order statistics, or, when the level
   * drifted during sampling and that is wider, median ± the batch-medians half-width; with several
   * processes (`--processes`), a t-interval over the per-process medians (`processes`). `method` is
   * absent in files written before it existed (then order statistics).
   */
  medianCI: { lo: number; hi: number; confidence: number; method?: 'order-statistics' | 'batch-medians' | 'processes' };
  /** Iterations per second from the median (1e9 / median for ns); absent when the median is not positive. */
  opsPerSec?: number;
}

/** Why sampling stopped. */
export type StopReason =
  | 'precision' // the median's CI reached the target width
  | 'budget' // the time budget ran out first
  | 'max-samples' // the sample cap was reached
  | 'fixed' // a fixed sample count was asked for
  | 'dead-code' // shown indistinguishable from the empty loop: more samples would only refine noise around 0
  | 'error'; // the benchmark threw

/** A counter value per iteration, or why it is not there. Never 0 for "not read". */
export type CounterValue = { available: true; value: number; scaled?: boolean } | { available: false; reason: string };

/** One benchmark (one point of its argument product) in a run. */
export interface BenchResult {
  /** Unique within a run: `group/name` plus `[k=v,...]` for arguments. */
  id: string;
  name: string;
  group?: string;
  args?: Record<string, string | number | boolean>;
  /** The file that defined it, relative to the working directory, when known. */
  file?: string;
  /** `skipped`: not measured (asked to skip, or it needs hardware this machine lacks): see skipReason. */
  status: 'ok' | 'error' | 'skipped';
  /**
   * What went wrong. `code` when there is one: the thrown error's own (`E_TIMEOUT`, a Node code such as
   * `ERR_WORKER_OUT_OF_MEMORY`) or the engine's (`E_EXIT`, `E_CRASH`, `E_UNHANDLED_REJECTION`, `E_THROWN_VALUE`).
   */
  error?: { name: string; message: string; stack?: string; code?: string };
  skipReason?: string;
  /**
   * Where this benchmark was measured, when a merged result joins runs from differing environments
   * (`cyclebench merge --allow-mixed`); absent otherwise (the run's `environment` holds for it).
   */
  environment?: Environment;
  /** What the samples measure: CPU time, GPU time, instructions (callgrind), or per-request latency under load. */
  kind: 'cpu' | 'gpu' | 'instructions' | 'load';
  /** Unit of every statistic below: `ns` or `instructions` per iteration (per request for `load`). */
  unit: 'ns' | 'instructions';
  /** Statistics after subtracting the empty loop's cost; absent for probable dead code (see statsUnavailable). */
  stats?: SampleStats;
  /** Why an `ok` result has no `stats`: set for probable dead code, whose corrected times are noise around 0. */
  statsUnavailable?: string;
  /**
   * Probable dead code: an upper confidence bound on the per-iteration cost above the empty loop
   * (in unit; the upper end of the Hodges-Lehmann interval of raw minus empty-loop samples, at least 0).
   */
  deadCode?: { upperBound: number; confidence: number; method: 'hodges-lehmann' };
  /** Statistics before subtraction. */
  rawStats?: SampleStats;
  /** Per-iteration cost of the empty measuring loop that was subtracted. */
  overhead?: number;
  /** Per-iteration corrected samples, in unit; kept so later comparisons can run real tests. */
  samples?: number[];
  /** Iterations in each sample (same order as samples). */
  iterations?: number[];
  /** Total iterations timed, warm-up excluded. */
  totalIterations: number;
  stopReason: StopReason;
  /** Wall time spent on this benchmark, warm-up included, in ms. */
  wallMs: number;
  flags: {
    /** Indistinguishable from the empty loop: the work was probably optimised away. */
    deadCode?: boolean;
    /** Samples during which a garbage collection ran. */
    gcSamples?: number;
    /** Tukey outliers among samples (counted, never dropped). */
    outliers?: { mild: number; severe: number };
    /** Warm-up ended on its bound rather than on settled timings. */
    warmupUnsettled?: boolean;
    /** GPU samples discarded for throttling. */
    throttledSamples?: number;
    /**
     * Resources (process.getActiveResourcesInfo() types: Timeout, Immediate, TCPWrap...) still active
     * after the benchmark's hooks and calls that were not before it, with how many more.
     */
    leakedResources?: Record<string, number>;
  };
  /** Heap bytes allocated per iteration (approximate, from heap statistics). */
  heapBytesPerIteration?: number;
  /** Counter values per iteration, keyed by event name. */
  counters?: Record<string, CounterValue>;
  /**
   * What one sample is, so what its percentiles are over: one call (`calls`), the mean of a batch of
   * calls (`batches`: p95 is then a percentile of batch means, not of calls), or one request of a load
   * test (`requests`). Absent in files written before it existed (then batches).
   */
  percentilesOver?: 'calls' | 'batches' | 'requests';
  /** Node flags of the process it was measured in, beyond the host's (`heap: 'steady'`, `tier: 'top'`). */
  processFlags?: string[];
  /** More than one performance state while sampling (docs/allocation.md): the levels and how often. */
  states?: StatesSummary;
  /**
   * Present when the benchmark was measured in several fresh processes (`--processes N`): each
   * process's median, and the spread between them beside the spread within them. `stats.median` and
   * `stats.medianCI` are then over processes (the process is the unit).
   */
  processes?: ProcessSpread;
  /**
   * GPU details (per-kernel times, clocks, memory) when kind is 'gpu'; `memoryClockMHz` and
   * `memoryBusWidthBits` (the device's peak, when the driver reports them) give the peak bandwidth.
   */
  gpu?: Record<string, unknown>;
  /** What one iteration processes, as declared (`bench(name, fn, { throughput: { bytes } })`); rates follow from the median. */
  throughput?: Throughput;
  /** The benchmark's grade: added by `cyclebench report --format json`, never stored by a run (it depends on the targets). */
  grade?: BenchGrade;
  /** How a load test ran (kind 'load'): model, requests, errors, throughput, clock cost. */
  load?: LoadSummary;
  /** CPU, memory, event-loop delay and GC while it was measured, when resource sampling was on. */
  resources?: ResourceSummary;
}

/** Amounts one iteration processes, like Google Benchmark's SetBytesProcessed / SetItemsProcessed. */
export interface Throughput {
  bytes?: number;
  items?: number;
}

/** Letter grades, best first. */
export const GRADES = ['A+', 'A', 'B', 'C', 'D', 'F'] as const;
/** A letter grade. */
export type GradeLetter = (typeof GRADES)[number];

/** A benchmark's grade against its stability and targets (docs/regression.md, "Grades"). */
export interface BenchGrade {
  /** Null when nothing was measured (skipped). */
  grade: GradeLetter | null;
  /** 1 - 1.4826 MAD / |median|, clamped to [0, 1]; null without statistics. */
  consistency: number | null;
  /** Each cap applied below the consistency grade, or why there is no grade. */
  reasons: string[];
  /** Targets judged on this benchmark, and how many it missed. */
  targets: { total: number; missed: number };
}

/** The performance states of a benchmark's samples: its levels in time order, found by stats' detectStates. */
export interface StatesSummary {
  /** Sorted by level: median, share of samples (0..1), stretches spent in it, GC events per sample. */
  states: { level: number; share: number; visits: number; gcPerSample?: number }[];
  /** Boundaries between different states. */
  switches: number;
  /** The states are 2.5x or more apart: most likely a JIT tier change during sampling (docs/tiering.md). */
  tierChange?: boolean;
  /**
   * The fastest level warm-up saw (ns per call, before overhead subtraction), when the samples were
   * 2.5x or more slower: the code got slower before sampling began (on Node 24+, Maglev code replacing
   * TurboFan's), which the samples alone cannot show. With it, `tierChange` is true.
   */
  warmupLevel?: number;
  /** `processes`: the levels of separate processes' medians (`--processes`), not of one process's samples. */
  across?: 'processes';
}

/** How a benchmark's level varied across fresh processes. */
export interface ProcessSpread {
  /** Each process's median, in unit, in the order the processes ran. */
  medians: number[];
  /** Coefficient of variation of the process medians: the spread between processes. */
  betweenCV: number;
  /** Mean relative half-width of the processes' own median CIs: the spread within a process. */
  withinHalfWidth: number;
}

/** A load test's run: `stats` hold the latency of successful requests in ns; this says the rest. */
export interface LoadSummary {
  /** `closed`: workers call back to back; `open`: requests start on a fixed schedule (`rate`). */
  model: 'closed' | 'open';
  /** Concurrent workers (closed), or the cap on requests in flight (open). */
  concurrency: number;
  /** Where the concurrency ran: one event loop, worker threads or child processes. */
  isolate: 'none' | 'worker' | 'process';
  /** Threads or processes that generated load (1 for `none`). */
  workers: number;
  /** Requests completed in the measured phase (warm-up excluded): `ok + failed`. */
  requests: number;
  ok: number;
  failed: number;
  /** ok / requests. */
  successRate: number;
  /** Of the failed requests, those that hit `timeout`. */
  timeouts: number;
  /** Failed requests grouped by error message, most frequent first (at most 20 messages). */
  errors: { message: string; count: number }[];
  /** Wall time of the measured phase, in ms. */
  durationMs: number;
  /** Completed requests (ok or not) per second of the measured phase. */
  throughput: number;
  /** Open model: the rate asked for, the rate requests actually started at, and the shortfall (1 - achieved / asked). */
  rate?: { target: number; achieved: number; shortfall: number };
  /** Where latency is measured from: the request's actual start (closed) or its scheduled start (open: coordinated omission corrected). */
  latencyFrom: 'start' | 'scheduled';
  /** Warm-up requests (not recorded). */
  warmup: number;
  /** The clock each latency is read with and what one read costs; a latency holds about one read's cost. */
  clock: { name: string; readNs: number };
  /** Per worker thread or process (isolate 'worker' | 'process'): its requests and resource summary. */
  perWorker?: { requests: number; ok: number; resources?: ResourceSummary }[];
}

/** Peak and mean of a resource over the samples. */
export interface ResourceStat {
  peak: number;
  mean: number;
}

/** What a resource sampler saw while a benchmark or load test was measured. */
export interface ResourceSummary {
  /** Sampling period asked for, in ms, and the samples actually taken. */
  intervalMs: number;
  samples: number;
  /** Wall time covered, in ms. */
  durationMs: number;
  /** Process CPU in percent of one core (100 = one core busy), from `process.cpuUsage`; `perOpNs`: CPU time per iteration or request. */
  cpu: { user: ResourceStat; system: ResourceStat; total: ResourceStat; perOpNs?: number };
  /** Bytes, from `process.memoryUsage()`. */
  memory: { rss: ResourceStat; heapUsed: ResourceStat; external: ResourceStat; arrayBuffers: ResourceStat };
  /** Event-loop delay in ns (`monitorEventLoopDelay`); absent when the loop was never free to be measured. */
  eventLoopDelay?: { mean: number; p50: number; p99: number; max: number };
  /** GC pauses by kind (`minor`, `major`, `incremental`, `weakcb`): count and total and longest pause in ms. */
  gc: Record<string, { count: number; totalMs: number; maxMs: number }>;
  /** A small time series (at most `SERIES_POINTS` points, averaged into buckets): ms since start, CPU %, RSS and heap bytes. */
  series: { t: number[]; cpu: number[]; rss: number[]; heapUsed: number[] };
  /** The sampler's own cost: median time per sample in ns, and that times the samples as a share of the wall time covered. */
  overhead: { perSampleNs: number; fraction: number };
  /** `group`: measured over a whole group, its contenders sampled interleaved (the same summary on each). */
  scope?: 'group';
}

/** A contender compared with its group's baseline. */
export interface GroupEntry {
  id: string;
  name: string;
  /** centre(contender) / centre(baseline): below 1 is faster. */
  ratio: number;
  ci: [number, number];
  pValue: number;
  verdict: 'faster' | 'slower' | 'same' | 'inconclusive';
}

/** A group's comparison against its baseline. */
export interface GroupComparison {
  group: string;
  baseline: string;
  /** Argument point, when the group's benchmarks have arguments. */
  args?: Record<string, string | number | boolean>;
  entries: GroupEntry[];
  /** Benchmarks whose output differed from the baseline's in the equivalence check. */
  mismatches?: string[];
}

/** A complexity fit across one numeric argument axis. */
export interface ComplexityFit {
  id: string;
  axis: string;
  best: string;
  coefficient: number;
  /** RMS residual per class: a fraction of t with `relative` weighting, else in the result's unit. */
  rms: Record<string, number>;
  /** How residuals were weighted; `relative` unless some point's time was 0. Absent in older files. */
  weighting?: 'absolute' | 'relative';
}

/** What a run was measured on. */
export interface Environment {
  cpu: { model: string; logicalCores: number; governor: string | null; arch: string };
  os: { platform: string; type: string; kernel: string };
  /**
   * Node and V8 versions and Node's options; `maglev`: whether V8's Maglev tier ran, `tierFlags`: the
   * options that change JIT tiering (absent in results written before 0.1 recorded them).
   */
  runtime: { node: string; v8: string; execArgv: string[]; maglev?: boolean; tierFlags?: string[] };
  clock: { name: string; frequencyHz: number; frequencySource: string; resolutionNs: number; overheadNs: number };
  native: Availability & { source: string };
  counters?: Availability;
  cuda?: Availability;
  /** Source control state, when the run happened in a git checkout. */
  git?: { commit: string; branch: string | null; dirty: boolean };
}

/**
 * Where an imported result was measured (`cyclebench import`): another tool's JSON, converted. Such
 * results carry no raw samples, so `compare` makes its labelled summary-only comparison.
 */
export interface ImportedFrom {
  /** The tool that measured. */
  tool: 'vitest' | 'mitata';
  /** The file that was read, as given to `cyclebench import`. */
  file: string;
  /** Always false: no raw samples were kept (see `ci` for how the medians' intervals were had). */
  samples: false;
  /** How each `stats.medianCI` was obtained from what the tool wrote. */
  ci: string;
}

/** Which share of a suite a run measured (`--shard K/N`). */
export interface ShardInfo {
  /** 1-based: K of `K/N`. */
  index: number;
  /** N of `K/N`. */
  count: number;
  /**
   * Fingerprint of the whole assignment of tasks to shards: shards planned alike (same suite, filter
   * and durations) carry the same one, so a merge can tell a shard planned differently.
   */
  plan: string;
}

/** One run: the unit that is saved, compared and appended to history. */
export interface RunResult {
  schemaVersion: typeof SCHEMA_VERSION;
  /** The writer; `importedFrom` is set when the figures were measured by another tool. */
  tool: { name: 'cyclebench'; version: string; importedFrom?: ImportedFrom };
  startedAt: string;
  finishedAt: string;
  /** Free label (`--tag before`). */
  tag?: string;
  /** Fresh processes pooled into this result (`--processes N`); absent for one. */
  processes?: number;
  mode: 'time' | 'instructions';
  /** Set on a shard's result (`cyclebench run --shard K/N`); `cyclebench merge` joins the shards and drops it. */
  shard?: ShardInfo;
  environment: Environment;
  benchmarks: BenchResult[];
  groups: GroupComparison[];
  complexity: ComplexityFit[];
}
