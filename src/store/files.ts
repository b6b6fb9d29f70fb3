/**
 * Reading and writing result files: strict on read (clear errors naming the file), atomic on write
 * (temp file in the same directory, fsync, rename, fsync of the directory), and never over a file that
 * does not read back as a valid result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CycleBenchError } from '../errors.js';
import type { RunResult } from '../result/types.js';
import { validateRunResult } from './validate.js';

/**
 * Writes `data` to `file` atomically: a reader sees either the old or the new content, never a mix,
 * even if the process dies half-way. Creates the parent directory.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o644);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dir);
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Parses JSON text read from `file`, turning syntax errors into `E_CORRUPT_FILE`. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const truncated = text.trim().length === 0 ? 'it is empty' : /[}\]]\s*$/.test(text) ? 'it is not valid JSON' : 'it looks truncated';
    throw new CycleBenchError(
      'E_CORRUPT_FILE',
      `${file} cannot be read as a cyclebench result: ${truncated} (${(err as Error).message}). ` +
        `The file was not changed. Delete it or replace it with a fresh run.`,
      { cause: err },
    );
  }
}

/** Reads and validates a result file. Throws `E_NOT_FOUND`, `E_CORRUPT_FILE` or `E_NEWER_FORMAT`. */
export function readResult(file: string): RunResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CycleBenchError('E_NOT_FOUND', `${file} does not exist.`, { cause: err });
    }
    throw err;
  }
  return validateRunResult(parseJsonFile(text, file), file);
}

/** Serialises a result the way every cyclebench file holds it: two-space JSON and a final newline. */
export function serializeResult(run: RunResult): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}

/**
 * Writes a result atomically. If `file` already exists it must read back as a valid result (of this or
 * an older version): a corrupt or newer-format file is never overwritten; the error from reading it is
 * thrown and the file stays byte-for-byte unchanged.
 */
export function writeResult(file: string, run: RunResult): void {
  validateRunResult(JSON.parse(JSON.stringify(run)), `the result to be written to ${file}`);
  if (fs.existsSync(file)) readResult(file);
  writeFileAtomic(file, serializeResult(run));
}
