/** `cyclebench run [files|globs] [flags]`: measure, print, save, and (with gate flags) judge. */
import { join, relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { CycleBenchError } from '../../errors.js';
import { defaultSuite, resetDefaultSuite, setCollectOnly } from '../../engine/registry.js';
import type { Suite } from '../../engine/suite.js';
import { loadBenchFile } from '../../engine/load-file.js';
import { matchesFilter } from '../../engine/expand.js';
import { filterTask, taskIds } from '../../engine/run-task.js';
import { runInstructionMode } from '../../engine/instructions.js';
import { DEFAULT_SAMPLING, QUICK_SAMPLING, type RunOptions } from '../../engine/options.js';
import { checkPolicyMatches } from '../../compare/policy.js';
import { EXIT, EXIT_HELP } from '../../compare/exit.js';
import { renderRun } from '../../report/run-report.js';
import { renderHtml } from '../../report/html.js';
import type { GateReport } from '../../compare/gate.js';
import { evaluateTargets } from '../../compare/targets.js';
import { writeTo } from '../../report/output.js';
import { useColor, type CommandIO } from '../../report/io.js';
import type { RunResult } from '../../result/types.js';
import { gitState, serializeResult, writeResult } from '../../store/index.js';
import { oneOf, parseCommand, str, type OptionTable, type Values } from '../args.js';
import { progressReporter } from '../progress.js';
import { profiled, profileFile } from '../../engine/profile.js';
import { finishGate, GATE_OPTIONS, prepareGate } from '../run-gate.js';
import { exactIdsFilter, freshProcessRerun } from '../rerun.js';
import { measureInProcesses, rotateForProcess } from '../processes.js';
import { checkBadgeBench, OUTPUT_USAGE } from '../outputs.js';
import { parseShard, type ShardSpec } from '../shard.js';
import { chooseShare, emptyShare } from '../run-share.js';
import { STORE_USAGE } from '../store-option.js';
import type { PreparedGate } from '../run-gate.js';

/** The files `cyclebench run` loads when given none. */
export const DEFAULT_GLOB = 'bench/**/*.bench.{ts,mts,js,mjs}';

/** Flags that shape what is measured; a confirmation re-run repeats exactly these. */
const MEASURE_OPTIONS: OptionTable = {
  time: { type: 'string' },
  'min-time': { type: 'string' },
  quick: { type: 'boolean' },
  isolate: { type: 'string' },
  samples: { type: 'string' },
  precision: { type: 'string' },
  gc: { type: 'boolean' },
  equivalence: { type: 'boolean' },
  counters: { type: 'string' },
  mode: { type: 'string' },
  iterations: { type: 'string' },
  'cache-sim': { type: 'boolean' },
  processes: { type: 'string' },
  heap: { type: 'string' },
  tier: { type: 'string' },
  'memory-limit': { type: 'string' },
  resources: { type: 'boolean' },
};

const RUN_OPTIONS: OptionTable = {
  ...MEASURE_OPTIONS,
  filter: { type: 'string' },
  shard: { type: 'string' },
  'ids-from': { type: 'string' },
  timeout: { type: 'string' },
  quiet: { type: 'boolean' },
  json: { type: 'string' },
  html: { type: 'string' },
  profile: { type: 'boolean' },
  ...GATE_OPTIONS,
};

const USAGE = `Usage: cyclebench run [files|globs] [options]

Runs the benchmarks in the given files (default ${DEFAULT_GLOB}).

Measuring:
  --filter ID|/re/     only benchmarks whose id contains ID or matches /re/
  --shard K/N          only shard K of N (a CI matrix job): whole tasks, balanced by the last durations in history
  --ids-from FILE      only the benchmarks result FILE holds (a shard's head result: measure its base alike)
  --time 2s            time budget per benchmark (default 1s)     --min-time 1s  sample at least this long
  --quick              lower precision (±3%), 200 ms budget       --precision F  target CI half-width (0.01)
  --samples N          a fixed number of samples                  --gc           gc() between samples
  --isolate worker|process  each benchmark or group in a fresh worker thread or process
  --counters default|a,b    perf_event counters per iteration     --equivalence  check group outputs
  --timeout 10m        the whole run's deadline: benchmarks left are recorded as not run (exit 5)
  --memory-limit MB    heap limit of isolated workers and processes
  --processes N        measure in N fresh processes, pooled with the process as the unit (config: processes)
  --heap steady        measure in a process with a fixed 16 MB young generation and single-threaded GC
  --tier top           measure in a process without Maglev, so Node 24+ reaches TurboFan (docs/tiering.md)
  --resources          sample CPU, memory, event-loop delay and GC while measuring (always on for load tests)
  --mode instructions  count instructions under callgrind (deterministic; --iterations N, --cache-sim)
Output:
  --json FILE|-        write the result file (- : stdout, JSON only)   --markdown FILE  results and verdict
  --html FILE          a self-contained HTML report (charts; the comparison with --baseline)
  --quiet              no table, no progress                      --profile      CPU profile (needs --filter)
  --no-save            do not update .cyclebench/last.json
Gate:
  --baseline REF       compare with a baseline, tag or file (confirmed in fresh processes)
  --save-baseline NAME  --tag T  --history  (also judges history at this run)
  --noise F  --alpha A  --correction holm|bh|none  --confirm N  --target "ID: p95 < 100ms"
  --allow-removed      accept baseline benchmarks this run no longer has   --config FILE
${STORE_USAGE}
${OUTPUT_USAGE}
${EXIT_HELP}
`;

/** Parses a duration: `500`, `500ms`, `2s`, `1.5s` (and with `minutes`, `10m`) → ms. */
export function parseDurationMs(text: string, flag: string, minutes = false): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m || (m[2] === 'm' && !minutes))
    throw new CycleBenchError('E_USAGE', `${flag} takes a duration such as 500ms or 2s${minutes ? ' or 10m' : ''}, got '${text}'`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : 1);
}

function positiveNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!(v > 0)) throw new CycleBenchError('E_USAGE', `${flag} takes a positive number, got '${text}'`);
  return v;
}

/** Finds benchmark files from arguments (files or globs) or the default glob. */
export async function findFiles(patterns: string[], cwd: string): Promise<string[]> {
  const files = await glob(patterns.length ? patterns : [DEFAULT_GLOB], { cwd, absolute: true, onlyFiles: true });
  if (!files.length)
    throw new CycleBenchError('E_USAGE', `no benchmark files match ${patterns.length ? patterns.join(' ') : DEFAULT_GLOB} in ${cwd}`);
  return files.sort();
}

/** Loads benchmark files with running deferred and returns the suite they registered. */
export async function loadSuite(files: string[]): Promise<Suite> {
  resetDefaultSuite();
  setCollectOnly(true);
  try {
    for (const f of files) await loadBenchFile(f);
  } finally {
    setCollectOnly(false);
  }
  const suite = defaultSuite();
  resetDefaultSuite();
  return suite;
}

/** Checks a `--filter` before anything runs: a `/regex/` must compile. */
function checkFilter(filter: string | undefined): void {
  if (filter === undefined) return;
  try {
    matchesFilter('', filter);
  } catch (err) {
    throw new CycleBenchError('E_USAGE', `--filter ${JSON.stringify(filter)} is not a valid regular expression: ${(err as Error).message}`);
  }
}

/** Turns parsed flags into run options. */
export function runOptionsFrom(values: Values, io: CommandIO): RunOptions {
  const isolate = oneOf(str(values, 'isolate'), ['none', 'worker', 'process'] as const, '--isolate');
  checkFilter(str(values, 'filter'));
  const options: RunOptions = {
    ...(values.quick ? QUICK_SAMPLING : {}),
    filter: str(values, 'filter'),
    isolate,
    gc: values.gc === true ? true : undefined,
    equivalence: values.equivalence === true ? true : undefined,
    resources: values.resources === true ? true : undefined,
  };
  const time = str(values, 'time');
  const minTime = str(values, 'min-time');
  if (time !== undefined) options.maxTimeMs = parseDurationMs(time, '--time');
  if (minTime !== undefined) {
    const minTimeMs = parseDurationMs(minTime, '--min-time');
    if (time !== undefined && options.maxTimeMs! < minTimeMs)
      throw new CycleBenchError('E_USAGE', `--min-time (${minTime}) exceeds the budget --time (${time})`);
    // Without --time the budget grows to twice the minimum, so the precision rule still has room.
    if (time === undefined) options.maxTimeMs = Math.max(options.maxTimeMs ?? DEFAULT_SAMPLING.maxTimeMs, 2 * minTimeMs);
    options.minTimeMs = minTimeMs;
  }
  const samples = positiveNumber(str(values, 'samples'), '--samples');
  if (samples) options.samples = Math.round(samples);
  const precision = positiveNumber(str(values, 'precision'), '--precision');
  if (precision) options.precision = precision;
  options.heap = oneOf(str(values, 'heap'), ['default', 'steady'] as const, '--heap');
  options.tier = oneOf(str(values, 'tier'), ['default', 'top'] as const, '--tier');
  const timeout = str(values, 'timeout');
  if (timeout !== undefined) options.deadline = Date.now() + parseDurationMs(timeout, '--timeout', true);
  const memory = positiveNumber(str(values, 'memory-limit'), '--memory-limit');
  if (memory) options.memoryLimitMb = Math.round(memory);
  const counters = str(values, 'counters');
  if (counters !== undefined) options.counters = counters === 'default' ? 'default' : counters.split(',');
  if (!values.quiet) options.onProgress = progressReporter(io.stderr, io.env);
  return options;
}

