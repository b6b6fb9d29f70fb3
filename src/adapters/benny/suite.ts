/**
 * benny's `suite()`: the cases are measured by the cyclebench engine as one group named after the
 * suite (sampled interleaved, each compared with the first case), then `cycle`, `complete` and
 * `save` run in the order given. Cases' setups run first, untimed, as in benny.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveSampling, type SamplingOptions } from '../../engine/options.js';
import { isThenable } from '../../engine/loop.js';
import { paint, useColor } from '../../report/io.js';
import { measureUnit } from '../core/measure.js';
import { engineName } from '../core/names.js';
import { resolveAdapterSampling, resultTag } from '../core/options.js';
import { claimName, record } from '../core/result-file.js';
import { fileContent } from './files.js';
import { defaultComplete, defaultCycle, LiveText } from './output.js';
import { caseResult, summaryOf } from './summary.js';
import type { Config, Entry, Options, SaveOptions, Summary, Test } from './types.js';

/** benny's options in seconds as cyclebench's sampling options (only those given). */
function sampling(o: Options = {}): SamplingOptions {
  return {
    ...(o.maxTime !== undefined ? { maxTimeMs: o.maxTime * 1000 } : {}),
    ...(o.minTime !== undefined ? { minTimeMs: o.minTime * 1000 } : {}),
    ...(o.minSamples !== undefined ? { minSamples: o.minSamples } : {}),
  };
}

/** The function to measure: the test itself, or the function its (sync or async) setup returns. */
async function prepare(test: Test): Promise<{ fn: (...a: any[]) => unknown; promise: boolean }> {
  const r = test();
  const v = isThenable(r) ? await r : r;
  if (typeof v === 'function') return { fn: v, promise: v.constructor.name === 'AsyncFunction' };
  return { fn: test, promise: isThenable(r) };
}

const SAVE_DEFAULTS = { folder: 'benchmark/results', version: null, details: false, format: 'json' } as const;

function saveFile(summary: Summary, options: SaveOptions): void {
  const o: Required<SaveOptions> = { ...SAVE_DEFAULTS, file: (s: Summary) => s.date.toISOString(), ...options };
  const name = typeof o.file === 'function' ? o.file(summary) : o.file;
  const path = join(o.folder, `${name}.${o.format}`);
  mkdirSync(o.folder, { recursive: true });
  writeFileSync(path, fileContent(summary, o));
  console.log(paint(useColor(process.stdout, process.env)).bold(`\nSaved to: ${path}`));
}

/** Runs a suite; resolves to its summary, rejects with the first case's error. */
export async function suite(name: string, ...entries: Array<Entry | Entry[]>): Promise<Summary> {
  const list = entries.flat();
  const config: Config = list.find((e): e is Extract<Entry, { kind: 'config' }> => e.kind === 'config')?.entries ?? {};
  const adds = list.filter((e): e is Extract<Entry, { kind: 'add' }> => e.kind === 'add');
  const cases = adds.some((a) => a.only) ? adds.filter((a) => a.only) : adds;
  const prepared = await Promise.all(cases.map((c) => prepare(c.test)));
  const date = new Date();

  console.log(paint(useColor(process.stdout, process.env)).bold(`Running "${name}" suite...`));
  const groupSampling = resolveAdapterSampling(sampling(config.cases), config.cyclebench);
  const caseNames = new Map<string, number>();
  const engineNames = cases.map((c) => {
    const base = engineName(c.name);
    const k = (caseNames.get(base) ?? 0) + 1;
    caseNames.set(base, k);
    return k === 1 ? base : `${base} (${k})`;
  });
  const run = await measureUnit(
    {
      kind: 'group',
      name: claimName(engineName(name)),
      options: groupSampling,
      benches: cases.map((c, i) => ({ name: engineNames[i], fn: prepared[i].fn, options: sampling(c.options) })),
    },
    { tag: resultTag(config.cyclebench) },
  );
  await record(run, config.cyclebench);

  const failed = run.benchmarks.find((b) => b.status === 'error');
  if (failed)
    throw Object.assign(new Error(failed.error?.message ?? 'errored'), { name: failed.error?.name ?? 'Error', stack: failed.error?.stack });

  const results = cases.map((c, i) => {
    const effective = resolveSampling(groupSampling, sampling(c.options));
    const options = {
      delay: c.options.delay ?? config.cases?.delay ?? 0.005,
      initCount: c.options.initCount ?? config.cases?.initCount ?? 1,
      minTime: effective.minTimeMs / 1000,
      maxTime: effective.maxTimeMs / 1000,
      minSamples: effective.minSamples,
    };
    return caseResult(
      c.name,
      run.benchmarks.find((b) => b.name === engineNames[i]),
      options,
      prepared[i].promise,
    );
  });
  const precision = config.minDisplayPrecision ?? 0;
  const summary = summaryOf(name, date, results, precision, run);

  const live = new LiveText();
  for (const e of list) {
    if (e.kind !== 'cycle') continue;
    // benny calls cycle handlers after each case, with the summary of the cases finished so far.
    results.forEach((r, i) => {
      const sofar = summaryOf(
        name,
        date,
        results.map((x, j) => (j <= i ? x : { ...x, ops: 0, samples: 0, completed: false })),
        precision,
        run,
      );
      const out = (e.fn ?? defaultCycle)(summary.results[i], sofar);
      if (out) live.show(String(out));
    });
  }
  live.done();
  for (const e of list) {
    if (e.kind === 'complete') await (e.fn ?? defaultComplete)(summary);
    if (e.kind === 'save') saveFile(summary, e.options);
  }
  return summary;
}
