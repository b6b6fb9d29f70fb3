/** `cyclebench baseline save|list|show|rm`. */
import { CycleBenchError } from '../../errors.js';
import { didYouMean } from '../../util/nearest.js';
import { EXIT } from '../../compare/exit.js';
import { oneOf, parseCommand, str } from '../args.js';
import { listNamed, loadLast, loadNamed, removeNamed, resolveRef, saveNamed } from '../../store/named.js';
import { useColor, type CommandIO } from '../../report/io.js';
import { renderRun, type RunFormat } from '../../report/run-report.js';
import { consoleTable } from '../../report/table.js';

const USAGE = `Usage:
  cyclebench baseline save NAME [--from FILE|TAG|BASELINE]   save the latest run (or the given one) as NAME
  cyclebench baseline list [--json]                         list baselines
  cyclebench baseline show NAME [--format console|markdown|json|csv]
  cyclebench baseline rm NAME
Names: 1-100 letters, digits, '.', '_', '-', starting with a letter or digit. Stored in .cyclebench/baselines/NAME.json.
`;

/** `cyclebench baseline ...`. Returns the exit code (0; errors throw and the CLI prints them, exit 4). */
export async function baselineCommand(argv: string[], io: CommandIO): Promise<number> {
    const { values, positionals, help } = parseCommand('baseline', argv, { from: { type: 'string' }, json: { type: 'boolean' }, format: { type: 'string' } });
    const [sub, name, ...extra] = positionals;
    if (help || !sub) {
      (help ? io.stdout : io.stderr).write(USAGE);
      return help ? EXIT.OK : EXIT.USAGE;
    }
    const needName = () => {
      if (!name) throw new CycleBenchError('E_USAGE', `baseline ${sub} needs a NAME.\n${USAGE}`);
      if (extra.length) throw new CycleBenchError('E_USAGE', `unexpected argument(s): ${extra.join(' ')}`);
      return name;
    };
    switch (sub) {
      case 'save': {
        const n = needName();
        const from = str(values, 'from');
        const source = from ? resolveRef(io.cwd, from) : null;
        const run = source ? source.run : loadLast(io.cwd);
        const file = saveNamed(io.cwd, 'baseline', n, run);
        io.stdout.write(`saved baseline ${n} (${run.benchmarks.length} benchmarks, run of ${run.startedAt}${source ? ` from ${source.source} ${source.ref}` : ''}) to ${file}\n`);
        return EXIT.OK;
      }
      case 'list': {
        if (name) throw new CycleBenchError('E_USAGE', `baseline list takes no NAME.`);
        const list = listNamed(io.cwd, 'baseline');
        if (values.json) {
          io.stdout.write(`${JSON.stringify(list.map((e) => ({ name: e.name, file: e.file, bytes: e.bytes, modified: e.modified.toISOString() })), null, 2)}\n`);
        } else if (list.length === 0) io.stdout.write('No baselines yet: `cyclebench baseline save NAME` or `cyclebench run --save-baseline NAME`.\n');
        else {
          const rows = list.map((e) => {
            let info: string[];
            try {
              const r = loadNamed(io.cwd, 'baseline', e.name);
              info = [r.startedAt, String(r.benchmarks.length), r.environment.git ? `${r.environment.git.commit.slice(0, 10)}${r.environment.git.dirty ? '+dirty' : ''}` : 'n/a (not a git checkout)'];
            } catch (err) {
              info = [`n/a (${(err as CycleBenchError).code ?? 'unreadable'})`, '', ''];
            }
            return [e.name, ...info];
          });
          io.stdout.write(`${consoleTable(['name', 'started', 'benchmarks', 'commit'], rows, [2])}\n`);
        }
        return EXIT.OK;
      }
      case 'show': {
        const n = needName();
        const format: RunFormat = oneOf(str(values, 'format'), ['console', 'markdown', 'json', 'csv'] as const, '--format') ?? 'console';
        io.stdout.write(renderRun(loadNamed(io.cwd, 'baseline', n), format, { color: useColor(io.stdout, io.env), title: `baseline ${n}` }));
        return EXIT.OK;
      }
      case 'rm':
      case 'remove': {
        const n = needName();
        io.stdout.write(`removed baseline ${n} (${removeNamed(io.cwd, 'baseline', n)})\n`);
        return EXIT.OK;
      }
      default:
        throw new CycleBenchError('E_USAGE', `unknown subcommand ${JSON.stringify(sub)}.${didYouMean(sub, ['save', 'list', 'show', 'rm'])}\n${USAGE}`);
    }
}
