import { pathToFileURL } from 'node:url';
import { CycleBenchError } from '../errors.js';
import { processIO } from './io.js';
import type { CommandIO } from '../report/io.js';
import { infoCommand } from './commands/info.js';
import { runCommand } from './commands/run.js';
import { compareCommand } from './commands/compare.js';
import { baselineCommand } from './commands/baseline.js';
import { historyCommand } from './commands/history.js';
import { reportCommand } from './commands/report.js';
import { EXIT } from '../compare/exit.js';

type Command = (argv: string[], io: CommandIO) => Promise<number>;

const commands: Record<string, { run: Command; help: string }> = {
  run: { run: runCommand, help: '[files|globs] run benchmarks (--filter --time --min-time --quick --isolate --json FILE --profile)' },
  compare: { run: compareCommand, help: 'BASE [CURRENT]  compare results (files, tags or baselines; --json --markdown)' },
  baseline: { run: baselineCommand, help: 'save|list|show|rm NAME  manage named baselines' },
  history: { run: historyCommand, help: '[filter]  trends, change points and projections from .cyclebench/history.jsonl' },
  report: { run: reportCommand, help: 'FILE --format console|markdown|json|csv  render a saved result' },
  info: { run: infoCommand, help: 'machine, addon, clocks, counters, valgrind and CUDA (--json)' },
};


function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  cyclebench ${name.padEnd(9)} ${c.help}`);
  return `usage:\n${lines.join('\n')}\n\nexit codes: 0 ok, 1 regression, 2 reference lost, 3 target missed, 4 usage or configuration error, 5 a benchmark errored\n`;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : EXIT.USAGE;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`cyclebench: unknown command '${name}'\n${usage()}`);
    return EXIT.USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof CycleBenchError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`cyclebench ${name}: ${(err as Error).message}\n`);
      return EXIT.USAGE;
    }
    throw err;
  }
}

// Run directly (`tsx src/cli/main.ts ...`, as bench/gpu/check.sh does); the bin imports the bundle instead.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
