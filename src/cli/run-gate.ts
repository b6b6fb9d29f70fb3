/**
 * The regression half of `cyclebench run`: before measuring, load the policy and the baseline (so a
 * bad flag, config or baseline fails before minutes of work); after, save the run, judge it, print
 * and write the verdict. `compare` shares the output half ({@link emitVerdict}).
 */
import type { CommandIO } from '../report/io.js';
import type { RunResult } from '../result/types.js';
import { loadPolicy, type CycleBenchConfig, type PolicyFlags } from '../config.js';
import { evaluateRun, type GateReport } from '../compare/gate.js';
import type { Rerun } from '../compare/confirm.js';
import type { Policy } from '../compare/policy.js';
import { analyzeHistory } from '../compare/history-analysis.js';
import { historyEntry } from '../store/history-file.js';
import { saveLast, type ResolvedRef } from '../store/named.js';
import { validateName } from '../store/paths.js';
import { checkStoreName, resolveStoredRef } from '../store/refs.js';
import type { Store } from '../store/store.js';
import { renderVerdictConsole, renderVerdictJson, renderVerdictMarkdown } from '../report/verdict.js';
import { renderRun } from '../report/run-report.js';
import { useColor } from '../report/io.js';
import { appendStepSummary, writeTo } from '../report/output.js';
import { str, type OptionTable, type Values } from './args.js';
import { ciOutputs, OUTPUT_OPTIONS, writeCiOutputs, type ArtifactSources, type CiOutputs } from './outputs.js';
import { renderPrComment } from '../report/pr-comment.js';
import { commandStore, STORE_OPTION } from './store-option.js';

/** The policy flags that every judging command (run's gate, compare, ab) takes; read by {@link policyFlags}. */
export const POLICY_OPTIONS: OptionTable = {
  noise: { type: 'string' },
  alpha: { type: 'string' },
  correction: { type: 'string' },
  target: { type: 'string', multiple: true },
  config: { type: 'string' },
  'allow-removed': { type: 'boolean' },
};

/** The regression flags of `cyclebench run`. */
export const GATE_OPTIONS: OptionTable = {
  baseline: { type: 'string' },
  'save-baseline': { type: 'string' },
  tag: { type: 'string' },
  history: { type: 'boolean' },
  'no-save': { type: 'boolean' },
  markdown: { type: 'string' },
  confirm: { type: 'string' },
  ...POLICY_OPTIONS,
  ...STORE_OPTION,
  ...OUTPUT_OPTIONS,
};

/** The policy flags among parsed values, as the config loader takes them. */
export function policyFlags(values: Values): PolicyFlags & { config?: string } {
  return {
    noise: str(values, 'noise'),
    alpha: str(values, 'alpha'),
    correction: str(values, 'correction'),
    confirm: str(values, 'confirm'),
    target: values.target as string[] | undefined,
    config: str(values, 'config'),
    'allow-removed': values['allow-removed'] === true,
  };
}

/** How a resolved reference is named in reports: a file by its path, else `tag before`, `baseline main`, `last`. */
export function refLabel(r: ResolvedRef): string {
  return r.source === 'file' || r.source === 'last' ? r.ref : `${r.source} ${r.ref}`;
}

/** Where a verdict goes. */
export interface VerdictOutputs {
  /** `--json FILE|-` of `compare`: the verdict as JSON. */
  json?: string;
  markdown?: string;
  /** What to print on the human stream (default console); `pr-comment` prints the comment on stdout. */
  format?: 'console' | 'markdown' | 'json' | 'pr-comment';
  /** The run's results, shown above the verdict in markdown (run's `--markdown` and the step summary). */
  run?: RunResult;
  /** The CI outputs (`--pr-comment`, `--badge`, `--junit`, `--output-dir`) and what they are made of. */
  ci?: Omit<ArtifactSources, 'markdown'>;
}

/**
 * Prints and writes a verdict. With `--json -` stdout carries the JSON alone and everything human
 * goes to stderr. A step summary that cannot be written is a warning: the verdict and its exit code stand.
 */
