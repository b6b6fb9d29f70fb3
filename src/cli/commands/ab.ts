/**
 * `cyclebench ab REF [files]`: the benchmark files measured against two revisions in one job, the
 * working tree (head, dirty allowed) and REF (a git worktree under .cyclebench/ab/), in fresh processes
 * alternating ABBA round by round. Each benchmark's change is the paired per-round ratio with a CI;
 * sampling stops when every CI is within the target or at the budget. Output, targets, references and
 * exit codes are compare's, so it can gate a pull request.
 */
import { relative } from 'node:path';
import { CycleBenchError } from '../../errors.js';
import { poolProcessRuns } from '../../engine/pool.js';
import { taskIds } from '../../engine/run-task.js';
import { matchesFilter } from '../../engine/expand.js';
import { checkPolicyMatches } from '../../compare/policy.js';
import { evaluateRun } from '../../compare/gate.js';
import { pairedRoundsRatio } from '../../compare/stats.js';
import { EXIT, EXIT_HELP } from '../../compare/exit.js';
import { gitState } from '../../store/git.js';
import type { CommandIO } from '../../report/io.js';
import type { RunResult } from '../../result/types.js';
import { parseCommand, str, type Values } from '../args.js';
import { emitVerdict, POLICY_OPTIONS, policyFlags } from '../run-gate.js';
import { measureInFreshProcess, type RerunPlan } from '../rerun.js';
import { ROTATE_ENV } from '../processes.js';
import { baseWorktree, copyHeadFiles, linkDependencies, ownFiles, prepare, resolveRevision } from '../ab-worktree.js';
import { findFiles, loadSuite, parseDurationMs } from './run.js';
import { loadPolicy } from '../../config.js';

const USAGE = `Usage: cyclebench ab REF [files|globs] [options]

Measures the benchmark files against two revisions in one job: the working tree (head) and REF
(checked out in a git worktree under .cyclebench/ab/). Fresh processes alternate base and head in
ABBA order, round by round, each measuring every benchmark; each benchmark's change is the paired
per-round ratio with its CI. Stops when every CI is within --precision or at --budget.

Options:
  --setup "CMD"        prepare each revision (e.g. "npm ci && npm run build"); cached per commit and command
  --own-files          run each revision's own benchmark files (default: head's files against both)
  --filter ID|/re/     only these benchmarks
  --budget 50s         wall time for the rounds (default 50s)    --precision F  target CI half-width (0.005)
  --min-rounds N       (default 4)                              --max-rounds N (default 50)
  --time 200ms         budget per benchmark in each process      --quick
  --noise F (default 0.005: paired rounds; config pairedNoise)  --alpha A  --target "ID: p95 < 100ms"  --config FILE  --allow-removed
  --json FILE|-  --markdown FILE  --format console|markdown|json  --quiet (no round-by-round progress)
${EXIT_HELP}
`;

/** Rounds' wall time: a three-benchmark suite's whole `ab` (worktree, setup, rounds) within a minute (docs/precision.md). */
const DEFAULT_AB_BUDGET = '50s';

/** The per-process measuring flags: short by default, the caller's when given. */
function processArgs(values: Values): string[] {
  const out = ['--processes', '1'];
  if (values.quick) out.push('--quick');
  out.push('--time', str(values, 'time') ?? '200ms');
  return out;
}

