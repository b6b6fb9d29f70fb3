/** The engine's hook: start a sampler where a benchmark is measured, attach its summary to the result. */
import type { BenchResult } from '../result/types.js';
import { resolveResources, type ResourceOptions } from './options.js';
import { ResourceSampler } from './sampler.js';

/** A started sampler when the benchmark's or the run's `resources` option asks for one (off by default for `bench`), else null. */
export function startResources(
  own: boolean | ResourceOptions | undefined,
  run: boolean | ResourceOptions | undefined,
): ResourceSampler | null {
  const o = resolveResources(own, run, false);
  return o && new ResourceSampler(o).start();
}

/**
 * Stops the sampler and attaches its summary to each result that measured (`ok`). One result: CPU per iteration is
 * computed from its iterations; several (a group's contenders, sampled interleaved): the summary is
 * the group's, marked so, without a per-iteration figure.
 */
export async function withResources<T extends BenchResult | BenchResult[]>(results: T, sampler: ResourceSampler | null): Promise<T> {
  if (!sampler) return results;
  const list = Array.isArray(results) ? results : [results];
  const summary = await sampler.stop(list.length === 1 ? list[0].totalIterations : undefined);
  if (list.length > 1) summary.scope = 'group';
  for (const r of list) if (r.status === 'ok') r.resources = summary;
  return results;
}
