/** `cyclebench import FILE`: results measured by vitest or mitata, as a cyclebench result file. */
import fs from 'node:fs';
import { resolve } from 'node:path';
import { CycleBenchError } from '../../errors.js';
import { EXIT } from '../../compare/exit.js';
import { toolVersion } from '../../engine/environment.js';
import { importResult, IMPORT_SOURCES } from '../../importers/index.js';
import type { CommandIO } from '../../report/io.js';
import { plural } from '../../result/text.js';
import { historyEntry, serializeResult, validateName, validateRunResult, writeResult } from '../../store/index.js';
import { checkStoreName } from '../../store/refs.js';
import { oneOf, parseCommand, str } from '../args.js';
import { STORE_OPTION, STORE_USAGE, withStore } from '../store-option.js';

const USAGE = `Usage: cyclebench import FILE [--from vitest|mitata] [--json OUT|-] [--tag T] [--save-baseline NAME] [--history]

Converts results another tool measured into a cyclebench result file, so that compare, history and
the gate work on them:
  vitest   the JSON that \`vitest bench --outputJson FILE\` writes
  mitata   mitata 1's JSON: what run({ format: 'json' }) prints, or JSON.stringify(await run())
The tool is recognised from the file unless --from names it. Imported results keep no raw samples
(compare makes its labelled summary-only comparison) and record where they came from
(tool.importedFrom). Without --json, --tag, --save-baseline or --history the result goes to stdout.
${STORE_USAGE}
`;

/** `cyclebench import`. Returns 0; errors throw and the CLI prints them. */
export async function importCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('import', argv, {
    from: { type: 'string' },
    json: { type: 'string' },
    tag: { type: 'string' },
    'save-baseline': { type: 'string' },
    history: { type: 'boolean' },
    ...STORE_OPTION,
  });
  if (help) {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  if (positionals.length !== 1) throw new CycleBenchError('E_USAGE', `expected one file to import, got ${positionals.length}.\n${USAGE}`);
  const from = oneOf(str(values, 'from'), IMPORT_SOURCES, '--from');
  const tag = str(values, 'tag');
  const baseline = str(values, 'save-baseline');
  if (tag !== undefined) validateName(tag, 'tag');
  if (baseline !== undefined) validateName(baseline, 'baseline');
  const file = positionals[0];
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CycleBenchError(code === 'ENOENT' ? 'E_NOT_FOUND' : 'E_USAGE', `cannot read ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CycleBenchError('E_CORRUPT_FILE', `${file} is not JSON (${(err as Error).message}); nothing was imported.`, { cause: err });
  }
  let run = importResult(json, { file, version: toolVersion(), writtenAt: fs.statSync(path).mtime }, from);
  if (tag !== undefined) run = { ...run, tag };
  try {
    validateRunResult(JSON.parse(serializeResult(run)), `the result converted from ${file}`);
  } catch (err) {
    // The conversion must make a valid result whatever the input: an invalid one is our bug.
    throw new CycleBenchError('E_INTERNAL', (err as Error).message, { cause: err });
  }

  const out = str(values, 'json');
  const notes: string[] = [];
  if (out === '-' || (out === undefined && tag === undefined && baseline === undefined && !values.history))
    io.stdout.write(serializeResult(run));
  else if (out !== undefined) {
    writeResult(resolve(io.cwd, out), run);
    notes.push(`wrote ${out}`);
  }
  if (tag !== undefined || baseline !== undefined || values.history) {
    await withStore(values, io, undefined, async (store) => {
      await store.ready(true);
      if (tag !== undefined) await checkStoreName(store, 'tag', tag);
      if (baseline !== undefined) await checkStoreName(store, 'baseline', baseline);
      if (tag !== undefined) notes.push(`saved tag ${tag} to ${await store.saveNamed('tag', tag, run)}`);
      if (baseline !== undefined) notes.push(`saved baseline ${baseline} to ${await store.saveNamed('baseline', baseline, run)}`);
      if (values.history) notes.push(`appended to history ${await store.appendHistory([{ entry: historyEntry(run), run }])}`);
    });
  }
  const failed = run.benchmarks.filter((b) => b.status !== 'ok').length;
  io.stderr.write(
    `imported ${plural(run.benchmarks.length, 'benchmark')}${failed ? ` (${failed} without statistics)` : ''} from ${run.tool.importedFrom!.tool} (${file})${notes.length ? `; ${notes.join('; ')}` : ''}\n`,
  );
  return EXIT.OK;
}
