/** Writing rendered reports: to a file or stdout (`-`), and to `$GITHUB_STEP_SUMMARY` when set. */
import fs from 'node:fs';
import path from 'node:path';
import type { CommandIO } from './io.js';

/** Writes `text` to `target` (a path relative to cwd, or `-` for stdout). Returns the path written, or '-'. */
export function writeTo(target: string, text: string, io: CommandIO): string {
  if (target === '-') {
    io.stdout.write(text);
    return '-';
  }
  const file = path.resolve(io.cwd, target);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Appends markdown to the GitHub Actions step summary when `GITHUB_STEP_SUMMARY` is set. Returns the file or null. */
export function appendStepSummary(markdown: string, io: CommandIO): string | null {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) return null;
  fs.appendFileSync(path.resolve(io.cwd, file), markdown.endsWith('\n') ? `${markdown}\n` : `${markdown}\n\n`);
  return file;
}

/** Prints an error the way every command does and returns the exit code for it (4 for user-actionable errors). */
export function reportError(command: string, err: unknown, io: CommandIO): number {
  const e = err as { name?: string; code?: string; message?: string; stack?: string };
  if (e && e.name === 'CycleBenchError') {
    io.stderr.write(`cyclebench ${command}: ${e.message} [${e.code}]\n`);
    return 4;
  }
  if (e && typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) {
    io.stderr.write(`cyclebench ${command}: ${e.message} [E_USAGE]\nRun \`cyclebench ${command} --help\` for usage.\n`);
    return 4;
  }
  io.stderr.write(`cyclebench ${command}: unexpected error: ${e?.stack ?? String(err)}\n`);
  return 4;
}
