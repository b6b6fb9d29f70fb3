/** `cyclebench load [files|globs] [flags]`: a one-off run of the load tests in benchmark files, with their shape overridable from flags. */
import { relative, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { CycleBenchError } from '../../errors.js';
import { matchesFilter } from '../../engine/expand.js';
import type { RunOptions } from '../../engine/options.js';
import { runSuite } from '../../engine/run-suite.js';
import { filterTask, taskIds } from '../../engine/run-task.js';
import { loadPlan, type LoadOptions } from '../../load/options.js';
import { checkPolicyMatches } from '../../compare/policy.js';
import { EXIT, EXIT_HELP } from '../../compare/exit.js';
import { renderRun } from '../../report/run-report.js';
import { useColor, type CommandIO } from '../../report/io.js';
import { gitState, serializeResult, writeResult } from '../../store/index.js';
import { oneOf, parseCommand, str, type OptionTable, type Values } from '../args.js';
import { progressReporter } from '../progress.js';
import { finishGate, prepareGate } from '../run-gate.js';
import { findFiles, loadSuite } from './run.js';

const strings = (...names: string[]): OptionTable => Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));

const LOAD_OPTIONS: OptionTable = {
  ...strings(
    'filter',
    'concurrency',
    'requests',
    'duration',
    'rate',
    'warmup',
    'timeout',
    'isolate',
    'workers',
    'json',
    'markdown',
    'config',
  ),
  'no-resources': { type: 'boolean' },
  quiet: { type: 'boolean' },
  target: { type: 'string', multiple: true },
};

const USAGE = `Usage: cyclebench load [files|globs] [options]

Runs the load tests (\`load(name, fn, options)\`) of the given benchmark files once (default
bench/**/*.bench.{ts,mts,js,mjs}); benchmarks are left out. Nothing is saved unless --json asks.
Flags override every selected test's own options (docs/load.md):
  --filter ID|/re/        only load tests whose id contains ID or matches /re/
  --concurrency N         concurrent callers (closed) or the cap in flight (open)
  --requests N            requests to measure       --duration 10s  how long to measure
  --rate R                open model: start R requests per second, latency from each scheduled start
  --warmup N              unrecorded requests first --timeout 2s    per-request timeout
  --isolate worker|process  split the load across threads or processes   --workers N
  --no-resources          do not sample CPU and memory
Output and targets:
  --json FILE|-           write the result file (- : stdout, JSON only)   --markdown FILE
  --quiet                 no table, no progress
  --target "ID: p95 < 100ms"   also "ID: success > 99%", "ID: rss < 200MB", "ID: throughput > 500/s"
  --config FILE
${EXIT_HELP}
`;

function whole(values: Values, name: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new CycleBenchError('E_USAGE', `--${name} takes a whole number, got '${v}'`);
  return n;
}

/** The flags that override load tests' own options. */
function overridesFrom(values: Values): LoadOptions {
  const rate = str(values, 'rate');
  const o: LoadOptions = {
    concurrency: whole(values, 'concurrency'),
    requests: whole(values, 'requests'),
    duration: str(values, 'duration'),
    rate: rate === undefined ? undefined : Number(rate),
    warmup: whole(values, 'warmup'),
    timeout: str(values, 'timeout'),
    isolate: oneOf(str(values, 'isolate'), ['none', 'worker', 'process'] as const, '--isolate'),
    workers: whole(values, 'workers'),
  };
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** `cyclebench load [files or globs] [flags]`. */
export async function loadCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('load', argv, LOAD_OPTIONS);
  if (help) {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  const filter = str(values, 'filter');
  const overrides = overridesFrom(values);
  const gate = await prepareGate(values, io);
  gate.noSave = true;
  const files = await findFiles(positionals, io.cwd);
  const suite = await loadSuite(files);
  const where = files.map((f) => relative(io.cwd, f) || f).join(', ');
  const loadTasks = suite.tasks.filter((t) => t.kind === 'bench' && t.bench.options.load);
  if (!loadTasks.length)
    throw new CycleBenchError(
      'E_USAGE',
      `no load tests are registered in ${where}; register one with load(name, fn, { concurrency, requests }).`,
    );
  const tasks = loadTasks.map((t) => filterTask(t, filter)).filter((t) => t !== null);
  const ids = loadTasks.flatMap(taskIds);
  if (!tasks.length)
    throw new CycleBenchError(
      'E_USAGE',
      `--filter ${JSON.stringify(filter)} matches none of the load tests in ${where}: ${ids.join(', ')}.`,
    );
  // Overrides are checked on every selected test before anything runs, so a bad flag costs nothing.
  for (const t of tasks) if (t.kind === 'bench') loadPlan(t.bench.name, t.bench.options.load!, overrides, availableParallelism());
  checkPolicyMatches(gate.policy, ids, gate.configFile);

  const options: RunOptions = { filter, load: overrides, ...(values['no-resources'] ? { resources: false } : {}) };
  if (!values.quiet) options.onProgress = progressReporter(io.stderr, io.env);
  const result = await runSuite({ tasks }, options);
  const git = await gitState(io.cwd);
  if (git) result.environment.git = git;
  const json = str(values, 'json');
  const human = json === '-' ? io.stderr : io.stdout;
  if (!values.quiet) human.write(renderRun(result, 'console', { color: useColor(human, io.env) }));
  if (json === '-') io.stdout.write(serializeResult(result));
  else if (json) writeResult(resolve(io.cwd, json), result);
  const fileArgs = files.map((f) => relative(io.cwd, f) || f);
  return finishGate(
    result,
    gate,
    {
      hint: (id) => `cyclebench load ${fileArgs.join(' ')} --filter '${id}'`,
      inScope: (id) => matchesFilter(id, filter),
      shownRun: !values.quiet,
      human,
    },
    io,
  );
}
