/**
 * The one way every adapter measures: its peer-shaped definitions become engine benchmarks (or one
 * group), run by the engine's Suite, one unit at a time in this process (see queue.ts).
 */
import { Suite } from '../../engine/suite.js';
import type { ArgAxes, BenchFn, BenchOptions, GroupOptions, RunOptions } from '../../engine/options.js';
import type { BenchResult, RunResult } from '../../result/types.js';
import { serially } from './queue.js';

/** One benchmark as the engine takes it (name already mapped by names.ts). */
export interface EngineBench {
  name: string;
  fn: BenchFn<any, any>;
  options?: BenchOptions<any, any>;
}

/** What one adapter run measures: a single benchmark, or contenders sampled interleaved as a group. */
export type Unit =
  | { kind: 'bench'; bench: EngineBench }
  | { kind: 'group'; name: string; options: GroupOptions & { args?: ArgAxes }; benches: EngineBench[] };

/** Runs one unit through the engine, after any run already queued in this process. */
export function measureUnit(unit: Unit, options: RunOptions = {}): Promise<RunResult> {
  return serially(async () => {
    const suite = new Suite();
    if (unit.kind === 'bench') suite.add(unit.bench.name, unit.bench.fn, unit.bench.options);
    else suite.group(unit.name, unit.options, () => unit.benches.forEach((b) => suite.add(b.name, b.fn, b.options)));
    // Samples must be kept: every peer's result shape is computed from them.
    return suite.run({ ...options, quiet: true, keepSamples: true });
  });
}

/** The per-iteration samples of a result, empty when it has none. */
export function samplesOf(b: BenchResult | undefined): number[] {
  return b?.status === 'ok' && b.samples ? b.samples : [];
}

/**
 * Why a result has no samples for a peer's shape, when it carries no error: skipped, or probable dead
 * code (no corrected samples: the engine's reason, never a time).
 */
export function whyNoSamples(name: string, b: BenchResult | undefined): string {
  if (b?.skipReason) return b.skipReason;
  return b?.statsUnavailable ? `'${name}': ${b.statsUnavailable}` : 'the engine returned no result';
}
