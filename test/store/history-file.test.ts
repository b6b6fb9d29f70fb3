import { spawn } from 'node:child_process';
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

const root = path.join(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function child(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [tsx, path.join(import.meta.dirname, 'append-child.ts'), ...args], { stdio: ['ignore', 'ignore', 'inherit'], cwd: root });
    p.on('error', reject);
    p.on('exit', (c) => resolve(c ?? -1));
  });
}

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

  it('loses no line with 4 processes x 50 concurrent appends', async () => {
    const codes = await Promise.all([0, 1, 2, 3].map((w) => child([dir, String(w), '50'])));
    expect(codes).toEqual([0, 0, 0, 0]);
    const text = fs.readFileSync(storePaths(dir).history, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n').filter(Boolean)).toHaveLength(200);
    const h = readHistory(dir);
    expect(h.problems).toEqual([]);
    expect(new Set(h.entries.map((e) => e.tag)).size).toBe(200);
    for (let w = 0; w < 4; w++) {
      const mine = h.entries.filter((e) => e.tag!.startsWith(`w${w}-`)).map((e) => Number(e.tag!.split('-')[1]));
      expect(mine).toEqual([...Array(50).keys()]); // each writer's lines in its own order
    }
  });
});
