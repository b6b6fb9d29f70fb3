/**
 * Run history: `.cyclebench/history.jsonl`, one compact JSON line per run (a per-benchmark summary,
 * never raw samples). Appends are safe with concurrent writers: each line is written on an O_APPEND
 * descriptor (one `write`, continued after a short write) while holding a lock file, after making
 * sure the file ends with a newline (so a line torn by a killed writer stays on its own line).
 * Reading skips and reports torn or corrupt lines, whatever the content, instead of failing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BenchResult, RunResult } from '../result/types.js';
import { CycleBenchError } from '../errors.js';
import { faultArmed } from './fault.js';
import { isPathProblem, statRegularFile, unusable } from './files.js';
import { sleepSync, withLockSync } from './lock.js';
import { storePaths } from './paths.js';
import { schemaProblems } from './schema.js';
import { nonFiniteProblems, problemsError } from './validate.js';

/** Version of the history line format. */
export const HISTORY_VERSION = 1;

/** One benchmark in a history line. Times in the benchmark's unit (ns or instructions per iteration). */
export interface HistoryBench {
  id: string;
  unit: 'ns' | 'instructions';
  status: 'ok' | 'error' | 'skipped';
  n: number;
  median: number | null;
  /** The median's confidence interval. */
  lo: number | null;
  hi: number | null;
  mean?: number | null;
  p95?: number | null;
  p99?: number | null;
  min?: number | null;
  max?: number | null;
  /** Wall time spent on it in that run, ms (null when not measured; absent in older lines): `--shard` balances by it. */
  wallMs?: number | null;
}

/** One run in history. */
export interface HistoryEntry {
  v: typeof HISTORY_VERSION;
  /** When the run finished (ISO 8601). */
  time: string;
  commit: string | null;
  branch: string | null;
  dirty: boolean | null;
  tag?: string;
  mode: 'time' | 'instructions';
  cpu: string;
  node: string;
  benchmarks: HistoryBench[];
}

/** A line of the history file that could not be used, and why. */
export interface HistoryProblem {
  line: number;
  reason: string;
}

/** The result of reading history. */
export interface HistoryRead {
  file: string;
  entries: HistoryEntry[];
  problems: HistoryProblem[];
}

const r6 = (x: number | undefined | null): number | null => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(6)) : null);

function benchLine(b: BenchResult): HistoryBench {
  const s = b.stats;
  return {
    id: b.id,
    unit: b.unit,
    status: b.status,
    n: s?.n ?? 0,
    median: r6(s?.median),
    lo: r6(s?.medianCI?.lo),
    hi: r6(s?.medianCI?.hi),
    mean: r6(s?.mean),
    p95: r6(s?.p95),
    p99: r6(s?.p99),
    min: r6(s?.min),
    max: r6(s?.max),
    wallMs: b.wallMs > 0 ? r6(b.wallMs) : null,
  };
}

/** The compact history line of a run. */
export function historyEntry(run: RunResult): HistoryEntry {
  const git = run.environment.git;
  const e: HistoryEntry = {
    v: HISTORY_VERSION,
    time: run.finishedAt,
    commit: git?.commit ?? null,
    branch: git?.branch ?? null,
    dirty: git ? git.dirty : null,
    mode: run.mode,
    cpu: run.environment.cpu.model,
    node: run.environment.runtime.node,
    benchmarks: run.benchmarks.map(benchLine),
  };
  if (run.tag !== undefined) e.tag = run.tag;
  return e;
}

/**
 * Writes all of `buf` at the end of `fd` (O_APPEND). One write almost always takes it all; a short
 * write (a signal, a network file system) is continued, which is safe only because the caller holds
 * the lock. Under the test fault `slow-append` it writes 64-byte pieces with pauses instead.
 */
function writeAll(fd: number, buf: Buffer): void {
  const piece = faultArmed('slow-append') ? 64 : buf.length;
  for (let off = 0; off < buf.length;) {
    off += fs.writeSync(fd, buf, off, Math.min(piece, buf.length - off));
    if (piece < buf.length) sleepSync(2);
  }
}

/** Appends one run to `.cyclebench/history.jsonl` under `cwd` (or to `file`). Returns the file. */
export function appendHistory(cwd: string, run: RunResult | HistoryEntry, file = storePaths(cwd).history): string {
  return appendHistoryLines(cwd, ['benchmarks' in run && 'schemaVersion' in run ? historyEntry(run) : (run as HistoryEntry)], file);
}

