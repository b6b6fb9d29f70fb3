/** Shared pieces of the store tests: temp directories, error capture, real results, child processes. */
import { spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { CycleBenchError } from '../../src/errors.js';
import type { RunResult } from '../../src/result/types.js';

export const ROOT = path.join(import.meta.dirname, '../..');
/** Node arguments that run a TypeScript file in the same process (tsx's CLI would run it in a child of its own). */
export const TS = ['--import', 'tsx'];

/**
 * A result the engine wrote: `cyclebench run test/store/fixtures/tiny.bench.ts --quick --samples 6
 * --counters default --json real-result.json` (args with a complexity fit, a group, an error, counters).
 */
export const REAL_FILE = path.join(import.meta.dirname, 'fixtures', 'real-result.json');
export const realText = (): string => fs.readFileSync(REAL_FILE, 'utf8');
export const realRun = (): RunResult => JSON.parse(realText()) as RunResult;

/** A fresh temp directory per test, removed after it; returns a getter. */
export function tempDirs(prefix: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

/** Runs `fn`, which must throw a CycleBenchError; returns its code and message. */
export function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof CycleBenchError))
      throw new Error(`expected a CycleBenchError, got ${(e as Error)?.stack ?? String(e)}`, { cause: e });
    return { code: e.code, message: e.message };
  }
  throw new Error('expected an error, none was thrown');
}

/** A user-facing error: a CycleBenchError that names `file` and carries no stack frames in its message. */
export function expectClearError(fn: () => unknown, file: string, codes: string[] = ['E_CORRUPT_FILE']): { code: string; message: string } {
  const e = errorOf(fn);
  expect(codes, e.message).toContain(e.code);
  expect(e.message).toContain(file);
  expect(e.message).not.toMatch(/\n\s+at /);
  return e;
}

/** The exit of a child process: code, signal, and what it wrote. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in the repository root (prefix TS for a TypeScript file) and collects its exit. */
export function runNode(args: string[], options: SpawnOptions = {}): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    p.stdout!.on('data', (d) => (stdout += d));
    p.stderr!.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
