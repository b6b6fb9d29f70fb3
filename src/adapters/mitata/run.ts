/** mitata's `run()`: measures every declared benchmark, prints, returns mitata's result shape. */
import { emptyRun, environment } from '../../engine/environment.js';
import type { RunResult as CyclebenchRun } from '../../result/types.js';
import { renderRun } from '../../report/run-report.js';
import { useColor } from '../../report/io.js';
import { resolveAdapterSampling, resultTag } from '../core/options.js';
import { mergeRuns, record } from '../core/result-file.js';
import { declared, reset } from './scopes.js';
import { measureTrials, sameArgs } from './trial.js';
import type { Context, RunOptions, RunResult, Trial } from './types.js';

function context(started: number): Context {
  const env = environment();
  return {
    now: started,
    arch: `${process.arch}-${process.platform}`,
    runtime: 'node',
    version: process.versions.node,
    cpu: { name: env.cpu.model, freq: env.clock.frequencyHz / 1e9 },
  };
}

/** The group a collection is measured as: a summary, or a named group. */
function groupName(c: { name: string | null; types: string[] }): string | undefined {
  if (c.types.includes('s')) return c.name ?? 'summary';
  if (c.types.includes('g') && c.name) return c.name;
  return undefined;
}

/** JSON output as mitata writes it: errors as `{ message, stack }`, `debug`/`samples` optional, cyclebench's copy left out. */
function json(result: Omit<RunResult, 'cyclebench'>, o: { debug?: boolean; samples?: boolean }): string {
  return JSON.stringify(result, (k, v) => {
    if (k === 'cyclebench') return undefined;
    if (k === 'debug' && o.debug === false) return '';
    if (k === 'samples' && o.samples === false) return null;
    return v instanceof Error ? { message: String(v.message), stack: v.stack } : v;
  });
}

/** Runs every benchmark declared so far (then forgets them), printing in `format`. */
export async function run(opts: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const collections = declared();
  reset();
  const filter = opts.filter ?? /.*/;
  const print = opts.print ?? ((s: string) => console.log(s));
  const observe = opts.observe ?? ((t: Trial) => t);
  const format = typeof opts.format === 'object' ? (Object.keys(opts.format)[0] as 'json' | 'mitata') : (opts.format ?? 'mitata');
  const sampling = resolveAdapterSampling({}, opts.cyclebench);
  const tag = resultTag(opts.cyclebench);
  const notes: string[] = [];

  const benchmarks: Trial[] = [];
  let whole: CyclebenchRun | undefined;
  for (const c of collections) {
    const defs = c.trials.filter((t) => filter.test(t._name));
    if (!defs.length) continue;
    const group = groupName(c);
    if (group !== undefined && defs.length > 1 && !sameArgs(defs))
      notes.push(`note: '${group}' holds benchmarks with different arguments: measured separately, without ratios.`);
    const m = await measureTrials(defs, { throws: opts.throw ?? false, sampling, tag, group });
    benchmarks.push(...m.trials.map(observe));
    if (m.run) whole = whole ? mergeRuns(whole, m.run) : m.run;
  }
  const layout = collections.map((c) => ({ name: c.name, types: c.types }));
  const result: RunResult = { layout, context: context(started), benchmarks, cyclebench: whole ?? emptyRun() };

  if (whole) await record(whole, opts.cyclebench);
  if (whole && format !== 'quiet') {
    if (format === 'json') print(json(result, typeof opts.format === 'object' && 'json' in opts.format ? opts.format.json : {}));
    else {
      const color = opts.colors ?? useColor(process.stdout, process.env);
      const text = renderRun(whole, format === 'markdown' ? 'markdown' : 'console', { color });
      for (const line of [...text.replace(/\n$/, '').split('\n'), ...notes]) print(line);
    }
  }
  return result;
}