/** Appends entries to history under one lock, in one write. Returns the file. */
export function appendHistoryLines(cwd: string, entries: readonly HistoryEntry[], file = storePaths(cwd).history): string {
  const numbers = nonFiniteProblems(entries.length === 1 ? entries[0] : entries);
  if (numbers.length) throw problemsError(`the history line to be appended to ${file}`, numbers, 'Nothing was written.', 'history line');
  if (!entries.length) return file;
  const lines = entries.map((e) => `${JSON.stringify(e)}\n`).join('');
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    withLockSync(`${file}.lock`, () => {
      const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o644);
      try {
        const size = fs.fstatSync(fd).size;
        const last = Buffer.alloc(1);
        // A line torn by a killed writer gets a newline first, so it stays a (skipped) line of its own.
        const prefix = size > 0 && fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a ? '\n' : '';
        writeAll(fd, Buffer.from(prefix + lines, 'utf8'));
      } finally {
        fs.closeSync(fd);
      }
    });
  } catch (err) {
    // A directory or no permission (on the file, its lock or its directory): say which file, no stack.
    throw isPathProblem(err) ? unusable(file, err, 'cyclebench history') : err;
  }
  return file;
}

/** Longest history line read; a longer one is skipped and reported (no run writes one: 10,000 benchmarks make 2 MB). */
export const MAX_HISTORY_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Calls `fn` with each line of the file (without its newline), read in 1 MiB chunks so that history
 * of any size can be read; `terminated` is false for a last line without a newline. A line longer
 * than {@link MAX_HISTORY_LINE_BYTES} is passed as null.
 */
function eachLine(fd: number, fn: (line: Buffer | null, terminated: boolean) => void): void {
  const buf = Buffer.allocUnsafe(1 << 20);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const take = (b: Buffer) => {
    pendingBytes += b.length;
    if (pendingBytes <= MAX_HISTORY_LINE_BYTES)
      pending.push(Buffer.from(b)); // copy: buf is reused
    else pending = [];
  };
  const flush = (terminated: boolean) => {
    fn(pendingBytes > MAX_HISTORY_LINE_BYTES ? null : Buffer.concat(pending), terminated);
    pending = [];
    pendingBytes = 0;
  };
  for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) {
    let start = 0;
    for (let nl = buf.indexOf(0x0a); nl !== -1 && nl < n; nl = buf.indexOf(0x0a, start)) {
      take(buf.subarray(start, nl));
      flush(true);
      start = nl + 1;
    }
    if (start < n) take(buf.subarray(start, n));
  }
  if (pendingBytes > 0) flush(false);
}

/** Why a parsed history line cannot be used, or null when it is a valid entry. */
export function checkEntry(v: unknown): string | null {
  if (typeof v === 'object' && v !== null && typeof (v as { v?: unknown }).v === 'number' && (v as { v: number }).v > HISTORY_VERSION) {
    return `written by a newer cyclebench (history format ${(v as { v: number }).v}); upgrade cyclebench to read it`;
  }
  const problems = schemaProblems('history', v, 3);
  return problems.length ? problems.map((p) => `${p.path}: ${p.message}`).join('; ') : null;
}

/**
 * Reads history; torn or corrupt lines are skipped and listed in `problems`, whatever the content. A
 * missing file is empty history; one that cannot be read (a directory, no permission) is `E_CORRUPT_FILE`.
 */
export function readHistory(cwd: string, file = storePaths(cwd).history): HistoryRead {
  const entries: HistoryEntry[] = [];
  const problems: HistoryProblem[] = [];
  let fd: number;
  try {
    statRegularFile(file, 'cyclebench history');
    fd = fs.openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'E_NOT_FOUND' || code === 'ENOENT') return { file, entries, problems }; // also: removed between stat and open
    throw err instanceof CycleBenchError ? err : unusable(file, err, 'cyclebench history');
  }
  let line = 0;
  try {
    eachLine(fd, (bytes, terminated) => {
      line++;
      if (bytes === null) return void problems.push({ line, reason: `longer than ${MAX_HISTORY_LINE_BYTES / 2 ** 20} MiB` });
      const raw = bytes.toString('utf8');
      if (raw.trim() === '') return;
      let v: unknown;
      try {
        v = JSON.parse(raw);
      } catch {
        return void problems.push({ line, reason: terminated ? 'not valid JSON' : 'torn (no final newline, not valid JSON)' });
      }
      const bad = checkEntry(v);
      if (bad) problems.push({ line, reason: bad });
      else entries.push(v as HistoryEntry);
    });
  } catch (err) {
    throw unusable(file, err, 'cyclebench history');
  } finally {
    fs.closeSync(fd);
  }
  return { file, entries, problems };
}