function positiveInt(values: Values, name: string, fallback: number): number {
  const v = str(values, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CycleBenchError('E_USAGE', `--${name} takes a whole number >= 1, got '${v}'`);
  return n;
}

/** `cyclebench ab REF [files]`. */
export async function abCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('ab', argv, {
    setup: { type: 'string' },
    'own-files': { type: 'boolean' },
    filter: { type: 'string' },
    budget: { type: 'string' },
    precision: { type: 'string' },
    'min-rounds': { type: 'string' },
    'max-rounds': { type: 'string' },
    time: { type: 'string' },
    quick: { type: 'boolean' },
    ...POLICY_OPTIONS,
    json: { type: 'string' },
    markdown: { type: 'string' },
    format: { type: 'string' },
    quiet: { type: 'boolean' },
  });
  if (help) {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  const [ref, ...patterns] = positionals;
  if (!ref) throw new CycleBenchError('E_USAGE', `expected REF (a commit, branch or tag).\n${USAGE}`);
  const budget = str(values, 'budget') ?? DEFAULT_AB_BUDGET;
  const budgetMs = parseDurationMs(budget, '--budget');
  const precision = Number(str(values, 'precision') ?? 0.005);
  if (!(precision > 0 && precision < 1))
    throw new CycleBenchError('E_USAGE', `--precision takes a fraction such as 0.005, got '${values.precision}'`);
  const minRounds = Math.max(3, positiveInt(values, 'min-rounds', 4));
  const maxRounds = Math.max(minRounds, positiveInt(values, 'max-rounds', 50));
  const { policy, configFile } = await loadPolicy(io.cwd, policyFlags(values));
  const filter = str(values, 'filter');
  const progress = values.quiet ? { write: () => true } : io.stderr;

  const { root, commit } = await resolveRevision(io.cwd, ref);
  const headFiles = await findFiles(patterns, io.cwd);
  const ids = (await loadSuite(headFiles)).tasks.flatMap(taskIds).filter((id) => matchesFilter(id, filter));
  if (!ids.length)
    throw new CycleBenchError(
      'E_USAGE',
      `no benchmark${filter ? ` matches --filter ${JSON.stringify(filter)}` : ''} in ${headFiles.map((f) => relative(io.cwd, f)).join(', ')}`,
    );
  checkPolicyMatches(policy, ids, configFile);

  const baseDir = await baseWorktree(io.cwd, commit);
  progress.write(`base ${ref} (${commit.slice(0, 10)}) in ${relative(io.cwd, baseDir)}\n`);
  const setupBase = await prepare(baseDir, str(values, 'setup'), `base ${ref}`, true);
  if (setupBase !== 'none') progress.write(`setup of the base: ${setupBase}\n`);
  if (setupBase === 'none') linkDependencies(root, baseDir);
  if ((await prepare(root, str(values, 'setup'), 'head (working tree)', false)) === 'ran') progress.write('setup of the head: ran\n');
  const copies = values['own-files'] ? null : copyHeadFiles(headFiles, root, baseDir);
  const cwdInBase = baseDir + io.cwd.slice(root.length);
  const filterArgs = filter ? ['--filter', filter] : [];
  const plans: Record<'base' | 'head', RerunPlan> = {
    base: {
      files: copies ? copies.files : ownFiles(headFiles, root, baseDir),
      measureArgs: processArgs(values),
      cwd: cwdInBase,
      env: io.env,
    },
    head: { files: headFiles, measureArgs: processArgs(values), cwd: io.cwd, env: io.env },
  };

  const runs: Record<'base' | 'head', RunResult[]> = { base: [], head: [] };
  const ratios = new Map<string, number[]>();
  const started = performance.now();
  let stop: 'precision' | 'budget' | 'max-rounds' = 'max-rounds';
  try {
    for (let round = 0; round < maxRounds; round++) {
      const order: ('base' | 'head')[] = round % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
      const got: Partial<Record<'base' | 'head', RunResult>> = {};
      for (const side of order)
        got[side] = await measureInFreshProcess(plans[side], filterArgs, `${side} process of round ${round + 1}`, {
          [ROTATE_ENV]: String(round),
        });
      runs.base.push(got.base!);
      runs.head.push(got.head!);
      for (const id of ids) {
        const a = got.base!.benchmarks.find((b) => b.id === id);
        const b = got.head!.benchmarks.find((x) => x.id === id);
        if (a?.status === 'ok' && b?.status === 'ok' && a.stats!.median > 0 && b.stats!.median > 0)
          ratios.set(id, [...(ratios.get(id) ?? []), b.stats!.median / a.stats!.median]);
      }
      const widths = [...ratios.values()].map((r) => (r.length >= 3 ? halfWidth(r, policy.alpha) : Infinity));
      const widest = widths.length ? Math.max(...widths) : Infinity;
      progress.write(`round ${round + 1}: widest ratio CI ±${Number.isFinite(widest) ? (widest * 100).toFixed(2) : '∞'}%\n`);
      if (round + 1 >= minRounds && widest <= precision) {
        stop = 'precision';
        break;
      }
      if (performance.now() - started >= budgetMs) {
        stop = 'budget';
        break;
      }
    }
  } finally {
    copies?.cleanup();
  }
  const base = poolProcessRuns(runs.base, ids);
  const head = poolProcessRuns(runs.head, ids);
  const git = await gitState(io.cwd);
  if (git) head.environment.git = git;
  base.environment.git = { commit, branch: null, dirty: false };
  const rounds = runs.head.length;
  const report = await evaluateRun(head, policy, {
    base,
    baseLabel: `${ref} (ab)`,
    currentLabel: 'working tree (ab)',
    rounds: ratios,
    notes: [
      `${rounds} rounds of alternating fresh processes (ABBA) in ${((performance.now() - started) / 1000).toFixed(1)} s; stopped on ${stop === 'precision' ? `precision: every ratio CI within ±${(precision * 100).toFixed(2)}%` : stop === 'budget' ? `the ${budget} budget` : `the round limit (${maxRounds})`}`,
    ],
  });
  const format = str(values, 'format') as 'console' | 'markdown' | 'json' | undefined;
  emitVerdict(report, { json: str(values, 'json'), markdown: str(values, 'markdown'), format }, io);
  return report.exitCode;
}

/** Relative half-width of the rounds' ratio CI. */
function halfWidth(ratios: readonly number[], alpha: number): number {
  const r = pairedRoundsRatio(ratios, alpha);
  return (r.ci[1] - r.ci[0]) / 2 / r.ratio;
}
