/** `cyclebench history [FILTER]`: trends, change points, projections and regressions over history. */
import { CycleBenchError } from '../../errors.js';
import { loadPolicy } from '../../config.js';
import { EXIT, EXIT_HELP } from '../../compare/exit.js';
import { oneOf, parseCommand, str, type OptionTable, type Values } from '../args.js';
import { policyFlags } from '../run-gate.js';
import { analyzeHistory, matches, type HistoryAnalysis, type HistoryThreshold } from '../../compare/history-analysis.js';
import { bestMatch } from '../../compare/glob.js';
import { parseTarget, type Target } from '../../compare/targets.js';
import { parseQuantity } from '../../compare/units.js';
import type { StoredHistory } from '../../store/store.js';
import { STORE_OPTION, STORE_USAGE, withStore } from '../store-option.js';
import { useColor, type CommandIO } from '../../report/io.js';
import { appendStepSummary, writeTo } from '../../report/output.js';
import { renderHistory } from '../../report/history-report.js';

const USAGE = `Usage: cyclebench history [FILTER] [options]

FILTER is a glob over benchmark ids ('db/*') or text an id contains.
Options:
  --threshold T      project when the trend crosses T: "2ms" (median) or "p95 < 100ms"
                     (default: the benchmark's targets from config)
  --window N         trailing runs the latest is judged against (default 10)
  --branch B         only runs on git branch B          --cpu MODEL   only runs on this CPU model (machine class)
  --last N           only the latest N runs             --commits N   only runs of the latest N commits
  --alpha A  --noise F  --config FILE
  --format console|markdown|json   --json FILE|-   --markdown FILE
${STORE_USAGE}
${EXIT_HELP} (history: 0, or 1 when it shows a regression at the latest run)
`;

const STORED = new Set(['median', 'mean', 'p95', 'p99', 'min', 'max']);

function toThreshold(t: Target): HistoryThreshold | null {
  const stat = t.stat === 'p50' ? 'median' : t.stat;
  if (!STORED.has(stat) || t.op === '>' || t.op === '>=') return null;
  return { value: t.limit, stat: stat as HistoryThreshold['stat'], text: t.text };
}

/** The flags that shape a history analysis (shared with `report --history`). */
export const HISTORY_OPTIONS: OptionTable = {
  noise: { type: 'string' },
  alpha: { type: 'string' },
  config: { type: 'string' },
  threshold: { type: 'string' },
  window: { type: 'string' },
  branch: { type: 'string' },
  cpu: { type: 'string' },
  last: { type: 'string' },
  commits: { type: 'string' },
  ...STORE_OPTION,
};

function count(values: Values, flag: 'last' | 'commits'): number | undefined {
  const text = str(values, flag);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new CycleBenchError('E_USAGE', `--${flag} takes a whole number >= 1, got '${text}'.`);
  return n;
}

/** Reads the history the flags select from the store and analyses it as they ask (policy, window, threshold); also the ids it holds. */
export async function analyzeHistoryFor(
  values: Values,
  filter: string | undefined,
  io: CommandIO,
): Promise<{ analysis: HistoryAnalysis; read: StoredHistory; ids: string[] }> {
  const { policy, config, configFile } = await loadPolicy(io.cwd, policyFlags(values));
  let window = policy.history.window;
  if (values.window !== undefined) {
    window = Number(values.window);
    if (!Number.isInteger(window) || window < 3) throw new CycleBenchError('E_USAGE', `--window must be a whole number >= 3.`);
  }
  let flagThreshold: HistoryThreshold | null = null;
  const thresholdText = str(values, 'threshold');
  if (thresholdText !== undefined) {
    const q = parseQuantity(thresholdText);
    if (q) flagThreshold = { value: q.value, stat: 'median', text: `median < ${thresholdText}` };
    else {
      flagThreshold = toThreshold(parseTarget('*', thresholdText, '--threshold', 'E_USAGE'));
      if (!flagThreshold)
        throw new CycleBenchError(
          'E_USAGE',
          `--threshold: history keeps median, mean, p95, p99, min and max; give an upper bound like "p95 < 100ms" or "2ms".`,
        );
    }
  }
  const threshold = (id: string): HistoryThreshold | null => {
    if (flagThreshold) return flagThreshold;
    const t = bestMatch(
      policy.targets.filter((x) => toThreshold(x) !== null),
      id,
    );
    return t ? toThreshold(t) : null;
  };
  const query = {
    ...(filter ? { match: (id: string) => matches(filter, id) } : {}),
    branch: str(values, 'branch'),
    cpu: str(values, 'cpu'),
    last: count(values, 'last'),
    commits: count(values, 'commits'),
  };
  const read = await withStore(values, io, { config, file: configFile }, (store) => store.readHistory(query));
  const analysis = analyzeHistory(read.entries, {
    alpha: policy.alpha,
    noise: policy.noise,
    window,
    minRuns: policy.history.minRuns,
    filter,
    threshold,
    seed: policy.seed,
  });
  return { analysis, read, ids: read.ids };
}

/** `cyclebench history`. Returns 0, 1 (regression at the latest run) or 4. */
export async function historyCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('history', argv, {
    ...HISTORY_OPTIONS,
    format: { type: 'string' },
    json: { type: 'string' },
    markdown: { type: 'string' },
  });
  if (help) {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  if (positionals.length > 1) throw new CycleBenchError('E_USAGE', `expected at most one FILTER.\n${USAGE}`);
  const format = oneOf(str(values, 'format'), ['console', 'markdown', 'json'] as const, '--format') ?? 'console';
  const { analysis, read, ids } = await analyzeHistoryFor(values, positionals[0], io);
  const json = str(values, 'json');
  const human = json === '-' ? io.stderr : io.stdout;
  const opts = { problems: read.problems, file: read.file, filter: positionals[0], ids };
  if (format === 'json' && json !== '-') io.stdout.write(renderHistory(analysis, 'json', opts));
  else if (format !== 'json')
    human.write(renderHistory(analysis, format, { ...opts, color: format === 'console' && useColor(human, io.env) }));
  if (json) writeTo(json, renderHistory(analysis, 'json', opts), io);
  const md = renderHistory(analysis, 'markdown', opts);
  const markdown = str(values, 'markdown');
  if (markdown) writeTo(markdown, md, io);
  try {
    appendStepSummary(md, io);
  } catch (err) {
    io.stderr.write(`cyclebench: warning: cannot write the GitHub step summary: ${(err as Error).message}\n`);
  }
  return analysis.regressions.length ? EXIT.REGRESSION : EXIT.OK;
}
