import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendHistory, historyEntry, readHistory, storePaths, withLockSync } from '../../src/store/index.js';
import { erroredBench, makeRun, runOf } from '../compare/fixtures.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-hist-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('history', () => {
  it('stores a compact per-benchmark summary, not samples', () => {
    const run = makeRun(1);
    run.benchmarks.push(erroredBench('bad'));
    const e = historyEntry(run);
    expect(e.commit).toBe(run.environment.git!.commit);
    expect(e.benchmarks[0]).toMatchObject({ id: 'parse', unit: 'ns', n: 100, status: 'ok' });
    expect(e.benchmarks.at(-1)).toMatchObject({ id: 'bad', status: 'error', median: null });
    expect(JSON.stringify(e)).not.toContain('samples');
    expect(JSON.stringify(e).length).toBeLessThan(2000);
  });

  it('appends and reads back in order', () => {
    for (let i = 0; i < 3; i++) appendHistory(dir, makeRun(i, { tag: `t${i}` }));
    const h = readHistory(dir);
    expect(h.problems).toEqual([]);
    expect(h.entries.map((e) => e.tag)).toEqual(['t0', 't1', 't2']);
    expect(fs.existsSync(`${storePaths(dir).history}.lock`)).toBe(false);
  });

  it('skips and reports torn or corrupt lines, and keeps appending on a fresh line', () => {
    appendHistory(dir, makeRun(1, { tag: 'a' }));
    fs.appendFileSync(storePaths(dir).history, 'not json\n{"v":1,"time":"x","benchmarks":[{"id":');
    appendHistory(dir, makeRun(2, { tag: 'b' }));
    const h = readHistory(dir);
    expect(h.entries.map((e) => e.tag)).toEqual(['a', 'b']);
    expect(h.problems.map((p) => p.line)).toEqual([2, 3]);
  });

  it('reports lines from a newer format instead of misreading them', () => {
    fs.mkdirSync(path.dirname(storePaths(dir).history), { recursive: true });
    fs.writeFileSync(storePaths(dir).history, '{"v":9,"time":"t","benchmarks":[]}\n');
    expect(readHistory(dir).problems[0].reason).toMatch(/newer/);
  });

  it('missing history is empty, not an error', () => {
    expect(readHistory(dir)).toMatchObject({ entries: [], problems: [] });
  });

  it('recovers a stale lock left by a dead process', () => {
    const lock = `${storePaths(dir).history}.lock`;
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), token: 'dead', time: 0 }));
    appendHistory(dir, runOf([]));
    expect(readHistory(dir).entries).toHaveLength(1);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('times out on a live lock', () => {
    const lock = path.join(dir, 'x.lock');
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'live', time: Date.now() }));
    expect(() => withLockSync(lock, () => 1, { timeoutMs: 50 })).toThrow(/Could not lock/);
  });
});

describe('stale locks', () => {
  it('an empty lock (its owner killed before writing into it) is broken once it is a second old, not before', () => {
    const lock = path.join(dir, 'e.lock');
    fs.writeFileSync(lock, '');
    expect(() => withLockSync(lock, () => 1, { timeoutMs: 50 })).toThrow(/Could not lock/);
    const old = new Date(Date.now() - 2000);
    fs.utimesSync(lock, old, old);
    expect(withLockSync(lock, () => 2, { timeoutMs: 50 })).toBe(2);
    expect(fs.existsSync(lock)).toBe(false);
  });
});
