/**
 * Measuring mitata trials with the engine: one engine run per argument point, a standalone
 * benchmark per trial, or one group per scope whose trials share their arguments (a `summary` or a
 * named `group`: contenders sampled interleaved, ratios against the baseline).
 */
import { complexityFits } from '../../engine/complexity.js';
import type { ArgValue, BenchOptions, SamplingOptions } from '../../engine/options.js';
import type { BenchResult, RunResult as CyclebenchRun } from '../../result/types.js';
import { isDeepStrictEqual } from 'node:util';
import { measureUnit, whyNoSamples, type EngineBench } from '../core/measure.js';
import { engineName } from '../core/names.js';
import { claimName, mergeRuns } from '../core/result-file.js';
import { sortedWithQuantile } from '../core/moments.js';
import { kindOf, preparePoint, type Prepared } from './kinds.js';
import type { Run, Stats, Trial, TrialDef } from './types.js';

/** How to measure. */
export interface TrialOptions {
  throws: boolean;
  sampling: SamplingOptions;
  tag?: string;
  /** Measure the trials as one group with this name (when their arguments allow). */
  group?: string;
}

/** Trials measured, and the engine's result for them. */
export interface Measured {
  trials: Trial[];
  run: CyclebenchRun | undefined;
}

/** The engine labels argument points with primitives; other values are shown as text. */
function engineArgs(args: Record<string, any>): Record<string, ArgValue[]> {
  return Object.fromEntries(
    Object.entries(args).map(([k, v]) => [k, [typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : String(v)]]),
  );
}

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

function statsOf(b: BenchResult, kind: Stats['kind']): Stats {
  const { sorted, q } = sortedWithQuantile(b.samples!);
  return {
    debug: '',
    ticks: b.totalIterations,
    samples: Array.from(sorted),
    kind,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    avg: b.stats!.mean,
    p25: q(0.25),
    p50: q(0.5),
    p75: q(0.75),
    p99: q(0.99),
    p999: q(0.999),
    cyclebench: b,
  };
}

function runOf(def: TrialDef, args: Record<string, any>, b: BenchResult | undefined, failure?: unknown): Run {
  const name = def.nameAt(args);
  if (failure === undefined && b?.status === 'ok' && b.samples?.length)
    return { name, args, stats: statsOf(b, kindOf(def.f)!), error: undefined };
  const e =
    failure !== undefined
      ? toError(failure)
      : Object.assign(new Error(b?.error?.message ?? whyNoSamples(name, b)), {
          name: b?.error?.name ?? 'Error',
        });
  if (failure === undefined && b?.error?.stack) e.stack = b.error.stack;
  return { name, args, stats: undefined, error: e };
}

function trialOf(def: TrialDef, runs: Run[]): Trial {
  const axes = Object.keys(def._args).length;
  return {
    runs,
    alias: def._name,
    baseline: def._baseline,
    args: def._args,
    kind: axes === 0 ? 'static' : axes === 1 ? 'args' : 'multi-args',
    group: def._group,
    style: { compact: def._compact, highlight: def._highlight },
  };
}

let warnedConcurrency = false;
/** The engine benchmark for one point; `args` label it (in a group, the group carries them instead). */
function engineBench(name: string, p: Prepared, def: TrialDef, args: Record<string, any> | undefined): EngineBench {
  if (p.concurrency && p.concurrency > 1 && !warnedConcurrency) {
    warnedConcurrency = true;
    process.emitWarning(
      'concurrency is not supported by cyclebench/mitata: async benchmarks are measured one call at a time',
      'CyclebenchWarning',
    );
  }
  const options: BenchOptions<any, any> = {
    ...p.hooks,
    ...(args ? { args: engineArgs(args) } : {}),
    ...(def._gc === 'inner' ? { gc: true } : {}),
  };
  return { name, fn: p.fn, options };
}

