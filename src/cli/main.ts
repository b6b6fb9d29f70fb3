/** The CLI: one table of commands, `--help` and `--version`, and the one place errors become exit codes. */
import { pathToFileURL } from 'node:url';
import { CycleBenchError } from '../errors.js';
import { processIO } from './io.js';
import type { CommandIO } from '../report/io.js';
import { infoCommand } from './commands/info.js';
import { runCommand } from './commands/run.js';
import { loadCommand } from './commands/load.js';
import { compareCommand } from './commands/compare.js';
import { baselineCommand } from './commands/baseline.js';
import { historyCommand } from './commands/history.js';
import { reportCommand } from './commands/report.js';
import { abCommand } from './commands/ab.js';
import { importCommand } from './commands/import.js';
import { initCommand } from './commands/init.js';
import { mergeCommand } from './commands/merge.js';
import { storeCommand } from './commands/store.js';
import { EXIT, EXIT_HELP, type ExitCode } from '../compare/exit.js';
import { toolVersion } from '../engine/environment.js';
import { didYouMean } from '../util/nearest.js';

type Command = (argv: string[], io: CommandIO) => Promise<number>;

const commands: Record<string, { run: Command; summary: string }> = {
  run: { run: runCommand, summary: '[files|globs]  run benchmarks; with --baseline, gate on regressions' },
  load: { run: loadCommand, summary: '[files|globs]  run the load tests once: latency percentiles, errors, throughput (docs/load.md)' },
  compare: { run: compareCommand, summary: 'BASE [CURRENT]  compare two results (files, tags, baselines or last)' },
  ab: { run: abCommand, summary: 'REF [files]  measure against a git revision in one job, alternating fresh processes' },
  baseline: { run: baselineCommand, summary: 'save|list|show|rm NAME  manage named baselines' },
  history: { run: historyCommand, summary: '[FILTER]  trends, change points and projections from the run history' },
  merge: { run: mergeCommand, summary: 'FILE... -o OUT  join shard results (run --shard K/N) into one result file' },
  store: {
    run: storeCommand,
    summary: 'import|export --store postgres://...  move history, baselines and tags between files and a database',
  },
  report: {
    run: reportCommand,
    summary: 'FILE  render a saved result (console, markdown, json, csv, html, bmf, gab), a comparison or the history',
  },
  import: { run: importCommand, summary: 'FILE  convert vitest or mitata results into a result file' },
  init: { run: initCommand, summary: 'ci  write a GitHub Actions workflow that gates pull requests' },
  info: { run: infoCommand, summary: 'machine, addon, clocks, counters, valgrind and CUDA' },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  cyclebench ${name.padEnd(9)} ${c.summary}`);
  return `usage:\n${lines.join('\n')}\n  cyclebench --version\n\nRun \`cyclebench COMMAND --help\` for a command's options.\n${EXIT_HELP}\n`;
}

/**
 * Turns an error that escaped a command into its exit code, printed once: a CycleBenchError is the
 * user's to act on (its message, no stack); anything else is a bug of ours (exit 6, with the stack).
 */
export function reportFailure(command: string, err: unknown, io: CommandIO): ExitCode {
  if (err instanceof CycleBenchError) {
    io.stderr.write(`cyclebench ${command}: ${err.message} [${err.code}]\n`);
    return err.code === 'E_INTERNAL' || err.code === 'E_RERUN' ? EXIT.INTERNAL : EXIT.USAGE;
  }
  const e = err as { stack?: string; message?: string } | undefined;
  io.stderr.write(
    `cyclebench ${command}: internal error: ${e?.message ?? String(err)}\n${e?.stack ?? ''}\n` +
      `This is a bug in cyclebench (exit ${EXIT.INTERNAL}); please report it with the command you ran.\n`,
  );
  return EXIT.INTERNAL;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`${toolVersion()}\n`);
    return EXIT.OK;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr).write(usage());
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`cyclebench: unknown command '${name}'.${didYouMean(name, Object.keys(commands))}\n${usage()}`);
    return EXIT.USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    return reportFailure(name, err, io);
  }
}

// Run directly (`tsx src/cli/main.ts ...`, as bench/gpu/check.sh and the confirmation re-runs from source do).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => (process.exitCode = reportFailure('', err, processIO())),
  );
}