export function emitVerdict(report: GateReport | null, out: VerdictOutputs, io: CommandIO, shownRun = false): void {
  const human = out.json === '-' ? io.stderr : io.stdout;
  const format = out.format ?? 'console';
  if (report && shownRun) human.write('\n');
  if (report) {
    if (format === 'console') human.write(renderVerdictConsole(report, { color: useColor(human, io.env), errorsShown: shownRun }));
    else if (format === 'markdown') human.write(renderVerdictMarkdown(report));
    else if (format === 'pr-comment') human.write(renderPrComment(report, { commentId: out.ci?.outputs.commentId }));
    else if (out.json !== '-') io.stdout.write(renderVerdictJson(report));
  }
  const md = [
    out.run ? renderRun(out.run, 'markdown', { targets: report?.targets }) : '',
    report ? renderVerdictMarkdown(report, { errorsShown: out.run !== undefined }) : '',
  ]
    .filter(Boolean)
    .join('\n');
  if (out.markdown) writeTo(out.markdown, md, io);
  if (out.json && report) writeTo(out.json, renderVerdictJson(report), io);
  if (out.ci) writeCiOutputs({ ...out.ci, markdown: md }, io);
  try {
    appendStepSummary(md, io);
  } catch (err) {
    io.stderr.write(
      `cyclebench: warning: cannot write the GitHub step summary ${io.env.GITHUB_STEP_SUMMARY}: ${(err as Error).message}; the verdict stands.\n`,
    );
  }
}

/** What `run` learns before measuring. */
export interface PreparedGate {
  policy: Policy;
  /** The config file's contents (engine keys such as `processes`). */
  config: CycleBenchConfig;
  configFile: string | null;
  /** Where history, baselines and tags are kept (`--store`); the caller closes it. */
  store: Store;
  /** The resolved `--baseline`, loaded before the run so a missing or corrupt one fails fast. */
  base: ResolvedRef | null;
  tag?: string;
  saveBaseline?: string;
  history: boolean;
  noSave: boolean;
  markdown?: string;
  /** `--pr-comment`, `--badge`, `--junit`, `--output-dir`. */
  outputs: CiOutputs;
}

/**
 * Loads the policy (config + flags) and the baseline, checks names, and makes sure the store can be
 * used (connected, schema current) before anything is measured; throws `E_USAGE`/`E_CONFIG`/
 * `E_BAD_NAME`/`E_STORE`. The store's connection is released again: measuring may take long.
 */
export async function prepareGate(values: Values, io: CommandIO): Promise<PreparedGate> {
  const tag = str(values, 'tag');
  const saveBaseline = str(values, 'save-baseline');
  if (tag !== undefined) validateName(tag, 'tag');
  if (saveBaseline !== undefined) validateName(saveBaseline, 'baseline');
  const { policy, configFile, config } = await loadPolicy(io.cwd, policyFlags(values));
  const baseline = str(values, 'baseline');
  const store = await commandStore(values, io, { config, file: configFile });
  let base: ResolvedRef | null = null;
  try {
    const writes = tag !== undefined || saveBaseline !== undefined || values.history === true;
    if (writes) await store.ready(true);
    if (tag !== undefined) await checkStoreName(store, 'tag', tag);
    if (saveBaseline !== undefined) await checkStoreName(store, 'baseline', saveBaseline);
    if (baseline !== undefined) base = await resolveStoredRef(store, io.cwd, baseline);
  } finally {
    await store.close();
  }
  return {
    policy,
    config,
    configFile,
    store,
    base,
    tag,
    saveBaseline,
    history: values.history === true,
    noSave: values['no-save'] === true,
    markdown: str(values, 'markdown'),
    outputs: ciOutputs(values),
  };
}

/** What the run command hands to {@link finishGate} besides the run. */
export interface FinishContext {
  /** Re-measures suspects in fresh processes. */
  rerun?: Rerun;
  /** The command that reproduces one benchmark under the profiler. */
  hint: (id: string) => string;
  /** The ids in the run's scope (its filter): base benchmarks outside it are not "removed". */
  inScope: (id: string) => boolean;
  /** The run table was already printed on the human stream. */
  shownRun: boolean;
  /** The human stream (stderr when stdout carries JSON). */
  human: CommandIO['stdout'];
  /** Receives the verdict once judged (for `run --html`). */
  onVerdict?: (report: GateReport) => void;
}

