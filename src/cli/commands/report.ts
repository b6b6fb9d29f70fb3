/**
 * `cyclebench report`: renders a saved result (console, markdown, json, csv, html), and as html also
 * a comparison (two results, or a verdict file from `compare --json`) or the run history.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CycleBenchError } from '../../errors.js';
import { loadPolicy } from '../../config.js';
import { EXIT } from '../../compare/exit.js';
import { evaluateRun, VERDICT_VERSION, type GateReport } from '../../compare/gate.js';
import { evaluateTargets } from '../../compare/targets.js';
import { oneOf, parseCommand, str, type Values } from '../args.js';
import type { ResolvedRef } from '../../store/named.js';
import { resolveStoredRef } from '../../store/refs.js';
import { STORE_USAGE, withStore } from '../store-option.js';
import { useColor, type CommandIO } from '../../report/io.js';
import { writeTo } from '../../report/output.js';
import { renderRun } from '../../report/run-report.js';
import { toBmf } from '../../report/bmf.js';
import { toGab } from '../../report/gab.js';
import { renderHistory } from '../../report/history-report.js';
import { renderHtml, type HtmlInput } from '../../report/html.js';
import { policyFlags, refLabel } from '../run-gate.js';
import { analyzeHistoryFor, HISTORY_OPTIONS } from './history.js';

const USAGE = `Usage: cyclebench report RESULT [--format console|markdown|json|csv|html|bmf|gab] [--out FILE|-]
       cyclebench report BASE CURRENT --format html       the current run and its comparison with BASE
       cyclebench report VERDICT.json [RESULT] --format html   a verdict from \`compare --json\`
       cyclebench report --history [FILTER] [--format html|console|markdown|json]

RESULT, BASE and CURRENT are result files, tags, baseline names or 'last'. Grades use the targets
of cyclebench.config.* and --target; the comparison uses its noise band and alpha.
Options:
  --format F         console (default), markdown, json (the result with grades), csv, html,
                     bmf (Bencher Metric Format JSON), gab (github-action-benchmark customSmallerIsBetter)
  --out FILE|-       write to FILE (html default: cyclebench-report.html; - : stdout)
  --target "ID: p95 < 100ms"   (repeatable)   --noise F  --alpha A  --correction holm|bh|none  --config FILE
  --history          the run history (.cyclebench/history.jsonl): trends, change points, projections
  --threshold T  --window N  --branch B  --cpu MODEL  --last N  --commits N   as in \`cyclebench history\`
${STORE_USAGE}
`;

const FORMATS = ['console', 'markdown', 'json', 'csv', 'html', 'bmf', 'gab'] as const;

/** A verdict file (`compare --json`), or null when `ref` is not one; a newer version is refused. */
function readVerdict(cwd: string, ref: string): GateReport | null {
  const file = resolve(cwd, ref);
  if (!existsSync(file)) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null; // not JSON: let the result reader say what is wrong with it
  }
  const d = doc as Partial<GateReport> | null;
  if (d?.kind !== 'cyclebench-verdict') return null;
  if (typeof d.version !== 'number' || d.version > VERDICT_VERSION)
    throw new CycleBenchError(
      'E_USAGE',
      `${file} is a verdict of version ${String(d.version)}; this cyclebench reads up to ${VERDICT_VERSION}: upgrade cyclebench.`,
    );
  if (!Array.isArray(d.targets) || !d.run || typeof d.exitCode !== 'number')
    throw new CycleBenchError('E_USAGE', `${file} is not a complete cyclebench verdict (missing run, exitCode or targets).`);
  return d as GateReport;
}

/** What the positionals name: results and at most one verdict, in the order given. */
async function sources(positionals: string[], values: Values, io: CommandIO): Promise<HtmlInput & { text?: ResolvedRef }> {
  const verdicts = positionals.map((p) => readVerdict(io.cwd, p));
  const refs = await withStore(values, io, undefined, async (store) => {
    const out: ResolvedRef[] = [];
    for (const p of positionals.filter((_, i) => !verdicts[i])) out.push(await resolveStoredRef(store, io.cwd, p));
    return out;
  });
  const verdict = verdicts.find((v) => v) ?? null;
  if (verdicts.filter((v) => v).length > 1 || refs.length > 2 || (verdict && refs.length > 1))
    throw new CycleBenchError('E_USAGE', `expected one result, BASE CURRENT, or a verdict with at most one result.\n${USAGE}`);
  const { policy } = await loadPolicy(io.cwd, policyFlags(values));
  const run = refs[refs.length - 1]?.run;
  if (refs.length === 2) {
    const report = await evaluateRun(refs[1].run, policy, {
      base: refs[0].run,
      baseLabel: refLabel(refs[0]),
      currentLabel: refLabel(refs[1]),
    });
    return { run, verdict: report };
  }
  return {
    run,
    verdict,
    targets: run ? evaluateTargets(run, policy.targets) : undefined,
    text: refs.length === 1 && !verdict ? refs[0] : undefined,
  };
}

/** `cyclebench report`. Returns 0; errors throw and the CLI prints them (exit 4). */
export async function reportCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('report', argv, {
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    history: { type: 'boolean' },
    target: { type: 'string', multiple: true },
    correction: { type: 'string' },
    ...HISTORY_OPTIONS,
  });
  if (help) {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  const format = oneOf(str(values, 'format'), FORMATS, '--format') ?? 'console';
  const out = str(values, 'out') ?? (format === 'html' ? 'cyclebench-report.html' : undefined);
  let text: string;
  if (values.history) {
    if (positionals.length > 1) throw new CycleBenchError('E_USAGE', `--history takes at most one FILTER.\n${USAGE}`);
    if (format === 'csv' || format === 'bmf' || format === 'gab')
      throw new CycleBenchError('E_USAGE', '--history renders as html, console, markdown or json.');
    const { analysis, read, ids } = await analyzeHistoryFor(values, positionals[0], io);
    text =
      format === 'html'
        ? renderHtml({ history: analysis, historyFile: read.file })
        : renderHistory(analysis, format, {
            problems: read.problems,
            file: read.file,
            filter: positionals[0],
            ids,
            color: !out && format === 'console' && useColor(io.stdout, io.env),
          });
  } else {
    if (positionals.length < 1) throw new CycleBenchError('E_USAGE', `expected a result to render.\n${USAGE}`);
    const input = await sources(positionals, values, io);
    if (format === 'html') text = renderHtml(input);
    else if (!input.text)
      throw new CycleBenchError(
        'E_USAGE',
        `--format ${format} renders one result; a comparison renders as html here, or with \`cyclebench compare BASE CURRENT\`.`,
      );
    else if (format === 'bmf' || format === 'gab')
      text = `${JSON.stringify(format === 'bmf' ? toBmf(input.text.run) : toGab(input.text.run), null, 2)}\n`;
    else
      text = renderRun(input.text.run, format, {
        color: !out && format === 'console' && useColor(io.stdout, io.env),
        targets: input.targets,
      });
  }
  if (out && out !== '-') io.stderr.write(`wrote ${writeTo(out, text, io)} (${Math.ceil(Buffer.byteLength(text) / 1024)} KB)\n`);
  else io.stdout.write(text);
  return EXIT.OK;
}
