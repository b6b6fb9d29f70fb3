import { CycleBenchError } from '../errors.js';
import { processIO, type CliIO } from './io.js';
import { infoCommand } from './commands/info.js';
import { runCommand } from './commands/run.js';

type Command = (argv: string[], io: CliIO) => Promise<number>;

const commands: Record<string, { run: Command; help: string }> = {
  run: { run: runCommand, help: '[files|globs] run benchmarks (--filter --time --quick --isolate --json FILE --profile)' },
  info: { run: infoCommand, help: 'machine, addon, clocks, counters, valgrind and CUDA (--json)' },
};

/** Exit code for usage and configuration errors. */
export const EXIT_USAGE = 4;

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  cyclebench ${name.padEnd(9)} ${c.help}`);
  return `usage:\n${lines.join('\n')}\n`;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : EXIT_USAGE;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`cyclebench: unknown command '${name}'\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof CycleBenchError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`cyclebench ${name}: ${(err as Error).message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}
