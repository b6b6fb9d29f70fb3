/**
 * mitata 1's JSON: what `run({ format: 'json' })` prints, which is also the object `run()` returns,
 * `{ layout: [{ name }], context: { now, arch, version, runtime, cpu: { name } }, benchmarks: [trial] }`,
 * each trial `{ alias, group (index into layout), runs: [{ name, args, stats?, error? }] }` with
 * `stats` in nanoseconds per iteration (`min`, `max`, `avg`, `p25`..`p999`, `ticks`, and the sorted
 * per-iteration `samples`, which `format: { json: { samples: false } }` leaves out).
 *
 * Statistics come from the samples when they are there (the median's interval by order statistics,
 * as cyclebench computes its own); without them, mitata's own percentiles and no interval.
 */
import { medianCISorted, summarize } from '../stats/index.js';
import type { BenchResult, RunResult, SampleStats } from '../result/types.js';
import {
  failedBench,
  importedEnvironment,
  importedRun,
  isObj,
  measuredBench,
  notThe,
  num,
  UNKNOWN,
  type ImportContext,
  type Obj,
} from './build.js';

const WHAT = "mitata's JSON (run({ format: 'json' }), or the object run() returns)";

/** How `importedFrom.ci` describes the interval. */
export const MITATA_CI =
  'order statistics of the per-iteration samples mitata wrote (distribution-free, 95%); none when it wrote no samples';

/** True when `json` has the shape mitata writes. */
export function looksLikeMitata(json: unknown): boolean {
  return (
    isObj(json) && Array.isArray(json.benchmarks) && isObj(json.context) && json.benchmarks.every((t) => isObj(t) && Array.isArray(t.runs))
  );
}

function statsOf(s: Obj): SampleStats | null {
  const samples =
    Array.isArray(s.samples) && s.samples.length && s.samples.every((x) => num(x) !== null)
      ? [...(s.samples as number[])].sort((a, b) => a - b)
      : null;
  if (samples) {
    const x = summarize(samples);
    const ci = medianCISorted(samples);
    return {
      n: x.n,
      mean: x.mean,
      median: x.median,
      p50: x.p50,
      p75: x.p75,
      p90: x.p90,
      p95: x.p95,
      p99: x.p99,
      p999: x.p999,
      min: x.min,
      max: x.max,
      stddev: x.stddev,
      mad: x.mad,
      cv: x.cv,
      medianCI: { lo: ci.lo, hi: ci.hi, confidence: ci.confidence, method: 'order-statistics' },
      ...(x.median > 0 ? { opsPerSec: 1e9 / x.median } : {}),
    };
  }
  const median = num(s.p50);
  if (median === null) return null;
  const v = (k: string) => num(s[k]) ?? UNKNOWN;
  return {
    // n is required to be a count; 0 says mitata wrote none.
    n: 0,
    mean: v('avg'),
    median,
    p50: median,
    p75: v('p75'),
    p90: UNKNOWN,
    p95: UNKNOWN,
    p99: v('p99'),
    p999: v('p999'),
    min: v('min'),
    max: v('max'),
    stddev: UNKNOWN,
    mad: UNKNOWN,
    cv: UNKNOWN,
    medianCI: { lo: UNKNOWN, hi: UNKNOWN, confidence: 0.95 },
    ...(median > 0 ? { opsPerSec: 1e9 / median } : {}),
  };
}

function errorText(e: unknown): string {
  if (isObj(e) && typeof e.message === 'string') return e.message;
  return typeof e === 'string' ? e : 'mitata recorded an error without a message';
}

/** Converts mitata's JSON. Ids are `group/name`, plus `[k=v,...]` for arguments the name does not show. */
export function fromMitata(json: unknown, ctx: ImportContext): RunResult {
  if (!looksLikeMitata(json)) throw notThe(ctx, WHAT, 'expected an object with "benchmarks": [{ "runs": [...] }] and "context"');
  const { layout, context, benchmarks: trials } = json as { layout?: unknown; context: Obj; benchmarks: Obj[] };
  const groupName = (i: unknown): string | undefined => {
    const g = Array.isArray(layout) && typeof i === 'number' ? layout[i] : undefined;
    return isObj(g) && typeof g.name === 'string' && g.name ? g.name : undefined;
  };
  const benchmarks: BenchResult[] = [];
  for (const trial of trials) {
    const group = groupName(trial.group);
    for (const run of trial.runs as unknown[]) {
      if (!isObj(run) || typeof run.name !== 'string') throw notThe(ctx, WHAT, `a run of "${String(trial.alias)}" has no "name"`);
      const args = isObj(run.args) && Object.keys(run.args).length ? (run.args as Record<string, string | number | boolean>) : undefined;
      // mitata substitutes $name in a benchmark's name with the argument; when it did not, add them.
      const shown =
        args && run.name === trial.alias
          ? `[${Object.entries(args)
              .map(([k, v]) => `${k}=${v}`)
              .join(',')}]`
          : '';
      const id = `${group ? `${group}/` : ''}${run.name}${shown}`;
      const s = isObj(run.stats) ? statsOf(run.stats) : null;
      const r = s
        ? measuredBench(
            id,
            run.name,
            group,
            s,
            num((run.stats as Obj).ticks) ?? 0,
            ((num((run.stats as Obj).avg) ?? 0) * (num((run.stats as Obj).ticks) ?? 0)) / 1e6,
          )
        : failedBench(id, run.name, group, run.error !== undefined ? errorText(run.error) : 'mitata recorded no statistics for it');
      if (args) r.args = args;
      benchmarks.push(r);
    }
  }
  if (!benchmarks.length) throw notThe(ctx, WHAT, 'it holds no benchmarks');
  const [arch, platform] = typeof context.arch === 'string' ? context.arch.split('-') : [];
  const runtime =
    typeof context.runtime === 'string'
      ? context.runtime === 'node' && typeof context.version === 'string'
        ? `v${context.version}`
        : `${context.runtime}${typeof context.version === 'string' ? ` ${context.version}` : ''}`
      : null;
  const cpu = isObj(context.cpu) && typeof context.cpu.name === 'string' ? context.cpu.name : null;
  const started = num(context.now) !== null ? new Date(context.now as number) : ctx.writtenAt;
  return importedRun(
    ctx,
    { tool: 'mitata', ci: MITATA_CI },
    importedEnvironment('mitata', { cpu, arch, platform, runtime }),
    benchmarks,
    started,
  );
}
