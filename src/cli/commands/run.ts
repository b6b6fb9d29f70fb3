import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { CycleBenchError } from '../../errors.js';
import { defaultSuite, resetDefaultSuite, setCollectOnly } from '../../engine/registry.js';
import { loadBenchFile } from '../../engine/load-file.js';
import { DEFAULT_SAMPLING, QUICK_SAMPLING, type RunOptions } from '../../engine/options.js';
import { renderRun } from '../../report/run-report.js';
import { useColor, type CommandIO } from '../../report/io.js';
import type { RunResult } from '../../result/types.js';
import { progressReporter } from '../progress.js';
import { prepareRunChecks } from './compare.js';
import { gitState, serializeResult, writeResult } from '../../store/index.js';
import { withProfile } from '../profile.js';
import { runInstructionMode } from '../../engine/instructions.js';

/** The files `cyclebench run` loads when given none. */
export const DEFAULT_GLOB = 'bench/**/*.bench.{ts,mts,js,mjs}';


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
  'min-time': { type: 'string' },
  quick: { type: 'boolean' },
  isolate: { type: 'string' },
  quiet: { type: 'boolean' },
  samples: { type: 'string' },
  precision: { type: 'string' },
  gc: { type: 'boolean' },
  equivalence: { type: 'boolean' },
  profile: { type: 'boolean' },
  counters: { type: 'string' },
  mode: { type: 'string' },
  iterations: { type: 'string' },
  'cache-sim': { type: 'boolean' },
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

/** Turns parsed flags into run options. */
export function runOptionsFrom(values: Record<string, string | boolean | undefined>, io: CommandIO): RunOptions {
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
  if (values['min-time'] !== undefined) {
    const minTimeMs = parseDurationMs(values['min-time'] as string, '--min-time');
    if (values.time !== undefined && options.maxTimeMs! < minTimeMs)
      throw new CycleBenchError('E_USAGE', `--min-time (${values['min-time']}) exceeds the budget --time (${values.time})`);
    // Without --time the budget grows to twice the minimum, so the precision rule still has room.
    if (values.time === undefined) options.maxTimeMs = Math.max(options.maxTimeMs ?? DEFAULT_SAMPLING.maxTimeMs, 2 * minTimeMs);
    options.minTimeMs = minTimeMs;
  }
  const samples = positiveNumber(values.samples as string | undefined, '--samples');
  if (samples) options.samples = Math.round(samples);
  const precision = positiveNumber(values.precision as string | undefined, '--precision');
  if (precision) options.precision = precision;
  if (values.counters !== undefined) options.counters = values.counters === 'default' ? 'default' : String(values.counters).split(',');
  if (!values.quiet) options.onProgress = progressReporter(io.stderr, io.env);
  return options;
}

/** Takes `--json FILE` (the result file) out of argv; the regression flags keep the rest. */
function takeJson(argv: string[]): { json?: string; rest: string[] } {
  const rest: string[] = [];
  let json: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--json') {
      json = argv[++i];
      if (json === undefined) throw new CycleBenchError('E_USAGE', '--json needs a file name, or - for stdout');
    } else if (a.startsWith('--json=')) json = a.slice('--json='.length);
    else rest.push(a);
  }
  return { json, rest };
}

/** A filter that matches exactly these ids. */
function exactIds(ids: string[]): RegExp {
  return new RegExp(`^(?:${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
}

/**
 * `cyclebench run [files or globs] [--filter] [--time] [--quick] [--isolate] [--json FILE]` plus the
 * regression flags (`--baseline`, `--save-baseline`, `--tag`, `--history`, `--target`, ...).
 */
export async function runCommand(argv: string[], io: CommandIO): Promise<number> {
  const { json, rest: withoutJson } = takeJson(argv);
  const prep = await prepareRunChecks(withoutJson, io);
  if ('exitCode' in prep) return prep.exitCode;
  const { values, positionals } = parseArgs({ args: prep.rest, options: RUN_OPTIONS, allowPositionals: true, strict: true });
  const options = runOptionsFrom(values, io);
  if (prep.options.tag) options.tag = prep.options.tag;
  if (values.profile && !values.filter)
    throw new CycleBenchError('E_USAGE', '--profile needs --filter NAME, so the profile holds just that benchmark');
  const mode = values.mode ?? 'time';
  if (mode !== 'time' && mode !== 'instructions') throw new CycleBenchError('E_USAGE', `--mode takes time or instructions, got '${mode}'`);
  if (mode === 'instructions' && (values.profile || values.counters || values.isolate))
    throw new CycleBenchError('E_USAGE', '--mode instructions runs under callgrind: --profile, --counters and --isolate do not apply');
  const iterations = positiveNumber(values.iterations, '--iterations');
  const files = await findFiles(positionals, io.cwd);
  const measure = () =>
    mode === 'instructions'
      ? runInstructionMode(files, { ...options, iterations: iterations && Math.round(iterations), cacheSim: values['cache-sim'] })
      : runFiles(files, options);
  const { result, profilePath } = await withProfile(Boolean(values.profile), io.cwd, String(values.filter ?? ''), measure);
  const git = await gitState(io.cwd);
  if (git) result.environment.git = git;
  const human = json === '-' ? io.stderr : io.stdout;
  if (!values.quiet) human.write(renderRun(result, 'console', { color: useColor(human, io.env) }));
  if (profilePath) human.write(`\nCPU profile written to ${profilePath} (open it in Chrome DevTools > Performance, or VS Code)\n`);
  if (json === '-') io.stdout.write(serializeResult(result));
  else if (json) writeResult(resolve(io.cwd, json), result);
  for (const b of result.benchmarks.filter((x) => x.status === 'error')) io.stderr.write(`error in ${b.id}: ${b.error?.message}\n`);
  // Suspected regressions are re-run in fresh processes before they fail the build.
  const rerun = (ids: string[]) =>
    mode === 'instructions'
      ? runInstructionMode(files, { ...options, onProgress: undefined, filter: exactIds(ids), iterations: iterations && Math.round(iterations) })
      : runFiles(files, { ...options, onProgress: undefined, filter: exactIds(ids), isolate: 'process' });
  return prep.finish(result, rerun);
}