/** Whether trials can be one group: every trial has the same argument axes and values. */
export function sameArgs(defs: TrialDef[]): boolean {
  return defs.every((d) => isDeepStrictEqual(d._args, defs[0]._args));
}

/** Measures `defs` (one scope's trials, in order). Errors are recorded per run unless `throws`. */
export async function measureTrials(defs: TrialDef[], o: TrialOptions): Promise<Measured> {
  const runs = new Map<TrialDef, Run[]>(defs.map((d) => [d, []]));
  let merged: CyclebenchRun | undefined;
  const add = (r: CyclebenchRun) => (merged = merged ? mergeRuns(merged, r) : r);
  const runOptions = { ...o.sampling, tag: o.tag };

  if (o.group !== undefined && defs.length > 1 && sameArgs(defs)) {
    const group = claimName(engineName(o.group));
    const ordered = [...defs.filter((d) => d._baseline), ...defs.filter((d) => !d._baseline)];
    const names = new Map(ordered.map((d, i) => [d, uniqueWithin(ordered, i)]));
    for (const args of defs[0].points()) {
      const prepared = new Map<TrialDef, Prepared>();
      for (const d of ordered) {
        try {
          prepared.set(d, await preparePoint(d.f, args));
        } catch (err) {
          if (o.throws) throw err;
          runs.get(d)!.push(runOf(d, args, undefined, err));
        }
      }
      const live = ordered.filter((d) => prepared.has(d));
      if (live.length) {
        const r = await measureUnit(
          {
            kind: 'group',
            name: group,
            options: { args: engineArgs(args) },
            benches: live.map((d) => engineBench(names.get(d)!, prepared.get(d)!, d, undefined)),
          },
          runOptions,
        );
        add(r);
        for (const d of live)
          await settle(
            d,
            args,
            r.benchmarks.find((b) => b.name === names.get(d)),
            prepared.get(d)!,
            runs,
            o.throws,
          );
      }
    }
  } else {
    for (const d of defs) {
      const name = claimName(engineName(d._name));
      for (const args of d.points()) {
        let p: Prepared;
        try {
          p = await preparePoint(d.f, args);
        } catch (err) {
          if (o.throws) throw err;
          runs.get(d)!.push(runOf(d, args, undefined, err));
          continue;
        }
        const r = await measureUnit({ kind: 'bench', bench: engineBench(name, p, d, args) }, runOptions);
        add(r);
        await settle(d, args, r.benchmarks[0], p, runs, o.throws);
      }
    }
  }
  // Complexity needs every point of a benchmark together: refit on the merged results.
  if (merged) merged = { ...merged, complexity: complexityFits(merged.benchmarks) };
  // Keep the order the runs were declared in (the group order above puts the baseline first).
  return { trials: defs.map((d) => trialOf(d, sortByPoint(d, runs.get(d)!))), run: merged };
}

/** A contender's name within its group, unique among the group's contenders. */
function uniqueWithin(defs: TrialDef[], i: number): string {
  const base = engineName(defs[i]._name);
  const before = defs.slice(0, i).filter((d) => engineName(d._name) === base).length;
  return before ? `${base} (${before + 1})` : base;
}

async function settle(
  d: TrialDef,
  args: Record<string, any>,
  b: BenchResult | undefined,
  p: Prepared,
  runs: Map<TrialDef, Run[]>,
  throws: boolean,
): Promise<void> {
  let failure: unknown;
  try {
    await p.finish();
  } catch (err) {
    failure = err;
  }
  const run = runOf(d, args, b, failure);
  if (run.error && throws) throw run.error;
  runs.get(d)!.push(run);
}

function sortByPoint(d: TrialDef, runs: Run[]): Run[] {
  const order = d.points();
  return [...runs].sort(
    (a, b) => order.findIndex((p) => isDeepStrictEqual(p, a.args)) - order.findIndex((p) => isDeepStrictEqual(p, b.args)),
  );
}
