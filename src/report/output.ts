/** Writing rendered reports: to a file or stdout (`-`), and to `$GITHUB_STEP_SUMMARY` when set. */
import fs from 'node:fs';
import path from 'node:path';
import type { CommandIO } from './io.js';
import { CycleBenchError } from '../errors.js';
import { writeFileAtomic } from '../store/files.js';

/** Writes `text` to `target` (a path relative to cwd, or `-` for stdout). Returns the path written, or '-'. */
export function writeTo(target: string, text: string, io: CommandIO): string {
  if (target === '-') {
    io.stdout.write(text);
    return '-';
  }
  const file = path.resolve(io.cwd, target);
  try {
    writeFileAtomic(file, text);
  } catch (err) {
    throw new CycleBenchError('E_USAGE', `cannot write ${file}: ${(err as Error).message}`, { cause: err });
  }
  return file;
}

/** Appends markdown to the GitHub Actions step summary when `GITHUB_STEP_SUMMARY` is set. Returns the file or null; throws when it cannot be written. */
export function appendStepSummary(markdown: string, io: CommandIO): string | null {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) return null;
  fs.appendFileSync(path.resolve(io.cwd, file), markdown.endsWith('\n') ? `${markdown}\n` : `${markdown}\n\n`);
  return file;
}
