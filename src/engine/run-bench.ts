/** One benchmark at one argument point, sampled alone until its stop rule says stop. */
import { benchId } from './expand.js';
import { gcFunction } from './gc.js';
import { resolveSampling, type Args } from './options.js';
import { skipReason, type BenchDef, type RunContext } from './defs.js';
import { contenderResult, failedResult } from './result.js';
import { Contender } from './sampler.js';
import { runGpuBench } from './gpu.js';
import { withMissingCounters } from './counters.js';
import { StopRule } from './stopping.js';
import { activeResources, leakedSince, withFaults } from './faults.js';
import { runLoadBench } from '../load/run-load.js';
import { startResources, withResources } from '../resources/attach.js';
import type { BenchResult } from '../result/types.js';

/** Samples one benchmark to a stop rule; records errors (and what its code left behind) instead of throwing. */
export async function runBench(def: BenchDef, args: Args, ctx: RunContext): Promise<BenchResult> {
  const id = benchId(def.name, undefined, args);
  const base = { id, name: def.name, args, file: def.file };
  const skip = skipReason(def);
  if (skip) return failedResult(base, 'skipped', new Error(skip), 0);
  const before = activeResources();
  const scope = ctx.faults.enter(id);
  const r = def.options.load ? await runLoadBench(def, args, ctx) : await measure(def, args, ctx, base);
  await ctx.faults.leave(scope);
  return withFaults(r, scope, leakedSince(before));
}

async function measure(def: BenchDef, args: Args, ctx: RunContext, base: Parameters<typeof failedResult>[0]): Promise<BenchResult> {
  const started = performance.now();
  const sampling = resolveSampling(ctx.options, def.options);
  let resources = def.options.gpu ? startResources(def.options.resources, ctx.options.resources) : null;
  if (def.options.gpu) return withResources(await runGpuBench(def, args, base.id, sampling.keepSamples), resources);
  const c = new Contender(base.id, def, args, sampling, ctx.clock, ctx.resolutionNs, undefined, { deadline: ctx.options.deadline });
  if (ctx.counters) c.useCounters(ctx.counters);
  try {
    await c.prepare();
    await c.warmup();
    resources = startResources(def.options.resources, ctx.options.resources);
    const rule = new StopRule(sampling);
    const gc = gcFunction(sampling);
    let reason;
    do {
      await c.sample(gc);
      resources?.poll();
      reason = rule.check(
        c.raw.length,
        performance.now() - c.samplingStartedAt,
        () => c.correctedHalfWidth(),
        () => c.provenDead(),
        () => c.steady(),
      );
    } while (!reason);
    await c.finish();
    await ctx.gc.flush();
    return withResources(
      withMissingCounters(await contenderResult(c, reason, ctx.gc, sampling.keepSamples, ctx.counters), ctx.options.counters, ctx.counters),
      resources,
    );
  } catch (err) {
    return withResources(failedResult(base, 'error', err, performance.now() - started), resources);
  }
}
