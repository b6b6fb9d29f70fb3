/**
 * A group at one argument point: its contenders sampled in interleaved rounds (order rotated each
 * round), each compared with the group's baseline by the paired per-round ratio.
 */
import { isDeepStrictEqual } from 'node:util';
import { compareSamples } from '../stats/index.js';
import { benchId } from './expand.js';
import { gcFunction } from './gc.js';
import { resolveSampling, type Args } from './options.js';
import { groupBaseline, skipReason, type GroupDef, type RunContext, type TaskOutcome } from './defs.js';
import { contenderResult, failedResult } from './result.js';
import { Contender } from './sampler.js';
import { withMissingCounters } from './counters.js';
import { StopRule, ratioHalfWidth } from './stopping.js';
import { startResources, withResources } from '../resources/attach.js';
import type { BenchResult, GroupComparison } from '../result/types.js';

/** Samples a group's contenders round by round, rotating their order each round. */
export async function runGroupPoint(group: GroupDef, args: Args, ctx: RunContext): Promise<TaskOutcome> {
  const sampling = resolveSampling(ctx.options, group.options);
  const baselineName = groupBaseline(group);
  const results = new Map<string, BenchResult>();
  const live: Contender[] = [];
  for (const def of group.benches) {
    const id = benchId(def.name, group.name, args);
    const base = { id, name: def.name, group: group.name, args, file: def.file };
    const skip = skipReason(def);
    if (skip) {
      results.set(def.name, failedResult(base, 'skipped', new Error(skip), 0));
      continue;
    }
    const c = new Contender(id, def, args, resolveSampling(sampling, def.options), ctx.clock, ctx.resolutionNs, group.name);
    if (ctx.counters) c.useCounters(ctx.counters);
    try {
      await c.prepare();
      live.push(c);
    } catch (err) {
      results.set(def.name, failedResult(base, 'error', err, performance.now() - c.startedAt));
    }
  }

  const mismatches: string[] = [];
  const baseline = live.find((c) => c.name === baselineName);
  if ((group.options.equivalence || ctx.options.equivalence) && baseline) {
    for (const c of [...live]) {
      if (c === baseline || isDeepStrictEqual(c.firstOutput, baseline.firstOutput)) continue;
      mismatches.push(c.name);
      live.splice(live.indexOf(c), 1);
      const err = new Error(`output differs from the baseline '${baselineName}' on the same input; not timed`);
      err.name = 'EquivalenceError';
      results.set(c.name, failedResult({ id: c.id, name: c.name, group: group.name, args, file: c.def.file }, 'error', err, 0));
    }
  }

  const failed = (c: Contender, err: unknown) => {
    results.set(c.name, failedResult({ id: c.id, name: c.name, group: group.name, args, file: c.def.file }, 'error', err, performance.now() - c.startedAt));
    live.splice(live.indexOf(c), 1);
  };
  for (const c of [...live]) {
    try {
      await c.warmup();
    } catch (err) {
      failed(c, err);
    }
  }

  // Interleaved rounds: every contender takes one sample per round, in an order rotated each round.
  const rule = new StopRule({ ...sampling, maxTimeMs: sampling.maxTimeMs * Math.max(1, live.length) });
  const gc = gcFunction(sampling);
  const resources = startResources(group.options.resources, ctx.options.resources);
  const started = performance.now();
  let reason = null;
  for (let round = 0; live.length && !reason; round++) {
    for (let k = 0; k < live.length; k++) {
      const c = live[(round + k) % live.length];
      try {
        await c.sample(gc);
      } catch (err) {
        failed(c, err);
        k--;
      }
      resources?.poll();
    }
    const base = live.find((c) => c.name === baselineName);
    const rounds = Math.min(...live.map((c) => c.raw.length));
    // Every ratio to the baseline AND every contender's own median must reach the target: the
    // paired ratio converges much sooner, and stopping on it alone left absolute times at a few %.
    reason = rule.check(rounds, performance.now() - started, () =>
      Math.max(
        ...live.map((c) => c.correctedHalfWidth()),
        ...(base ? live.filter((c) => c !== base).map((c) => ratioHalfWidth(base.raw.slice(0, rounds), c.raw.slice(0, rounds))) : []),
      ),
    );
  }
  await ctx.gc.flush();
  for (const c of live) {
    await c.finish();
    results.set(c.name, withMissingCounters(await contenderResult(c, reason ?? 'error', ctx.gc, sampling.keepSamples, ctx.counters), ctx.options.counters, ctx.counters));
  }
  await withResources([...results.values()], resources);

  const comparison: GroupComparison = { group: group.name, baseline: baselineName, entries: [] };
  if (Object.keys(args).length) comparison.args = args;
  if (mismatches.length) comparison.mismatches = mismatches;
  const baseResult = results.get(baselineName);
  if (baseResult?.status === 'ok' && baseline) {
    for (const c of live) {
      if (c === baseline) continue;
      const rounds = Math.min(c.raw.length, baseline.raw.length);
      // Paired by round on the raw per-iteration times (positive by construction); the empty-loop
      // overhead, identical code for both, is subtracted from both before the ratio when it leaves them positive.
      const ob = results.get(baselineName)!.overhead ?? 0;
      const oc = results.get(c.name)!.overhead ?? 0;
      let a = baseline.raw.slice(0, rounds).map((x) => x - ob);
      let b = c.raw.slice(0, rounds).map((x) => x - oc);
      if (a.some((x) => !(x > 0)) || b.some((x) => !(x > 0))) {
        a = baseline.raw.slice(0, rounds);
        b = c.raw.slice(0, rounds);
      }
      const cmp = compareSamples(a, b, { paired: true, noise: sampling.precision });
      comparison.entries.push({ id: c.id, name: c.name, ratio: cmp.ratio, ci: cmp.ci, pValue: cmp.pValue, verdict: cmp.verdict });
    }
  }
  return { benchmarks: group.benches.map((d) => results.get(d.name)!).filter(Boolean), groups: [comparison] };
}
