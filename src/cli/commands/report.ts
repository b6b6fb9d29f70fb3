/** `cyclebench report FILE --format console|markdown|json|csv`: renders a saved result. */
import { CycleBenchError } from '../../errors.js';
import { EXIT } from '../../compare/exit.js';
import { oneOf, parseCommand, str } from '../args.js';
import { resolveRef } from '../../store/named.js';
import { useColor, type CommandIO } from '../../report/io.js';
import { writeTo } from '../../report/output.js';
import { renderRun } from '../../report/run-report.js';
import { toBmf } from '../../report/bmf.js';
import { toGab } from '../../report/gab.js';

const USAGE = `Usage: cyclebench report FILE|TAG|BASELINE|last [--format FORMAT] [--out FILE]

Formats: console (default), markdown, json (the result file), csv,
  bmf  Bencher Metric Format JSON (latency in ns, with the median's CI as bounds)
  gab  github-action-benchmark's customSmallerIsBetter JSON
`;

const FORMATS = ['console', 'markdown', 'json', 'csv', 'bmf', 'gab'] as const;

/** `cyclebench report`. Returns 0; errors throw and the CLI prints them (exit 4). */
export async function reportCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('report', argv, { format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' } });
  if (help) {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  if (positionals.length !== 1) throw new CycleBenchError('E_USAGE', `expected one result to render.\n${USAGE}`);
  const format = oneOf(str(values, 'format'), FORMATS, '--format') ?? 'console';
  const ref = resolveRef(io.cwd, positionals[0]);
  const out = str(values, 'out');
  const color = !out && format === 'console' && useColor(io.stdout, io.env);
  const text =
    format === 'bmf' || format === 'gab' ? `${JSON.stringify(format === 'bmf' ? toBmf(ref.run) : toGab(ref.run), null, 2)}\n` : renderRun(ref.run, format, { color });
  if (out) io.stderr.write(`wrote ${writeTo(out, text, io)}\n`);
  else io.stdout.write(text);
  return EXIT.OK;
}
