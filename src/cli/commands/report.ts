/** `cyclebench report FILE --format console|markdown|json|csv`: renders a saved result. */
import { CycleBenchError } from '../../errors.js';
import { EXIT } from '../../compare/exit.js';
import { oneOf, parseCommand, str } from '../args.js';
import { resolveRef } from '../../store/named.js';
import { useColor, type CommandIO } from '../../report/io.js';
import { writeTo } from '../../report/output.js';
import { renderRun, type RunFormat } from '../../report/run-report.js';

const USAGE = `Usage: cyclebench report FILE|TAG|BASELINE|last [--format console|markdown|json|csv] [--out FILE]
`;

/** `cyclebench report`. Returns 0; errors throw and the CLI prints them (exit 4). */
export async function reportCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('report', argv, { format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' } });
  if (help) {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  if (positionals.length !== 1) throw new CycleBenchError('E_USAGE', `expected one result to render.\n${USAGE}`);
  const format: RunFormat = oneOf(str(values, 'format'), ['console', 'markdown', 'json', 'csv'] as const, '--format') ?? 'console';
  const ref = resolveRef(io.cwd, positionals[0]);
  const out = str(values, 'out');
  const color = !out && format === 'console' && useColor(io.stdout, io.env);
  const text = renderRun(ref.run, format, { color });
  if (out) io.stderr.write(`wrote ${writeTo(out, text, io)}\n`);
  else io.stdout.write(text);
  return EXIT.OK;
}
