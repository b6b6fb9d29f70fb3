/**
 * Run history: `.cyclebench/history.jsonl`, one compact JSON line per run (a per-benchmark summary,
 * never raw samples). Appends are safe with concurrent writers: each line is written with one
 * `write` on an O_APPEND descriptor while holding a lock file, after making sure the file ends with a
 * newline (so a line torn by a crashed writer stays on its own line). Reading skips and reports torn
 * or corrupt lines instead of failing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CycleBenchError } from '../errors.js';
import type { BenchResult, RunResult } from '../result/types.js';
import { withLockSync } from './lock.js';
import { storePaths } from './paths.js';

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

const r6 = (x: number | undefined | null): number | null =>
  typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(6)) : null;

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

/** Appends one run to `.cyclebench/history.jsonl` under `cwd` (or to `file`). Returns the file. */
export function appendHistory(cwd: string, run: RunResult | HistoryEntry, file = storePaths(cwd).history): string {
  const entry = 'benchmarks' in run && 'schemaVersion' in run ? historyEntry(run) : (run as HistoryEntry);
  const line = `${JSON.stringify(entry)}\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  withLockSync(`${file}.lock`, () => {
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o644);
    try {
      const size = fs.fstatSync(fd).size;
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        const rfd = fs.openSync(file, 'r');
        try {
          fs.readSync(rfd, last, 0, 1, size - 1);
        } finally {
          fs.closeSync(rfd);
        }
        if (last[0] !== 0x0a) prefix = '\n'; // isolate a line torn by a crashed writer
      }
      const buf = Buffer.from(prefix + line, 'utf8');
      const written = fs.writeSync(fd, buf);
      if (written !== buf.length) {
        throw new CycleBenchError('E_CORRUPT_FILE', `Short write to ${file} (${written} of ${buf.length} bytes); the last line may be torn.`);
      }
    } finally {
      fs.closeSync(fd);
    }
  });
  return file;
}

function checkEntry(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const e = v as Record<string, unknown>;
  if (typeof e.v !== 'number') return 'no format version';
  if (e.v > HISTORY_VERSION) return `written by a newer cyclebench (history format ${e.v})`;
  if (typeof e.time !== 'string') return 'no time';
  if (!Array.isArray(e.benchmarks)) return 'no benchmarks';
  for (const b of e.benchmarks as unknown[]) {
    const bb = b as Record<string, unknown>;
    if (typeof bb !== 'object' || bb === null || typeof bb.id !== 'string') return 'a benchmark without id';
    if (bb.median !== null && typeof bb.median !== 'number') return `benchmark ${bb.id}: median is not a number`;
  }
  return null;
}

/** Reads history; torn or corrupt lines are skipped and listed in `problems`. A missing file is empty history. */
export function readHistory(cwd: string, file = storePaths(cwd).history): HistoryRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { file, entries: [], problems: [] };
    throw err;
  }
  const entries: HistoryEntry[] = [];
  const problems: HistoryProblem[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      problems.push({ line: i + 1, reason: i === lines.length - 1 ? 'torn (no final newline, not valid JSON)' : 'not valid JSON' });
      return;
    }
    const bad = checkEntry(v);
    if (bad) problems.push({ line: i + 1, reason: bad });
    else entries.push(v as HistoryEntry);
  });
  return { file, entries, problems };
}
