/** A load test at one argument point: planned, driven (here or across workers), summarised as a BenchResult of kind 'load'. */
import { availableParallelism } from 'node:os';
import { bestClock } from '../clock/index.js';
import { CycleBenchError } from '../errors.js';
import type { BenchDef, RunContext } from '../engine/defs.js';
import { environment } from '../engine/environment.js';
import { benchId } from '../engine/expand.js';
import { resolveSampling, type Args } from '../engine/options.js';
import { failedResult } from '../engine/result.js';
import { resolveResources } from '../resources/options.js';
import { ResourceSampler } from '../resources/sampler.js';
import type { BenchResult, LoadSummary, ResourceSummary } from '../result/types.js';
import { driveShare, type LoadCall, type ShareOutcome } from './drive.js';
import { histogramStats, quantilePoints } from './histogram.js';
import { loadPlan, type LoadPlan } from './options.js';
import { mergeOutcomes, runInWorkers, shareOf } from './workers.js';

/** Error messages kept in a result, most frequent first. */
const ERROR_MESSAGES = 20;

/** The call a load test makes per request. */
export function callFor(def: BenchDef, args: Args): LoadCall {
  const fn = def.fn;
  return (request) => fn(args, request);
}

/** Runs a load test; records a failure (bad options, a hook or worker that failed, no successful request) as an errored result. */
export async function runLoadBench(def: BenchDef, args: Args, ctx: RunContext): Promise<BenchResult> {
  const id = benchId(def.name, undefined, args);
  const base = { id, name: def.name, args, file: def.file };
  const started = performance.now();
  let plan: LoadPlan | undefined;
  try {
    plan = loadPlan(def.name, def.options.load ?? {}, ctx.options.load, availableParallelism());
    const resources = resolveResources(def.options.resources, ctx.options.resources, true);
    let outcome: ShareOutcome;
    let summary: ResourceSummary | undefined;
    let perWorker: LoadSummary['perWorker'];
    if (plan.isolate === 'none') {
      await def.options.before?.(args);
      try {
        const sampler = resources && new ResourceSampler(resources).start();
        outcome = await driveShare(callFor(def, args), shareOf(plan, 0));
        summary = await sampler?.stop(outcome.ok + outcome.failed);
      } finally {
        await def.options.after?.(args);
      }
    } else {
      if (!def.file)
        throw new CycleBenchError(
          'E_BAD_ARGUMENT',
          `load test '${def.name}': isolate '${plan.isolate}' needs the file that registered it; run it from a file`,
        );
      // Worker threads share this process, so its sampler sees all their CPU and memory; child processes report their own.
      let sampler: ResourceSampler | null = null;
      const sent = await runInWorkers(plan, { file: def.file, name: def.name, args, resources }, () => {
        if (resources && plan!.isolate === 'worker') sampler = new ResourceSampler(resources).start();
      });
      outcome = mergeOutcomes(sent);
      summary = await (sampler as ResourceSampler | null)?.stop(outcome.ok + outcome.failed);
      perWorker = sent.map((o) => ({ requests: o.ok + o.failed, ok: o.ok, ...(o.resources ? { resources: o.resources } : {}) }));
    }
    return loadResult(base, plan, outcome, {
      resources: summary,
      perWorker,
      keepSamples: resolveSampling(ctx.options, def.options).keepSamples,
      wallMs: performance.now() - started,
    });
  } catch (err) {
    return { ...failedResult(base, 'error', err, performance.now() - started), kind: 'load' };
  }
}

/** The result of a finished load test. */
export function loadResult(
  base: Pick<BenchResult, 'id' | 'name' | 'args' | 'file'>,
  plan: LoadPlan,
  o: ShareOutcome,
  extra: { resources?: ResourceSummary; perWorker?: LoadSummary['perWorker']; keepSamples: boolean; wallMs: number },
): BenchResult {
  const requests = o.ok + o.failed;
  const errors = [...o.errors]
    .sort((a, b) => b[1] - a[1])
    .slice(0, ERROR_MESSAGES)
    .map(([message, count]) => ({ message, count }));
  const load: LoadSummary = {
    model: plan.model,
    concurrency: plan.concurrency,
    isolate: plan.isolate,
    workers: plan.workers,
    requests,
    ok: o.ok,
    failed: o.failed,
    successRate: requests > 0 ? o.ok / requests : 0,
    timeouts: o.timeouts,
    errors,
    durationMs: o.elapsedMs,
    throughput: o.elapsedMs > 0 ? requests / (o.elapsedMs / 1000) : 0,
    latencyFrom: plan.model === 'open' ? 'scheduled' : 'start',
    warmup: plan.warmup,
    clock: { name: bestClock().name, readNs: environment().clock.overheadNs },
  };
  if (plan.rate !== undefined && o.startSpanMs > 0) {
    const achieved = o.started / (o.startSpanMs / 1000);
    load.rate = { target: plan.rate, achieved, shortfall: Math.max(0, 1 - achieved / plan.rate) };
  }
  if (extra.perWorker) load.perWorker = extra.perWorker;
  const stats = histogramStats(o.histogram);
  const samples = stats && extra.keepSamples ? quantilePoints(o.histogram) : undefined;
  o.histogram.destroy();
  const common = {
    ...base,
    args: base.args && Object.keys(base.args).length ? base.args : undefined,
    kind: 'load' as const,
    percentilesOver: 'requests' as const,
    unit: 'ns' as const,
    totalIterations: requests,
    stopReason: Number.isFinite(plan.requests) && o.started >= plan.requests ? ('fixed' as const) : ('budget' as const),
    wallMs: extra.wallMs,
    flags: {},
    load,
    ...(extra.resources ? { resources: extra.resources } : {}),
  };
  if (!stats) {
    const top = errors[0];
    const message = requests
      ? `all ${requests} requests failed; most often: ${top.message} (${top.count}x)`
      : 'no request completed within the duration';
    return { ...common, status: 'error', error: { name: 'LoadError', message } };
  }
  return { ...common, status: 'ok', stats, ...(samples ? { samples } : {}) };
}
