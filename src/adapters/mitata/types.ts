/**
 * mitata 1's documented types, written here (the adapter never imports mitata). Times are in
 * nanoseconds, as in mitata.
 */
import type { BenchResult } from '../../result/types.js';
import type { CyclebenchOptions } from '../core/options.js';

/** What a generator benchmark's `state` (or an iterator benchmark's) reads: its arguments. */
export interface State {
  get(name: string): any;
}

/** An iterator benchmark's state: iterate it, doing one unit of work per step. */
export interface IterState extends State {
  [Symbol.iterator](): Iterator<undefined, void, undefined>;
  [Symbol.asyncIterator](): AsyncIterator<undefined, void, undefined>;
}

/** What a generator yields: the function to measure, or an object with `bench` and computed parameters `[0]()`, `[1]()`... */
export type Yielded =
  (() => any) | { bench: (...params: any[]) => any; concurrency?: number; heap?: boolean; counters?: boolean; [param: number]: () => any };
/** A generator benchmark. */
export type Gen = Generator<Yielded, void, undefined> | AsyncGenerator<Yielded, void, undefined>;
/** Any benchmark function mitata accepts. */
export type BenchFunction = (() => any) | ((state: IterState) => any) | ((state: State) => Gen);

/** Statistics of one benchmark at one argument point, ns per iteration. */
export interface Stats {
  /** mitata's generated source; cyclebench's loops are not shown (empty). */
  debug: string;
  /** Iterations timed. */
  ticks: number;
  /** Per-iteration samples (batch means, empty loop subtracted), sorted ascending. */
  samples: number[];
  kind: 'fn' | 'iter' | 'yield';
  min: number;
  max: number;
  avg: number;
  p25: number;
  p50: number;
  p75: number;
  p99: number;
  p999: number;
  /** cyclebench's full result (CI of the median, raw samples, overhead, flags). */
  cyclebench: BenchResult;
}

/** One argument point of a trial. */
export type Run = ({ stats: Stats; error: undefined } | { stats: undefined; error: Error }) & { name: string; args: Record<string, any> };

/** One `bench()` over all its argument points. */
export interface Trial {
  runs: Run[];
  alias: string;
  baseline: boolean;
  args: Record<string, any[]>;
  kind: 'args' | 'static' | 'multi-args';
  group: number;
  style: { compact: boolean; highlight: false | string };
}

/** Where the run happened. */
export interface Context {
  now: number;
  arch: string;
  runtime: 'node';
  version: string;
  /** `freq` is the cycle counter's frequency in GHz (mitata estimates the core clock instead). */
  cpu: { name: string; freq: number };
}

/** A scope's name and kinds (`g` group, `s` summary, `b` barplot, `x` boxplot, `l` lineplot), innermost first. */
export interface Layout {
  name: string | null;
  types: string[];
}

/** Options of `run()`. */
export interface RunOptions {
  /**
   * Rethrow the first benchmark error instead of recording it in the run.
   * @default false
   */
  throw?: boolean;
  /**
   * Only benchmarks whose name (before `$arg` substitution) matches.
   * @default /.*\/
   */
  filter?: RegExp;
  /**
   * Colour the table.
   * @default true unless NO_COLOR or NODE_DISABLE_COLORS is set (FORCE_COLOR forces it)
   */
  colors?: boolean;
  /**
   * Where output lines go.
   * @default console.log
   */
  print?: (s: string) => any;
  /**
   * Called with each trial as it completes; its return value is kept.
   * @default the identity
   */
  observe?: (t: Trial) => Trial;
  /**
   * `mitata`: cyclebench's table (with group ratios); `markdown`: the same as Markdown; `json`: the
   * result object as JSON; `quiet`: nothing.
   * @default 'mitata'
   */
  format?:
    | 'json'
    | 'quiet'
    | 'mitata'
    | 'markdown'
    | { json: { debug?: boolean; samples?: boolean } }
    | { mitata: { name?: number | 'fixed' | 'longest' } };
  /**
   * cyclebench's own options: result file, tag, sampling overrides.
   * @default {}
   */
  cyclebench?: CyclebenchOptions;
}

/** What `run()` resolves to. */
export interface RunResult {
  layout: Layout[];
  context: Context;
  benchmarks: Trial[];
  /** The same run as a cyclebench result (what `cyclebench compare` reads). */
  cyclebench: import('../../result/types.js').RunResult;
}

/** What measuring needs of a `B` (a structural type, so trial.ts and the builder do not import each other). */
export interface TrialDef {
  readonly f: BenchFunction;
  _name: string;
  _args: Record<string, any[]>;
  _gc: boolean | 'once' | 'inner';
  _highlight: false | string;
  _compact: boolean;
  _baseline: boolean;
  _group: number;
  points(): Record<string, any>[];
  nameAt(args: Record<string, any>): string;
}
