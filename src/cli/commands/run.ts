import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { CycleBenchError } from '../../errors.js';
import { defaultSuite, resetDefaultSuite, setCollectOnly } from '../../engine/registry.js';
import { loadBenchFile } from '../../engine/load-file.js';
import { QUICK_SAMPLING, type RunOptions } from '../../engine/options.js';
import { renderRun } from '../../engine/table.js';
import type { RunResult } from '../../engine/types.js';
import type { CliIO } from '../io.js';
import { progressReporter } from '../progress.js';
import { withProfile } from '../profile.js';

/** The files `cyclebench run` loads when given none. */
export const DEFAULT_GLOB = 'bench/**/*.bench.{ts,mts,js,mjs}';

/** Exit code of a run in which a benchmark errored. */
export const EXIT_BENCH_ERROR = 5;

/** Parses a duration: `500`, `500ms`, `2s`, `1.5s` → ms. */
export function parseDurationMs(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  if (!m) throw new CycleBenchError('E_USAGE', `${flag} takes a duration such as 500ms or 2s, got '${text}'`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

function positiveNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!(v > 0)) throw new CycleBenchError('E_USAGE', `${flag} takes a positive number, got '${text}'`);
  return v;
}

export const RUN_OPTIONS = {
  filter: { type: 'string' },
  time: { type: 'string' },
  quick: { type: 'boolean' },
  isolate: { type: 'string' },
  json: { type: 'string' },
  quiet: { type: 'boolean' },
  samples: { type: 'string' },
  precision: { type: 'string' },
  gc: { type: 'boolean' },
  equivalence: { type: 'boolean' },
  profile: { type: 'boolean' },
  counters: { type: 'string' },
} as const;

/** Finds benchmark files from arguments (files or globs) or the default glob. */
export async function findFiles(patterns: string[], cwd: string): Promise<string[]> {
  const files = await glob(patterns.length ? patterns : [DEFAULT_GLOB], { cwd, absolute: true, onlyFiles: true });
  if (!files.length)
    throw new CycleBenchError('E_USAGE', `no benchmark files match ${patterns.length ? patterns.join(' ') : DEFAULT_GLOB} in ${cwd}`);
  return files.sort();
}

/** Loads files and runs their benchmarks; shared by `run` and the regression workflow. */
export async function runFiles(files: string[], options: RunOptions): Promise<RunResult> {
  resetDefaultSuite();
  setCollectOnly(true);
  try {
    for (const f of files) await loadBenchFile(f);
  } finally {
    setCollectOnly(false);
  }
  const suite = defaultSuite();
  resetDefaultSuite();
  return suite.run(options);
}

/** Writes a file atomically (temp file and rename). */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Turns parsed flags into run options. */
export function runOptionsFrom(values: Record<string, string | boolean | undefined>, io: CliIO): RunOptions {
  const isolate = values.isolate as string | undefined;
  if (isolate !== undefined && !['none', 'worker', 'process'].includes(isolate))
    throw new CycleBenchError('E_USAGE', `--isolate takes none, worker or process, got '${isolate}'`);
  const options: RunOptions = {
    ...(values.quick ? QUICK_SAMPLING : {}),
    filter: values.filter as string | undefined,
    isolate: isolate as RunOptions['isolate'],
    gc: values.gc as boolean | undefined,
    equivalence: values.equivalence as boolean | undefined,
  };
  if (values.time !== undefined) options.maxTimeMs = parseDurationMs(values.time as string, '--time');
  const samples = positiveNumber(values.samples as string | undefined, '--samples');
  if (samples) options.samples = Math.round(samples);
  const precision = positiveNumber(values.precision as string | undefined, '--precision');
  if (precision) options.precision = precision;
  if (values.counters !== undefined) options.counters = values.counters === 'default' ? 'default' : String(values.counters).split(',');
  if (!values.quiet && !values.json?.toString().startsWith('-')) options.onProgress = progressReporter(io.stderr, io.env);
  return options;
}

/** `cyclebench run [files or globs] [--filter] [--time] [--quick] [--isolate] [--json FILE]` */
export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: RUN_OPTIONS, allowPositionals: true, strict: true });
  const options = runOptionsFrom(values, io);
  if (values.profile && !values.filter)
    throw new CycleBenchError('E_USAGE', '--profile needs --filter NAME, so the profile holds just that benchmark');
  const files = await findFiles(positionals, io.cwd);
  const { result, profilePath } = await withProfile(Boolean(values.profile), io.cwd, String(values.filter ?? ''), () => runFiles(files, options));
  if (!values.quiet) io.stdout.write(renderRun(result));
  if (profilePath) io.stdout.write(`\nCPU profile written to ${profilePath} (open it in Chrome DevTools > Performance, or VS Code)\n`);
  if (values.json === '-') io.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else if (values.json) writeAtomic(resolve(io.cwd, values.json), JSON.stringify(result, null, 2) + '\n');
  const errored = result.benchmarks.filter((b) => b.status === 'error');
  for (const b of errored) io.stderr.write(`error in ${b.id}: ${b.error?.message}\n`);
  return errored.length ? EXIT_BENCH_ERROR : 0;
}

