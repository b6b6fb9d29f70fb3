/** benny 3's documented types, written here (the adapter never imports benny or benchmark.js). */
import type { RunResult } from '../../result/types.js';
import type { CyclebenchOptions } from '../core/options.js';

/** Per-case options (benchmark.js's, in seconds). */
export interface Options {
  /**
   * Delay between cycles in s. Accepted, not used (cyclebench samples without pauses).
   * @default 0.005
   */
  delay?: number;
  /**
   * Calls in the first cycle. Accepted, not used (cyclebench calibrates batch sizes itself).
   * @default 1
   */
  initCount?: number;
  /**
   * Minimum sampling time in s: cyclebench's `minTimeMs`.
   * @default 0.05 (cyclebench's minTimeMs)
   */
  minTime?: number;
  /**
   * Time budget in s: cyclebench's `maxTimeMs`. Sampling usually stops earlier, when the median's
   * 95% CI is within ±1%; benny's 5 s default is not needed for that, so cyclebench's 1 s applies.
   * @default 1
   */
  maxTime?: number;
  /**
   * Minimum number of samples: cyclebench's `minSamples`.
   * @default 12 (cyclebench's; benny's is 5)
   */
  minSamples?: number;
}

/** Suite settings, given with `configure()`. */
export interface Config {
  /** Options for every case (a case's own options win). @default {} */
  cases?: Options;
  /**
   * Minimum decimals of `ops` in printed and saved results; more are used when needed to tell cases apart.
   * @default 0
   */
  minDisplayPrecision?: number;
  /**
   * cyclebench's own options: result file, tag, sampling overrides.
   * @default {}
   */
  cyclebench?: CyclebenchOptions;
}

/** Options of `save()`. */
export interface SaveOptions {
  /** File name without extension, or a function of the summary. @default the summary's date as ISO 8601 */
  file?: string | ((summary: Summary) => string);
  /** Folder, created when missing. @default 'benchmark/results' */
  folder?: string;
  /** Version stored in the file. @default null */
  version?: string | null;
  /** Save every statistic, not only name, ops, margin and percentSlower. @default false */
  details?: boolean;
  /** Format (and extension). @default 'json' */
  format?: 'json' | 'csv' | 'table.html' | 'chart.html';
}

/** One case's result. `ops` is from the median; `margin` is the median's 95% CI half-width in %. */
export interface CaseResult {
  name: string;
  ops: number;
  margin: number;
  options: Required<Options>;
  samples: number;
  promise: boolean;
  /** Seconds per call (benchmark.js's unit), from cyclebench's per-iteration samples. */
  details: {
    min: number;
    max: number;
    mean: number;
    median: number;
    standardDeviation: number;
    marginOfError: number;
    relativeMarginOfError: number;
    standardErrorOfMean: number;
    sampleVariance: number;
    sampleResults: number[];
  };
  completed: boolean;
}

/** A case's result with its distance from the fastest case. */
export type CaseResultWithDiff = CaseResult & { percentSlower: number };

/** A suite's results: what `suite()` resolves to and `complete` handlers receive. */
export interface Summary {
  name: string;
  date: Date;
  results: CaseResultWithDiff[];
  fastest: { name: string; index: number };
  slowest: { name: string; index: number };
  /** The same run as a cyclebench result, with the suite as a group (interleaved sampling, ratios to the first case). */
  cyclebench: RunResult;
}

/** A benchmark: runs as is, or is a setup (sync or async) that returns the function to measure. */
export type Test = () => any;
export type CycleFn = (result: CaseResult, summary: Summary) => any;
export type CompleteFn = (summary: Summary) => any;

/** What `add`, `cycle`, `complete`, `save` and `configure` return, for `suite()` to use. */
export type Entry =
  | { kind: 'add'; name: string; test: Test; options: Options; only: boolean }
  | { kind: 'skip' }
  | { kind: 'cycle'; fn?: CycleFn }
  | { kind: 'complete'; fn?: CompleteFn }
  | { kind: 'save'; options: SaveOptions }
  | { kind: 'config'; entries: Config };
