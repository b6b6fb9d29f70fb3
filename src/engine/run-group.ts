/**
 * A group at one argument point: its contenders sampled in interleaved rounds (order rotated each
 * round), each compared with the group's baseline by the paired per-round ratio.
 */
import { inspect, isDeepStrictEqual } from 'node:util';
import { compareSamples } from '../stats/index.js';
import { benchId } from './expand.js';
import { gcFunction } from './gc.js';
import { resolveSampling, type Args } from './options.js';
import { groupBaseline, skipReason, type GroupDef, type RunContext, type TaskOutcome } from './defs.js';
import { contenderResult, failedResult } from './result.js';
import { Contender } from './sampler.js';
import { withMissingCounters } from './counters.js';
import { StopRule, checkGroup } from './stopping.js';
import { activeResources, leakedSince, settle, withFaults, type Scope } from './faults.js';
import { startResources, withResources } from '../resources/attach.js';
import type { BenchResult, GroupComparison } from '../result/types.js';

/**
 * Resources a contender's own step left active, added to what its earlier steps left. Leaks are
 * judged on the steps a contender runs alone (hooks, first call, warm-up), not on interleaved
 * rounds, where they could not be told apart. A step that left something gets a settle (a timer
 * turn) before it counts, so short timers are no leak; one that left nothing costs no wait.
 */
async function leaksOf(step: () => Promise<void>, prior: Record<string, number> | undefined): Promise<Record<string, number> | undefined> {
  const before = activeResources();
  await step();
  if (!leakedSince(before)) return prior;
  await settle();
  const found = leakedSince(before);
  if (!found) return prior;
  const out = { ...prior };
  for (const [k, n] of Object.entries(found)) out[k] = (out[k] ?? 0) + n;
  return out;
}

/** Samples a group's contenders round by round, rotating their order each round; `exclude` ids are left out. */
export async function runGroupPoint(group: GroupDef, args: Args, ctx: RunContext, exclude: readonly string[] = []): Promise<TaskOutcome> {
  const scope = ctx.faults.enter(benchId(group.name, undefined, args));
  try {
    return await sampleGroup(group, args, ctx, exclude, scope);
  } finally {
    await ctx.faults.leave(scope);
  }
}

async function sampleGroup(group: GroupDef, args: Args, ctx: RunContext, exclude: readonly string[], scope: Scope): Promise<TaskOutcome> {
  const leaks = new Map<string, Record<string, number> | undefined>();
  const sampling = resolveSampling(ctx.options, group.options);
  const baselineName = groupBaseline(group);
  const results = new Map<string, BenchResult>();
  const live: Contender[] = [];
  const benches = group.benches.filter((d) => !exclude.includes(benchId(d.name, group.name, args)));
  // Code about to run is attributed to this contender (process.exit, rejections) and to its leaks.
  const focus = async (c: Contender, step: () => Promise<void>) => {
    scope.focus = c.id;
    ctx.running?.([c.id]);
    leaks.set(c.name, await leaksOf(step, leaks.get(c.name)));
  };
  for (const def of benches) {
    const id = benchId(def.name, group.name, args);
    const base = { id, name: def.name, group: group.name, args, file: def.file };
    const skip = skipReason(def);
    if (skip) {
      results.set(def.name, failedResult(base, 'skipped', new Error(skip), 0));
      continue;
    }
    const limits = { contenders: benches.length, deadline: ctx.options.deadline };
    const c = new Contender(id, def, args, resolveSampling(sampling, def.options), ctx.clock, ctx.resolutionNs, group.name, limits);
    if (ctx.counters) c.useCounters(ctx.counters);
    await focus(c, async () => {
      try {
        await c.prepare();
        live.push(c);
      } catch (err) {
        results.set(def.name, failedResult(base, 'error', err, performance.now() - c.startedAt));
      }
    });
  }

  const mismatches: string[] = [];
  const baseline = live.find((c) => c.name === baselineName);
  if ((group.options.equivalence || ctx.options.equivalence) && baseline) {
    for (const c of [...live]) {
      if (c === baseline || isDeepStrictEqual(c.firstOutput, baseline.firstOutput)) continue;
      mismatches.push(c.name);
      live.splice(live.indexOf(c), 1);
      const show = (v: unknown) => inspect(v, { depth: 4, breakLength: Infinity, maxStringLength: 200, maxArrayLength: 20 });
      const err = new Error(
        `output differs from the baseline '${baselineName}' on the same input: ${show(c.firstOutput)} (${c.name}) vs ${show(baseline.firstOutput)} (${baselineName}); not timed`,
      );
      err.name = 'EquivalenceError';
      results.set(c.name, failedResult({ id: c.id, name: c.name, group: group.name, args, file: c.def.file }, 'error', err, 0));
    }
  }

  const failed = (c: Contender, err: unknown) => {
    results.set(
      c.name,
      failedResult({ id: c.id, name: c.name, group: group.name, args, file: c.def.file }, 'error', err, performance.now() - c.startedAt),
    );
    live.splice(live.indexOf(c), 1);
  };
  for (const c of [...live]) {
    await focus(c, async () => {
      try {
        await c.warmup();
      } catch (err) {
        failed(c, err);
      }
    });
  }
  ctx.running?.(live.map((c) => c.id));

  // Interleaved rounds: every contender takes one sample per round, in an order rotated each round.
  const resources = startResources(group.options.resources, ctx.options.resources);
  const rule = new StopRule({ ...sampling, maxTimeMs: sampling.maxTimeMs * Math.max(1, live.length) });
  const gc = gcFunction(sampling);
  const started = performance.now();
  let reason = null;
  for (let round = 0; live.length && !reason; round++) {
    for (let k = 0; k < live.length; k++) {
      const c = live[(round + k) % live.length];
      scope.focus = c.id;
      try {
        await c.sample(gc);
      } catch (err) {
        failed(c, err);
        k--;
      }
    }
    resources?.poll();
    const base = live.find((c) => c.name === baselineName);
    reason = checkGroup(rule, live, base, performance.now() - started);
  }
  await ctx.gc.flush();
  for (const c of live) {
    await focus(c, () => c.finish());
    results.set(
      c.name,
      withMissingCounters(
        await contenderResult(c, reason ?? 'error', ctx.gc, sampling.keepSamples, ctx.counters),
        ctx.options.counters,
        ctx.counters,
      ),
    );
  }
  await settle(); // rejections of the last rounds surface before results are judged
  for (const [name, r] of results) results.set(name, withFaults(r, scope, leaks.get(name)));
  await withResources([...results.values()], resources);

  const comparison: GroupComparison = { group: group.name, baseline: baselineName, entries: [] };
  if (Object.keys(args).length) comparison.args = args;
  if (mismatches.length) comparison.mismatches = mismatches;
  const baseResult = results.get(baselineName);
  if (baseResult?.status === 'ok' && baseline) {
    for (const c of live) {
      if (c === baseline || results.get(c.name)!.status !== 'ok') continue;
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
  return { benchmarks: benches.map((d) => results.get(d.name)!).filter(Boolean), groups: [comparison] };
}
