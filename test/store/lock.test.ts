/**
 * The lock file's rules, one at a time (src/store/lock.ts): what the holder writes, when a lock is
 * stale (dead owner on this host, too old, or never written into), and that a holder releases only
 * its own lock. The appends that rely on it are observed in atomic-in-process.test.ts and, across
 * processes, in processes.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { alive, withLockSync } from '../../src/store/lock.js';
import { errorOf, tempDirs } from './helpers.js';

const dir = tempDirs('cb-lock-');
afterEach(() => vi.restoreAllMocks());

/** A pid no process has (above Linux's pid_max). */
const DEAD = 2 ** 22 + 12345;
const lockOf = (info: object | string, ageMs = 0): string => {
  const file = path.join(dir(), 'x.lock');
  fs.writeFileSync(file, typeof info === 'string' ? info : JSON.stringify(info));
  const t = (Date.now() - ageMs) / 1000;
  fs.utimesSync(file, t, t);
  return file;
};
const held = (file: string, o: { staleMs?: number } = {}) => errorOf(() => withLockSync(file, () => 'ran', { timeoutMs: 30, ...o }));

describe('holding the lock', () => {
  it('while fn runs the lock file names this process, this host and a token; it is removed after', () => {
    const file = path.join(dir(), 'x.lock');
    const seen = withLockSync(file, () => JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(seen).toEqual({
      pid: process.pid,
      host: os.hostname(),
      token: expect.stringMatching(/^[0-9a-f]{16}$/),
      time: expect.any(Number),
    });
    expect(Math.abs(seen.time - Date.now())).toBeLessThan(60_000);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("is released when fn throws, and the error is fn's", () => {
    const file = path.join(dir(), 'x.lock');
    expect(() =>
      withLockSync(file, () => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(fs.existsSync(file)).toBe(false);
  });

  it("a lock replaced by another's while fn ran is not removed on release", () => {
    const file = path.join(dir(), 'x.lock');
    const other = JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'other', time: Date.now() });
    withLockSync(file, () => fs.writeFileSync(file, other));
    expect(fs.readFileSync(file, 'utf8')).toBe(other);
  });

  it('an error other than EEXIST is thrown as it is (no directory: ENOENT)', () => {
    expect(() => withLockSync(path.join(dir(), 'none', 'x.lock'), () => 1)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('the timeout message names the lock and its wait', () => {
    const file = lockOf({ pid: process.pid, host: os.hostname(), token: 'live', time: Date.now() });
    expect(held(file)).toEqual({
      code: 'E_TIMEOUT',
      message: `Could not lock ${file} within 30 ms; if no cyclebench is running, delete it.`,
    });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).token).toBe('live');
  });
});

describe('stale locks are broken, live ones kept', () => {
  it('a live owner on this host: kept until the lock is older than staleMs (default 30 s)', () => {
    const live = { pid: process.pid, host: os.hostname(), token: 'live', time: 0 };
    expect(held(lockOf(live, 25_000)).code).toBe('E_TIMEOUT');
    expect(withLockSync(lockOf(live, 35_000), () => 'ran', { timeoutMs: 30 })).toBe('ran');
    expect(held(lockOf(live, 5_000), { staleMs: 10_000 }).code).toBe('E_TIMEOUT');
    expect(withLockSync(lockOf(live, 5_000), () => 'ran', { timeoutMs: 30, staleMs: 1_000 })).toBe('ran');
  });

  it('a dead owner on this host: broken at once; on another host its pid says nothing, so it is kept', () => {
    expect(withLockSync(lockOf({ pid: DEAD, host: os.hostname(), token: 'dead', time: 0 }), () => 'ran', { timeoutMs: 30 })).toBe('ran');
    expect(held(lockOf({ pid: DEAD, host: `not-${os.hostname()}`, token: 'far', time: 0 })).code).toBe('E_TIMEOUT');
  });

  it('a lock without a pid (garbage, or a pid that is not a number) is judged by age: kept under a second, broken after', () => {
    for (const content of ['not json', JSON.stringify({ pid: String(DEAD), host: os.hostname() })]) {
      expect(held(lockOf(content, 200)).code).toBe('E_TIMEOUT');
      expect(withLockSync(lockOf(content, 1_500), () => 'ran', { timeoutMs: 30 })).toBe('ran');
    }
  });

  it('waits for a lock released meanwhile instead of failing', () => {
    const file = lockOf({ pid: process.pid, host: os.hostname(), token: 'live', time: Date.now() });
    // The wait is synchronous: the owner's release happens inside the clock it reads, on its third look.
    let looks = 0;
    const now = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => {
      if (++looks === 3) fs.rmSync(file, { force: true });
      return now();
    });
    expect(withLockSync(file, () => 'ran', { timeoutMs: 5_000 })).toBe('ran');
  });
});

describe('alive', () => {
  it('this process is alive, a pid above pid_max is not', () => {
    expect(alive(process.pid)).toBe(true);
    expect(alive(DEAD)).toBe(false);
  });
});
