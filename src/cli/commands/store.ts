/** `cyclebench store import|export`: history, baselines and tags between the files and a database. */
import { resolve } from 'node:path';
import { CycleBenchError } from '../../errors.js';
import { EXIT } from '../../compare/exit.js';
import type { CommandIO } from '../../report/io.js';
import { plural } from '../../result/text.js';
import { copyStore } from '../../store/copy.js';
import { FileStore } from '../../store/file-store.js';
import { didYouMean } from '../../util/nearest.js';
import { parseCommand, str } from '../args.js';
import { commandStore, STORE_OPTION, STORE_USAGE } from '../store-option.js';

const USAGE = `Usage: cyclebench store import|export --store postgres://USER@HOST/DB [--dir DIR]

  import   copies the files store (DIR/.cyclebench: history.jsonl, baselines/, tags/) into the database
  export   copies the database's history, baselines and tags into the files store
History lines are copied as they are; runs the target already has are skipped, so it can be re-run.
Baselines and tags replace those of the same name. Raw samples of runs stay in the database (files
keep per-run summaries). The files are DIR (default: the current directory).
${STORE_USAGE}
  --dir DIR          the project whose .cyclebench/ is the files side
`;

/** `cyclebench store`. Returns 0; errors throw and the CLI prints them (exit 4). */
export async function storeCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('store', argv, {
    ...STORE_OPTION,
    dir: { type: 'string' },
    config: { type: 'string' },
  });
  if (help) {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  const [sub, ...extra] = positionals;
  if (sub !== 'import' && sub !== 'export')
    throw new CycleBenchError(
      'E_USAGE',
      `expected 'store import' or 'store export'${sub ? `, got 'store ${sub}'.${didYouMean(sub, ['import', 'export'])}` : '.'}\n${USAGE}`,
    );
  if (extra.length) throw new CycleBenchError('E_USAGE', `unexpected argument(s): ${extra.join(' ')}`);
  const db = await commandStore(values, io);
  if (db.kind === 'files')
    throw new CycleBenchError(
      'E_USAGE',
      `store ${sub} moves history between the files and a database: give the database with --store postgres://... (or CYCLEBENCH_STORE).`,
    );
  const files = new FileStore(resolve(io.cwd, str(values, 'dir') ?? '.'));
  try {
    const [from, to] = sub === 'import' ? [files, db] : [db, files];
    const s = await copyStore(from, to);
    for (const p of s.problems) io.stderr.write(`warning: ${s.history}: skipped history line ${p.line}: ${p.reason}\n`);
    io.stdout.write(
      `${sub === 'import' ? 'imported' : 'exported'} ${plural(s.runs, 'run')} of history${s.present ? ` (${s.present} already there)` : ''}, ` +
        `${plural(s.baselines, 'baseline')} and ${plural(s.tags, 'tag')} from ${from.location} to ${to.location}\n`,
    );
    return EXIT.OK;
  } finally {
    await db.close();
  }
}
