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
import { checkNotNewer, nonFiniteProblems, problemsError, runResultProblems, validateRunResult } from './validate.js';
import { testFault } from './fault.js';
import { alive } from './lock.js';

/**
 * Largest result file read: 256 MiB. A whole file is one string, and V8 refuses strings over
 * 2^29 - 24 characters (ERR_STRING_TOO_LONG) anyway; 100 benchmarks x 10,000 samples is 42 MB.
 * Measured in docs/reliability.md: a 200 MB file reads in seconds; larger ones are refused from
 * their size alone, before reading.
 */
export const MAX_RESULT_BYTES = 256 * 1024 * 1024;

const TMP = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/**
 * Writes `data` to `file` atomically: a reader sees either the old or the new content, never a mix,
 * even if the process dies half-way. Creates the parent directory. Temp files left by writers that
 * were killed (their pid is gone) are removed after the rename; readers never look at them.
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
  testFault('after-write');
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dir);
  removeStaleTemps(dir, path.basename(file));
}

/** Removes `.<base>.<pid>.<random>.tmp` files of dead pids (writers killed before their rename). */
function removeStaleTemps(dir: string, base: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = TMP.exec(n);
    // A pid from another host on a shared file system may look dead here: its rename then fails
    // with ENOENT and that save reports an error; no file is ever left half-written.
    if (m && m[1] === base && Number(m[2]) !== process.pid && !alive(Number(m[2]))) fs.rmSync(path.join(dir, n), { force: true });
  }
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

/** True when `text` ends inside a JSON value (an open string, object or array): it was cut short. */
function endsInside(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return inString || depth > 0;
}

/** Parses JSON text read from `file`, turning syntax errors into `E_CORRUPT_FILE`. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const why =
      text.trim().length === 0
        ? 'it is empty'
        : text.includes('\0')
          ? 'it holds binary data (NUL bytes), not JSON'
          : endsInside(text)
            ? 'it looks truncated'
            : 'it is not valid JSON';
    // JSON.parse quotes a bit of the text: keep control characters out of the terminal.
    const detail = (err as Error).message.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    throw new CycleBenchError(
      'E_CORRUPT_FILE',
      `${file} cannot be read as a cyclebench result: ${why} (${detail}). ` +
        `The file was not changed. Delete it or replace it with a fresh run.`,
      { cause: err },
    );
  }
}

/** True for the errors that say a path cannot be used as a file (not a full disk or an I/O error). */
export function isPathProblem(err: unknown): boolean {
  return (
    !(err instanceof CycleBenchError) &&
    ['EISDIR', 'ENOTDIR', 'EACCES', 'EPERM', 'ELOOP', 'ENAMETOOLONG'].includes((err as NodeJS.ErrnoException).code ?? '')
  );
}

/** `E_NOT_FOUND` for a missing file, else `E_CORRUPT_FILE` saying why `file` cannot be used as `what`. */
export function unusable(file: string, err: unknown, what = 'a cyclebench result'): CycleBenchError {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return new CycleBenchError('E_NOT_FOUND', `${file} does not exist.`, { cause: err });
  const why =
    e.code === 'EISDIR'
      ? 'it is a directory'
      : e.code === 'ENOTDIR'
        ? 'a directory on its path is a file'
        : e.code === 'EACCES' || e.code === 'EPERM'
          ? `permission denied (${e.code})`
          : e.message;
  return new CycleBenchError('E_CORRUPT_FILE', `${file} cannot be used as ${what}: ${why}. The file was not changed.`, { cause: err });
}

/** Stats `file`, which must be a regular file (a FIFO would block the reader, a directory fail late). */
export function statRegularFile(file: string, what = 'a cyclebench result'): fs.Stats {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (err) {
    throw unusable(file, err, what);
  }
  if (!st.isFile()) throw unusable(file, new Error(st.isDirectory() ? 'it is a directory' : 'it is not a regular file'), what);
  return st;
}

/** Reads a whole regular file as UTF-8 text, refusing anything but a regular file of at most `maxBytes`. */
export function readTextFile(file: string, maxBytes: number, what = 'a cyclebench result'): string {
  const st = statRegularFile(file, what);
  if (st.size > maxBytes) {
    throw new CycleBenchError(
      'E_CORRUPT_FILE',
      `${file} cannot be used as ${what}: it is ${st.size} bytes, over the limit of ${maxBytes} (${maxBytes / 2 ** 20} MiB; ` +
        `a result of 100 benchmarks x 10,000 samples is about 40 MiB). The file was not changed.`,
    );
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw unusable(file, err, what);
  }
}

/** The result in `text` read from `file`: parsed and validated, or `E_CORRUPT_FILE` / `E_NEWER_FORMAT` naming the file. */
export function resultFromText(text: string, file: string): RunResult {
  return validateRunResult(parseJsonFile(text, file), file);
}

/** Reads and validates a result file. Throws `E_NOT_FOUND`, `E_CORRUPT_FILE` or `E_NEWER_FORMAT`. */
export function readResult(file: string): RunResult {
  return resultFromText(readTextFile(file, MAX_RESULT_BYTES), file);
}

/** Serialises a result the way every cyclebench file holds it: two-space JSON and a final newline. */
export function serializeResult(run: RunResult): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}

/**
 * The text `run` is written as, after checking it: no NaN or infinite number anywhere (JSON would
 * turn them into null silently), and what will be on disk reads back as a valid result.
 */
export function checkedText(run: RunResult, file: string): string {
  const what = `the result to be written to ${file}`;
  const advice = `Nothing was written.`;
  checkNotNewer(run, what);
  const numbers = nonFiniteProblems(run);
  if (numbers.length) throw problemsError(what, numbers, advice);
  let text: string;
  try {
    text = serializeResult(run);
  } catch (err) {
    throw new CycleBenchError('E_CORRUPT_FILE', `${what} cannot be written as JSON: ${(err as Error).message}. ${advice}`, { cause: err });
  }
  const problems = runResultProblems(JSON.parse(text));
  if (problems.length) throw problemsError(what, problems, advice);
  return text;
}

/**
 * Writes a result atomically. If `file` already exists it must read back as a valid result (of this or
 * an older version): a corrupt, unreadable or newer-format file, or a directory, is never overwritten;
 * the error from reading it is thrown and the file stays byte-for-byte unchanged.
 */
export function writeResult(file: string, run: RunResult): void {
  const text = checkedText(run, file);
  let exists = true;
  try {
    fs.statSync(file);
  } catch (err) {
    exists = (err as NodeJS.ErrnoException).code !== 'ENOENT'; // anything else (EACCES, ELOOP) is refused by readResult
  }
  if (exists) readResult(file);
  writeFileAtomic(file, text);
}
