import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CycleBenchError } from '../../src/errors.js';
import { readResult, runResultProblems, writeFileAtomic, writeResult } from '../../src/store/index.js';
import { makeRun } from '../compare/fixtures.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-files-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function codeOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CycleBenchError);
    return { code: (e as CycleBenchError).code, message: (e as Error).message };
  }
  throw new Error('expected an error');
}

describe('result files', () => {
  it('round-trips a run and leaves no temp file behind', () => {
    const file = path.join(dir, 'sub', 'r.json');
    const run = makeRun(1);
    writeResult(file, run);
    expect(readResult(file)).toEqual(run);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['r.json']);
  });

  it('writeFileAtomic replaces content whole', () => {
    const file = path.join(dir, 'a.txt');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
    expect(fs.readdirSync(dir)).toEqual(['a.txt']);
  });

  it('names the file for invalid JSON, truncation and emptiness', () => {
    const file = path.join(dir, 'bad.json');
    const text = JSON.stringify(makeRun(1));
    fs.writeFileSync(file, text.slice(0, text.length / 2));
    const e = codeOf(() => readResult(file));
    expect(e.code).toBe('E_CORRUPT_FILE');
    expect(e.message).toContain(file);
    expect(e.message).toContain('truncated');
    fs.writeFileSync(file, '');
    expect(codeOf(() => readResult(file)).message).toContain('empty');
  });

  it('reports structural problems with their paths', () => {
    const run = makeRun(1) as unknown as { benchmarks: { stats: { median: unknown } }[]; mode: string };
    run.benchmarks[2].stats.median = 'fast';
    run.mode = 'turbo';
    const problems = runResultProblems(run);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['benchmarks[2].stats.median', 'mode']));
    const file = path.join(dir, 'x.json');
    fs.writeFileSync(file, JSON.stringify(run));
    const e = codeOf(() => readResult(file));
    expect(e.code).toBe('E_CORRUPT_FILE');
    expect(e.message).toContain('benchmarks[2].stats.median');
  });

  it('rejects duplicate benchmark ids', () => {
    const run = makeRun(1);
    run.benchmarks[1].id = run.benchmarks[0].id;
    expect(runResultProblems(run)[0].message).toMatch(/duplicate/);
  });

  it('refuses a newer format with E_NEWER_FORMAT naming the file', () => {
    const file = path.join(dir, 'new.json');
    fs.writeFileSync(file, JSON.stringify({ ...makeRun(1), schemaVersion: 99 }));
    const e = codeOf(() => readResult(file));
    expect(e.code).toBe('E_NEWER_FORMAT');
    expect(e.message).toContain(file);
  });

  it('never overwrites a corrupt or newer file: byte-for-byte unchanged', () => {
    const file = path.join(dir, 'keep.json');
    const bytes = Buffer.from('{"schemaVersion": 1, "tool": {"na\u0000');
    fs.writeFileSync(file, bytes);
    expect(codeOf(() => writeResult(file, makeRun(2))).code).toBe('E_CORRUPT_FILE');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    const newer = Buffer.from(JSON.stringify({ schemaVersion: 2 }));
    fs.writeFileSync(file, newer);
    expect(codeOf(() => writeResult(file, makeRun(2))).code).toBe('E_NEWER_FORMAT');
    expect(fs.readFileSync(file).equals(newer)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['keep.json']);
  });

  it('refuses to write an invalid result', () => {
    const run = makeRun(1) as unknown as { mode: string };
    run.mode = 'nope';
    expect(codeOf(() => writeResult(path.join(dir, 'w.json'), run as never)).code).toBe('E_CORRUPT_FILE');
    expect(fs.existsSync(path.join(dir, 'w.json'))).toBe(false);
  });
});