/** The measuring flags as given, for a re-run that must measure the same way (less `except`). */
function measureArgs(values: Values, except: string[] = []): string[] {
  const out: string[] = [];
  for (const [name, spec] of Object.entries(MEASURE_OPTIONS)) {
    if (except.includes(name)) continue;
    const v = values[name];
    if (v === undefined) continue;
    if (spec.type === 'boolean') {
      if (v === true) out.push(`--${name}`);
    } else out.push(`--${name}`, String(v));
  }
  return out;
}

/** Refuses flag combinations that would be accepted and silently ignored. */
function checkCombinations(values: Values, mode: 'time' | 'instructions'): void {
  if (mode === 'instructions') {
    for (const f of ['profile', 'counters', 'isolate', 'time', 'min-time', 'quick', 'samples', 'precision', 'gc', 'resources'])
      if (values[f] !== undefined)
        throw new CycleBenchError(
          'E_USAGE',
          `--${f} does not apply to --mode instructions (a fixed number of iterations counted under callgrind).`,
        );
  } else {
    for (const f of ['iterations', 'cache-sim'])
      if (values[f] !== undefined) throw new CycleBenchError('E_USAGE', `--${f} applies only to --mode instructions.`);
  }
  if (values.profile && values.filter === undefined)
    throw new CycleBenchError('E_USAGE', '--profile needs --filter NAME, so the profile holds just that benchmark');
  if (values.processes !== undefined && (mode === 'instructions' || values.profile))
    throw new CycleBenchError(
      'E_USAGE',
      `--processes does not apply to ${mode === 'instructions' ? '--mode instructions (counts are the same in every process)' : '--profile (one process is profiled)'}.`,
    );
}

/** `cyclebench run [files or globs] [flags]`. */
export async function runCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('run', argv, RUN_OPTIONS);
  if (help) {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  const mode = oneOf(str(values, 'mode'), ['time', 'instructions'] as const, '--mode') ?? 'time';
  checkCombinations(values, mode);
  const options = runOptionsFrom(values, io);
  const iterations = positiveNumber(str(values, 'iterations'), '--iterations');
  const shard = str(values, 'shard') === undefined ? undefined : parseShard(str(values, 'shard')!);
  if (shard && values['ids-from'] !== undefined)
    throw new CycleBenchError('E_USAGE', '--shard and --ids-from both choose what to measure: give one.');
  const gate = await prepareGate(values, io);
  try {
    return await measureAndJudge({ values, positionals, mode, options, iterations, shard, gate }, io);
  } finally {
    await gate.store.close();
  }
}

/** What `run` knows before loading the benchmark files. */
interface RunSetup {
  values: Values;
  positionals: string[];
  mode: 'time' | 'instructions';
  options: RunOptions;
  iterations: number | undefined;
  shard: ShardSpec | undefined;
  gate: PreparedGate;
}

