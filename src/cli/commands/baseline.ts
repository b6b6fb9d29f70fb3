/** `cyclebench baseline save|list|show|rm`. */
import { CycleBenchError } from '../../errors.js';
import { didYouMean } from '../../util/nearest.js';
import { EXIT } from '../../compare/exit.js';
import { oneOf, parseCommand, str } from '../args.js';
import { loadLast } from '../../store/named.js';
import { checkStoreName, loadStored, resolveStoredRef } from '../../store/refs.js';
import type { Store } from '../../store/store.js';
import { STORE_OPTION, STORE_USAGE, withStore } from '../store-option.js';
import { useColor, type CommandIO } from '../../report/io.js';
import { renderRun, type RunFormat } from '../../report/run-report.js';
import { consoleTable } from '../../report/table.js';

const USAGE = `Usage:
  cyclebench baseline save NAME [--from FILE|TAG|BASELINE]   save the latest run (or the given one) as NAME
  cyclebench baseline list [--json]                         list baselines
  cyclebench baseline show NAME [--format console|markdown|json|csv]
  cyclebench baseline rm NAME
Names: 1-100 letters, digits, '.', '_', '-', starting with a letter or digit. Stored in .cyclebench/baselines/NAME.json,
or in the database --store names.
${STORE_USAGE}
`;

/** `cyclebench baseline ...`. Returns the exit code (0; errors throw and the CLI prints them, exit 4). */
export async function baselineCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('baseline', argv, {
    from: { type: 'string' },
    json: { type: 'boolean' },
    format: { type: 'string' },
    ...STORE_OPTION,
  });
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
  if (!['save', 'list', 'show', 'rm', 'remove'].includes(sub))
    throw new CycleBenchError(
      'E_USAGE',
      `unknown subcommand ${JSON.stringify(sub)}.${didYouMean(sub, ['save', 'list', 'show', 'rm'])}\n${USAGE}`,
    );
  if (sub === 'list' && name) throw new CycleBenchError('E_USAGE', `baseline list takes no NAME.`);
  const n = sub === 'list' ? '' : needName();
  return withStore(values, io, undefined, async (store) => {
    switch (sub) {
      case 'save': {
        const from = str(values, 'from');
        await store.ready(true);
        await checkStoreName(store, 'baseline', n);
        const source = from ? await resolveStoredRef(store, io.cwd, from) : null;
        const run = source ? source.run : loadLast(io.cwd);
        const where = await store.saveNamed('baseline', n, run);
        io.stdout.write(
          `saved baseline ${n} (${run.benchmarks.length} benchmarks, run of ${run.startedAt}${source ? ` from ${source.source} ${source.ref}` : ''}) to ${where}\n`,
        );
        return EXIT.OK;
      }
      case 'list':
        return listBaselines(store, values.json === true, io);
      case 'show': {
        const format: RunFormat = oneOf(str(values, 'format'), ['console', 'markdown', 'json', 'csv'] as const, '--format') ?? 'console';
        io.stdout.write(
          renderRun(await loadStored(store, 'baseline', n), format, { color: useColor(io.stdout, io.env), title: `baseline ${n}` }),
        );
        return EXIT.OK;
      }
      default: {
        const where = await store.removeNamed('baseline', n);
        if (!where) throw new CycleBenchError('E_NOT_FOUND', `No baseline named ${JSON.stringify(n)}.`);
        io.stdout.write(`removed baseline ${n} (${where})\n`);
        return EXIT.OK;
      }
    }
  });
}

/** `baseline list`: a table, or JSON with `--json`; a baseline that cannot be read is listed as such. */
async function listBaselines(store: Store, json: boolean, io: CommandIO): Promise<number> {
  const list = await store.listNamed('baseline');
  if (json) {
    io.stdout.write(
      `${JSON.stringify(
        list.map((e) => ({ name: e.name, file: e.file, bytes: e.bytes, modified: e.modified.toISOString() })),
        null,
        2,
      )}\n`,
    );
  } else if (list.length === 0)
    io.stdout.write('No baselines yet: `cyclebench baseline save NAME` or `cyclebench run --save-baseline NAME`.\n');
  else {
    const rows: string[][] = [];
    for (const e of list) {
      let info: string[];
      try {
        const r = await loadStored(store, 'baseline', e.name);
        info = [
          r.startedAt,
          String(r.benchmarks.length),
          r.environment.git
            ? `${r.environment.git.commit.slice(0, 10)}${r.environment.git.dirty ? '+dirty' : ''}`
            : 'n/a (not a git checkout)',
        ];
      } catch (err) {
        info = [`n/a (${(err as CycleBenchError).code ?? 'unreadable'})`, '', ''];
      }
      rows.push([e.name, ...info]);
    }
    io.stdout.write(`${consoleTable(['name', 'started', 'benchmarks', 'commit'], rows, [2])}\n`);
  }
  return EXIT.OK;
}
