/** `cyclebench history [FILTER]`: trends, change points, projections and regressions over history. */
import { parseArgs } from 'node:util';
import { CycleBenchError } from '../../errors.js';
import { loadPolicy, type PolicyFlags } from '../../config.js';
import { EXIT } from '../../compare/exit.js';
import { analyzeHistory, type HistoryThreshold } from '../../compare/history-analysis.js';
import { bestMatch } from '../../compare/glob.js';
import { parseTarget, type Target } from '../../compare/targets.js';
import { parseQuantity } from '../../compare/units.js';
import { readHistory } from '../../store/history-file.js';
import { useColor, type CommandIO } from '../../report/io.js';
import { appendStepSummary, reportError, writeTo } from '../../report/output.js';
import { renderHistory } from '../../report/history-report.js';

const USAGE = `Usage: cyclebench history [FILTER] [options]

FILTER is a glob over benchmark ids ('db/*') or text an id contains.
Options:
  --threshold T      project when the trend crosses T: "2ms" (median) or "p95 < 100ms"
                     (default: the benchmark's targets from config)
  --window N         trailing runs the latest is judged against (default 10)
  --alpha A  --noise F  --config FILE
  --format console|markdown|json   --json FILE|-   --markdown FILE
Exit: 0, or 1 when history shows a regression at the latest run; 4 on usage errors.
`;

const STORED = new Set(['median', 'mean', 'p95', 'p99', 'min', 'max']);

function toThreshold(t: Target): HistoryThreshold | null {
  const stat = t.stat === 'p50' ? 'median' : t.stat;
  if (!STORED.has(stat) || t.op === '>' || t.op === '>=') return null;
  return { value: t.limit, stat: stat as HistoryThreshold['stat'], text: t.text };
}

/** `cyclebench history`. Returns 0, 1 (regression at the latest run) or 4. */
export async function historyCommand(argv: string[], io: CommandIO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        noise: { type: 'string' }, alpha: { type: 'string' }, config: { type: 'string' },
        threshold: { type: 'string' }, window: { type: 'string' },
        format: { type: 'string' }, json: { type: 'string' }, markdown: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout.write(USAGE);
      return EXIT.OK;
    }
    if (positionals.length > 1) throw new CycleBenchError('E_USAGE', `expected at most one FILTER.\n${USAGE}`);
    const format = values.format ?? 'console';
    if (!['console', 'markdown', 'json'].includes(format)) throw new CycleBenchError('E_USAGE', `--format must be console, markdown or json.`);
    const { policy } = await loadPolicy(io.cwd, values as PolicyFlags & { config?: string });
    let window = policy.history.window;
    if (values.window !== undefined) {
      window = Number(values.window);
      if (!Number.isInteger(window) || window < 3) throw new CycleBenchError('E_USAGE', `--window must be a whole number >= 3.`);
    }
    let flagThreshold: HistoryThreshold | null = null;
    if (values.threshold !== undefined) {
      const q = parseQuantity(values.threshold);
      if (q) flagThreshold = { value: q.value, stat: 'median', text: `median < ${values.threshold}` };
      else {
        flagThreshold = toThreshold(parseTarget('*', values.threshold, '--threshold', 'E_USAGE'));
        if (!flagThreshold) throw new CycleBenchError('E_USAGE', `--threshold: history keeps median, mean, p95, p99, min and max; give an upper bound like "p95 < 100ms" or "2ms".`);
      }
    }
    const threshold = (id: string): HistoryThreshold | null => {
      if (flagThreshold) return flagThreshold;
      const t = bestMatch(policy.targets.filter((x) => toThreshold(x) !== null), id);
      return t ? toThreshold(t) : null;
    };
    const read = readHistory(io.cwd);
    const analysis = analyzeHistory(read.entries, {
      alpha: policy.alpha, noise: policy.noise, window, minRuns: policy.history.minRuns, filter: positionals[0], threshold, seed: policy.seed,
    });
    const human = values.json === '-' ? io.stderr : io.stdout;
    const opts = { problems: read.problems, file: read.file };
    if (format === 'json' && values.json !== '-') io.stdout.write(renderHistory(analysis, 'json', opts));
    else if (format !== 'json') human.write(renderHistory(analysis, format as 'console' | 'markdown', { ...opts, color: format === 'console' && useColor(human, io.env) }));
    if (values.json) writeTo(values.json, renderHistory(analysis, 'json', opts), io);
    const md = renderHistory(analysis, 'markdown', opts);
    if (values.markdown) writeTo(values.markdown, md, io);
    appendStepSummary(md, io);
    return analysis.regressions.length ? EXIT.REGRESSION : EXIT.OK;
  } catch (err) {
    return reportError('history', err, io);
  }
}