/** Loads the suite, measures (this shard of) it, writes the outputs and judges the run. */
async function measureAndJudge(setup: RunSetup, io: CommandIO): Promise<number> {
  const { values, positionals, mode, options, iterations, gate } = setup;
  if (gate.tag) options.tag = gate.tag;
  if (mode === 'instructions') options.instructionNoise = gate.policy.instructionNoise;
  const processes = processCount(values, gate.config);
  options.heap ??= gate.config.heap;
  options.tier ??= gate.config.tier;
  const files = await findFiles(positionals, io.cwd);
  const suite = await loadSuite(files);
  rotateForProcess(suite.tasks, io.env);
  const allIds = suite.tasks.flatMap(taskIds);
  const scoped = suite.tasks.map((t) => filterTask(t, options.filter)).filter((t) => t !== null);
  if (!scoped.length) {
    const where = files.map((f) => relative(io.cwd, f) || f).join(', ');
    throw new CycleBenchError(
      'E_USAGE',
      allIds.length
        ? `--filter ${JSON.stringify(options.filter)} matches none of the ${allIds.length} benchmarks in ${where}: ${allIds.slice(0, 20).join(', ')}${allIds.length > 20 ? ', ...' : ''}.`
        : `no benchmarks are registered in ${where}.`,
    );
  }
  checkPolicyMatches(gate.policy, allIds, gate.configFile);
  checkBadgeBench(
    gate.outputs,
    scoped.flatMap(taskIds).filter((id) => matchesFilter(id, options.filter)),
  );

  const json = str(values, 'json');
  const human = json === '-' ? io.stderr : io.stdout;
  const share = await chooseShare({
    tasks: scoped,
    filter: options.filter,
    shard: setup.shard,
    idsFrom: str(values, 'ids-from'),
    store: gate.store,
    cwd: io.cwd,
  });
  if (share) {
    human.write(share.note);
    if (!share.ids.length) return emptyShare(share, mode, json, io);
    options.filter = exactIdsFilter(share.ids);
  }
  if (mode === 'instructions' && !values.quiet)
    io.stderr.write(
      `counting instructions of ${scoped.flatMap(taskIds).filter((id) => matchesFilter(id, options.filter)).length} benchmark(s) under callgrind (about 30x slower than a time run)\n`,
    );
  const plan = { files, measureArgs: measureArgs(values), cwd: io.cwd, env: io.env };
  const measure = (): Promise<RunResult> =>
    mode === 'instructions'
      ? runInstructionMode(files, { ...options, iterations: iterations && Math.round(iterations), cacheSim: values['cache-sim'] === true })
      : processes > 1
        ? measureInProcesses(
            processes,
            { ...plan, measureArgs: [...measureArgs(values, ['processes']), '--processes', '1'] },
            options.filter === undefined ? [] : ['--filter', String(options.filter)],
            allIds,
            values.quiet ? undefined : io.stderr,
          )
        : suite.run(options);
  // Isolated, each child profiles the task it runs; in-process, this process is where the benchmark runs.
  const profileDir = values.profile ? join(io.cwd, '.cyclebench', 'profiles') : undefined;
  const isolated = Boolean(options.isolate && options.isolate !== 'none') || Boolean(options.heap === 'steady' || options.tier === 'top');
  if (profileDir) options.profileDir = profileDir;
  const profilePath = profileDir && !isolated ? profileFile(profileDir, str(values, 'filter') ?? '') : undefined;
  const result = await profiled(profilePath, measure);
  const git = await gitState(io.cwd);
  if (git) result.environment.git = git;
  if (share?.shard) result.shard = share.shard;
  if (!values.quiet)
    human.write(renderRun(result, 'console', { color: useColor(human, io.env), targets: evaluateTargets(result, gate.policy.targets) }));
  if (profileDir)
    human.write(
      `\nCPU profile${profilePath ? ` written to ${profilePath}` : `s of each isolated task written to ${profileDir}`} (open in Chrome DevTools > Performance, or VS Code)\n`,
    );
  if (json === '-') io.stdout.write(serializeResult(result));
  else if (json) writeResult(resolve(io.cwd, json), result);

  const fileArgs = files.map((f) => relative(io.cwd, f) || f);
  const reproduce = (id: string) =>
    [
      'cyclebench run',
      ...fileArgs.map(shellQuote),
      '--filter',
      shellQuote(exactIdsFilter([id])),
      ...(str(values, 'isolate') ? ['--isolate', str(values, 'isolate')!] : []),
      '--profile',
    ].join(' ');
  let verdict: GateReport | undefined;
  const code = await finishGate(
    result,
    gate,
    {
      rerun: freshProcessRerun(plan),
      hint: reproduce,
      inScope: (id) => matchesFilter(id, options.filter),
      shownRun: !values.quiet,
      human,
      onVerdict: (r) => (verdict = r),
    },
    io,
  );
  const html = str(values, 'html');
  const judged = verdict && (verdict.comparison || verdict.targets.length || verdict.references.length);
  if (html)
    human.write(
      `wrote HTML report ${writeTo(html, renderHtml({ run: result, verdict: judged ? verdict : undefined, targets: verdict?.targets }), io)}\n`,
    );
  return code;
}

/** `--processes N`, else the config's `processes`; 1 measures in this process. */
function processCount(values: Values, config: { processes?: number }): number {
  const flag = str(values, 'processes');
  if (flag === undefined) return config.processes ?? 1;
  const n = Number(flag);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new CycleBenchError('E_USAGE', `--processes takes a whole number from 1 to 100, got '${flag}'`);
  return n;
}

/** Quotes a word for a POSIX shell when it needs it. */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9._/=:-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