/**
 * After the run: saves `.cyclebench/last.json` (unless `--no-save`), the tag and history; judges the
 * run (baseline with confirmation re-runs, removed benchmarks, targets, references, history); saves
 * `--save-baseline` after comparing; prints and writes the verdict. Returns the exit code. A run that
 * measured nothing (every benchmark skipped) replaces no stored result.
 */
export async function finishGate(run: RunResult, gate: PreparedGate, ctx: FinishContext, io: CommandIO): Promise<number> {
  const notes: string[] = [];
  const measured = run.benchmarks.some((b) => b.status !== 'skipped');
  if (gate.tag && run.tag === undefined) run = { ...run, tag: gate.tag };
  if (!measured) notes.push(`nothing measured (every benchmark was skipped): no stored result was written`);
  else {
    if (!gate.noSave) notes.push(`saved latest run to ${saveLast(io.cwd, run)}`);
    if (gate.tag) notes.push(`saved tag ${gate.tag} to ${await gate.store.saveNamed('tag', gate.tag, run)}`);
    if (gate.history) notes.push(`appended to history ${await gate.store.appendHistory([{ entry: historyEntry(run), run }])}`);
  }
  const { policy, base } = gate;
  const historyRegressions = gate.history && measured ? await historyAtThisRun(gate.store, run, policy) : [];
  const only = base
    ? [...new Set([...run.benchmarks.map((b) => b.id), ...base.run.benchmarks.map((b) => b.id).filter(ctx.inScope)])]
    : undefined;
  const report = await evaluateRun(run, policy, {
    base: base?.run,
    baseLabel: base ? refLabel(base) : undefined,
    currentLabel: gate.tag ? `tag ${gate.tag}` : 'this run',
    only,
    rerun: run.mode === 'instructions' ? undefined : ctx.rerun,
    hint: ctx.hint,
    historyRegressions,
    notes,
  });
  if (base && run.mode === 'instructions' && policy.confirm > 0)
    report.notes.push('no confirmation re-runs: instruction counts are deterministic');
  // Saved after comparing, so `--baseline main --save-baseline main` compares with the old one.
  if (gate.saveBaseline && measured)
    report.notes.push(`saved baseline ${gate.saveBaseline} to ${await gate.store.saveNamed('baseline', gate.saveBaseline, run)}`);
  ctx.onVerdict?.(report);
  const judged = Boolean(
    report.comparison || report.targets.length || report.references.length || report.errored.length || report.historyRegressions.length,
  );
  const ci = { report, current: run, base: base?.run, outputs: gate.outputs };
  if (judged) emitVerdict(report, { markdown: gate.markdown, run, ci }, { ...io, stdout: ctx.human }, ctx.shownRun);
  else {
    emitVerdict(null, { markdown: gate.markdown, run, ci }, io);
    for (const n of report.notes) ctx.human.write(`${n}\n`);
  }
  return report.exitCode;
}

/**
 * Regressions that the history (this run just appended) shows at this run, for its benchmarks, over
 * the runs of this machine class (CPU model): a shared store holds other machines' runs too.
 */
async function historyAtThisRun(store: Store, run: RunResult, policy: Policy): Promise<{ id: string; message: string }[]> {
  const ids = new Set(run.benchmarks.map((b) => b.id));
  const read = await store.readHistory({ ids: [...ids], cpu: run.environment.cpu.model });
  const analysis = analyzeHistory(read.entries, {
    alpha: policy.alpha,
    noise: policy.noise,
    window: policy.history.window,
    minRuns: policy.history.minRuns,
    seed: policy.seed,
  });
  return analysis.series
    .filter((s) => ids.has(s.id) && s.regression)
    .map((s) => ({ id: s.id, message: `${s.id}: ${s.regression!.message} (history)` }));
}
