/** `cyclebench report FILE --format console|markdown|json|csv`: renders a saved result. */
import { parseArgs } from 'node:util';
import { CycleBenchError } from '../../errors.js';
import { EXIT } from '../../compare/exit.js';
import { resolveRef } from '../../store/named.js';
import { useColor, type CommandIO } from '../../report/io.js';
import { reportError, writeTo } from '../../report/output.js';
import { renderRun, type RunFormat } from '../../report/run-report.js';

const USAGE = `Usage: cyclebench report FILE|TAG|BASELINE|last [--format console|markdown|json|csv] [--out FILE]
`;

/** `cyclebench report`. Returns 0, or 4 on a usage or file error. */
export async function reportCommand(argv: string[], io: CommandIO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout.write(USAGE);
      return EXIT.OK;
    }
    if (positionals.length !== 1) throw new CycleBenchError('E_USAGE', `expected one result to render.\n${USAGE}`);
    const format = (values.format ?? 'console') as RunFormat;
    if (!['console', 'markdown', 'json', 'csv'].includes(format)) throw new CycleBenchError('E_USAGE', `--format must be console, markdown, json or csv, got ${JSON.stringify(values.format)}.`);
    const ref = resolveRef(io.cwd, positionals[0]);
    const color = !values.out && format === 'console' && useColor(io.stdout, io.env);
    const text = renderRun(ref.run, format, { color });
    if (values.out) io.stderr.write(`wrote ${writeTo(values.out, text, io)}\n`);
    else io.stdout.write(text);
    return EXIT.OK;
  } catch (err) {
    return reportError('report', err, io);
  }
}
