/**
 * `cyclebench compare BASE [CURRENT]` and the regression half of `cyclebench run`
 * (`--baseline`, `--save-baseline`, `--tag`, `--history`, `--json`, `--markdown`, policy flags).
 */
import { parseArgs } from 'node:util';
import { CycleBenchError } from '../../errors.js';
import type { RunResult } from '../../result/types.js';
import { loadPolicy, type PolicyFlags } from '../../config.js';
import { evaluateRun, type GateReport } from '../../compare/gate.js';
import type { Rerun } from '../../compare/confirm.js';
import type { Policy } from '../../compare/policy.js';
import { EXIT } from '../../compare/exit.js';
import { appendHistory } from '../../store/history-file.js';
import { resolveRef, saveLast, saveNamed, type ResolvedRef } from '../../store/named.js';
import { validateName } from '../../store/paths.js';
import { useColor, type CommandIO } from '../../report/io.js';
import { appendStepSummary, reportError, writeTo } from '../../report/output.js';
import { renderVerdictConsole, renderVerdictJson, renderVerdictMarkdown } from '../../report/verdict.js';

const COMPARE_USAGE = `Usage: cyclebench compare BASE [CURRENT] [options]

BASE and CURRENT are each a result file, a tag (cyclebench run --tag T), a baseline name, or
'last' (the latest run). CURRENT defaults to 'last'.

Options:
  --noise F          noise band, relative (0.05 = ±5%)         --alpha A        significance level
  --correction holm|bh|none                                    --target "ID: p95 < 100ms" (repeatable)
  --config FILE      config file (default cyclebench.config.*)
  --json FILE|-      write the verdict as JSON                 --markdown FILE  write GitHub markdown
  --format console|markdown|json   what to print on stdout (default console)
Exit: 0 ok, 1 regression, 2 reference regression, 3 missed target, 4 usage/config error.
`;

/** Policy flags every regression command accepts, for node:util parseArgs. */
const POLICY_OPTIONS = {
  noise: { type: 'string' },
  alpha: { type: 'string' },
  correction: { type: 'string' },
  confirm: { type: 'string' },
  target: { type: 'string', multiple: true },
  config: { type: 'string' },
} as const;

/** Where the verdict goes. */
interface OutputOptions {
  json?: string;
  markdown?: string;
  format?: string;
}

/** Prints and writes a verdict: console/markdown/json on stdout, files, and the GitHub step summary. */
function emit(report: GateReport, out: OutputOptions, io: CommandIO): void {
  const format = out.format ?? 'console';
  if (!['console', 'markdown', 'json'].includes(format)) throw new CycleBenchError('E_USAGE', `--format must be console, markdown or json, got ${JSON.stringify(format)}.`);
  // With --json -, stdout carries the JSON alone; the human report moves to stderr.
  const human = out.json === '-' ? io.stderr : io.stdout;
  if (format === 'console') human.write(renderVerdictConsole(report, { color: useColor(human, io.env) }));
  else if (format === 'markdown') human.write(renderVerdictMarkdown(report));
  else if (out.json !== '-') io.stdout.write(renderVerdictJson(report));
  const md = renderVerdictMarkdown(report);
  if (out.markdown) writeTo(out.markdown, md, io);
  if (out.json) writeTo(out.json, renderVerdictJson(report), io);
  appendStepSummary(md, io);
}

/** `cyclebench compare BASE [CURRENT]`. Returns the exit code. */
export async function compareCommand(argv: string[], io: CommandIO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...POLICY_OPTIONS, json: { type: 'string' }, markdown: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout.write(COMPARE_USAGE);
      return EXIT.OK;
    }
    if (positionals.length < 1 || positionals.length > 2) throw new CycleBenchError('E_USAGE', `expected BASE [CURRENT], got ${positionals.length} argument(s).\n${COMPARE_USAGE}`);
    const { policy } = await loadPolicy(io.cwd, values as PolicyFlags & { config?: string });
    const base = resolveRef(io.cwd, positionals[0]);
    const current = resolveRef(io.cwd, positionals[1] ?? 'last');
    const report = await evaluateRun(current.run, policy, { base: base.run, baseLabel: refLabel(base), currentLabel: refLabel(current) });
    emit(report, values, io);
    return report.exitCode;
  } catch (err) {
    return reportError('compare', err, io);
  }
}

function refLabel(r: ResolvedRef): string {
  return r.source === 'file' ? r.ref : `${r.source} ${r.ref}`;
}

/** Regression options of `cyclebench run`. */
export interface RunRegressOptions {
  /** `--baseline REF`: compare with this baseline (or tag, or file). */
  baseline?: string;
  /** `--save-baseline NAME`: save the run as this baseline (after comparing). */
  saveBaseline?: string;
  /** `--tag T`: save the run as tag T (and set `run.tag`). */
  tag?: string;
  /** `--history`: append the run to `.cyclebench/history.jsonl`. */
  history?: boolean;
  /** `--json FILE|-` and `--markdown FILE`. */
  json?: string;
  markdown?: string;
  /** Policy flags (`--noise`, `--alpha`, `--correction`, `--confirm`, `--target`, `--config`). */
  flags: PolicyFlags & { config?: string };
}

