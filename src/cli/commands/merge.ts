/** `cyclebench merge FILES... -o OUT`: shard results (or any results) joined into one result file. */
import { resolve } from 'node:path';
import { CycleBenchError } from '../../errors.js';
import { EXIT } from '../../compare/exit.js';
import type { CommandIO } from '../../report/io.js';
import { mergeRuns } from '../../result/merge.js';
import { plural } from '../../result/text.js';
import { readResult, serializeResult, writeResult } from '../../store/files.js';
import { parseCommand, str } from '../args.js';

const USAGE = `Usage: cyclebench merge FILE... -o OUT [--allow-mixed]

Joins result files into one, for compare, report and run --baseline: the shards of a CI matrix
(cyclebench run --shard K/N --json FILE) or any results of separate suites.
Refused, with nothing written:
  - a benchmark id in two files;
  - shards of different plans (another shard count, suite, --filter or history), a shard given twice
    or missing (an empty shard writes its file too), shards mixed with a whole run;
  - files measured in differing environments (CPU model, Node major version, mode, execArgv, clock,
    git commit), unless --allow-mixed: then each benchmark records its own environment.
Options:
  -o, --out FILE|-     where the merged result goes (- : stdout)
  --allow-mixed        merge results from differing environments
`;

/** `cyclebench merge`. Returns 0; errors throw and the CLI prints them (exit 4). */
export async function mergeCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals, help } = parseCommand('merge', argv, {
    out: { type: 'string', short: 'o' },
    'allow-mixed': { type: 'boolean' },
  });
  if (help) {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  const out = str(values, 'out');
  if (out === undefined) throw new CycleBenchError('E_USAGE', `merge needs -o OUT (a file, or - for stdout).\n${USAGE}`);
  if (!positionals.length) throw new CycleBenchError('E_USAGE', `merge needs the result files to join.\n${USAGE}`);
  const inputs = positionals.map((name) => ({ name, run: readResult(resolve(io.cwd, name)) }));
  const merged = mergeRuns(inputs, { allowMixed: values['allow-mixed'] === true });
  if (out === '-') io.stdout.write(serializeResult(merged));
  else writeResult(resolve(io.cwd, out), merged);
  const shards = inputs[0].run.shard ? ` (shards 1-${inputs[0].run.shard.count} of ${inputs[0].run.shard.count})` : '';
  const mixed = merged.benchmarks.some((b) => b.environment) ? '; environments differ: each benchmark records its own' : '';
  io.stderr.write(
    `merged ${plural(inputs.length, 'file')}${shards}: ${plural(merged.benchmarks.length, 'benchmark')}, ${plural(merged.groups.length, 'group comparison')}${mixed}${out === '-' ? '' : ` -> ${out}`}\n`,
  );
  return EXIT.OK;
}