/** What {@link prepareRunChecks} hands back to `cyclebench run`. */
export interface PreparedRun {
  /** The arguments that are not regression flags, for the engine. */
  rest: string[];
  options: RunRegressOptions;
  policy: Policy;
  /** The resolved `--baseline`, loaded before the run so a missing one fails fast. */
  base: ResolvedRef | null;
  /**
   * Call after the run: saves `.cyclebench/last.json`, the tag, the baseline and history; judges the
   * run (baseline comparison with confirmation re-runs through `rerun`, targets, references); prints
   * and writes the verdict. Returns the exit code (EXIT.*). Never throws: errors print and return 4.
   */
  finish(run: RunResult, rerun?: Rerun): Promise<number>;
}

const VALUE_FLAGS = new Set(['baseline', 'save-baseline', 'tag', 'json', 'markdown', 'noise', 'alpha', 'correction', 'confirm', 'target', 'config']);

/** Splits `cyclebench run` arguments into regression options and the rest (left for the engine). */
export function extractRunFlags(argv: string[]): { options: RunRegressOptions; rest: string[] } {
  const o: RunRegressOptions = { flags: {} };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(a);
    if (!m || (!VALUE_FLAGS.has(m[1]) && m[1] !== 'history')) {
      rest.push(a);
      continue;
    }
    const name = m[1];
    if (name === 'history') {
      if (m[2] !== undefined) throw new CycleBenchError('E_USAGE', '--history takes no value.');
      o.history = true;
      continue;
    }
    let v = m[2];
    if (v === undefined) {
      v = argv[++i];
      if (v === undefined || (v.startsWith('--') && v !== '-')) throw new CycleBenchError('E_USAGE', `--${name} needs a value.`);
    }
    switch (name) {
      case 'baseline': o.baseline = v; break;
      case 'save-baseline': o.saveBaseline = validateName(v, 'baseline'); break;
      case 'tag': o.tag = validateName(v, 'tag'); break;
      case 'json': o.json = v; break;
      case 'markdown': o.markdown = v; break;
      case 'target': (o.flags.target ??= []).push(v); break;
      case 'config': o.flags.config = v; break;
      default: (o.flags as Record<string, string>)[name] = v;
    }
  }
  return { options: o, rest };
}

/**
 * The regression half of `cyclebench run`, in two steps so that a bad flag, config or baseline fails
 * before minutes of measuring: call this with run's argv first; if it returns `{ exitCode }`, exit
 * with it (the error is printed); otherwise run the engine with `rest` and exit with
 * `await prepared.finish(run, rerun)`.
 */
export async function prepareRunChecks(argv: string[], io: CommandIO): Promise<PreparedRun | { exitCode: number }> {
  try {
    const { options, rest } = extractRunFlags(argv);
    const { policy } = await loadPolicy(io.cwd, options.flags);
    const base = options.baseline ? resolveRef(io.cwd, options.baseline) : null;
    return {
      rest, options, policy, base,
      finish: (run, rerun) => finishRun(run, { options, policy, base, rerun }, io),
    };
  } catch (err) {
    return { exitCode: reportError('run', err, io) };
  }
}

/** Runs the post-run steps of `cyclebench run` (see {@link PreparedRun.finish}). */
export async function finishRun(
  run: RunResult,
  ctx: { options: RunRegressOptions; policy: Policy; base: ResolvedRef | null; rerun?: Rerun },
  io: CommandIO,
): Promise<number> {
  try {
    const { options, policy, base } = ctx;
    const notes: string[] = [];
    if (options.tag && run.tag === undefined) run = { ...run, tag: options.tag };
    notes.push(`saved latest run to ${saveLast(io.cwd, run)}`);
    if (options.tag) notes.push(`saved tag ${options.tag} to ${saveNamed(io.cwd, 'tag', options.tag, run)}`);
    if (options.history) notes.push(`appended to history ${appendHistory(io.cwd, run)}`);
    const report = await evaluateRun(run, policy, {
      base: base?.run,
      baseLabel: base ? refLabel(base) : undefined,
      currentLabel: options.tag ? `tag ${options.tag}` : 'this run',
      rerun: ctx.rerun,
      notes,
    });
    // Saved after comparing, so `--baseline main --save-baseline main` compares with the old one.
    if (options.saveBaseline) report.notes.push(`saved baseline ${options.saveBaseline} to ${saveNamed(io.cwd, 'baseline', options.saveBaseline, run)}`);
    const judged = report.comparison || report.targets.length || report.references.length || report.errored.length;
    if (judged || options.json || options.markdown) emit(report, { json: options.json, markdown: options.markdown }, io);
    else for (const n of report.notes) io.stdout.write(`${n}\n`);
    return report.exitCode;
  } catch (err) {
    return reportError('run', err, io);
  }
}
