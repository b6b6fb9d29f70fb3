/**
 * The lock's timing and races in this process, on a clock that moves only when the lock sleeps
 * (src/store/lock.ts): the back-off and the deadline, the exact edges of "stale" and "never written
 * into", a lock replaced between the look and the break, a lock moved aside that cannot be read back,
 * a release after fn removed or replaced the lock, and `alive` for another user's process. Written to
 * kill the mutants lock.test.ts leaves (docs/testing.md, mutation testing).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { alive, withLockSync } from '../../src/store/lock.js';
import { errorOf, tempDirs } from './helpers.js';

const dir = tempDirs('cb-lock-units-');
afterEach(() => vi.restoreAllMocks());

/** A pid no process has (above Linux's pid_max). */
const DEAD = 2 ** 22 + 12345;
const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: made up for the test`), { code });
const lockText = (pid: number, token: string): string => JSON.stringify({ pid, host: os.hostname(), token, time: 0 });
const LIVE = lockText(process.pid, 'live');
/** Writes the lock file, its mtime `mtimeMs` when given. */
const lockOf = (text: string, mtimeMs?: number): string => {
  const file = path.join(dir(), 'x.lock');
  fs.writeFileSync(file, text);
  if (mtimeMs !== undefined) fs.utimesSync(file, mtimeMs / 1000, mtimeMs / 1000);
  return file;
};

/**
 * Date.now() reads a virtual clock starting at `start`; sleepSync's Atomics.wait returns at once and
 * moves the clock by its wait, recorded in `sleeps`. Math.random() returns `random`. A lock that never
 * sleeps would spin on a stopped clock: the clock refuses to be read more than 1000 times.
 */
function virtualClock(start: number, random = 0): { sleeps: number[] } {
  let now = start;
  let reads = 0;
  const sleeps: number[] = [];
  vi.spyOn(Math, 'random').mockReturnValue(random);
  vi.spyOn(Date, 'now').mockImplementation(() => {
    if (++reads > 1000) throw new Error('the clock was read 1000 times: the lock spins without sleeping');
    return now;
  });
  vi.spyOn(Atomics, 'wait').mockImplementation(((_cell: Int32Array, _index: number, _value: number, ms?: number) => {
    sleeps.push(ms!);
    now += ms!;
    return 'timed-out';
  }) as typeof Atomics.wait);
  return { sleeps };
}
/** A whole second a little in the past: a lock's mtime that Date.now() arithmetic keeps exact. */
const wholeSecond = (): number => Math.floor(Date.now() / 1000) * 1000 - 60_000;

describe('waiting for a live lock', () => {
  it('sleeps 1, 2, 4 ... ms plus up to as much again at random, capped at 50 + 50; gives up only once past the deadline', () => {
    const file = lockOf(LIVE);
    const clock = virtualClock(Date.now(), 0.5);
    // 1.5 + 3 + 6 + 12 + 24 + 48 = 94.5: the seventh look is exactly at the deadline, so it sleeps once more.
    expect(errorOf(() => withLockSync(file, () => 'ran', { timeoutMs: 94.5 }))).toEqual({
      code: 'E_TIMEOUT',
      message: `Could not lock ${file} within 94.5 ms; if no cyclebench is running, delete it.`,
    });
    expect(clock.sleeps).toEqual([1.5, 3, 6, 12, 24, 48, 75]);
    expect(fs.readFileSync(file, 'utf8')).toBe(LIVE);
  });

  it('a live lock exactly staleMs old is kept; a millisecond later it is broken', () => {
    const t = wholeSecond();
    const file = lockOf(LIVE, t);
    const clock = virtualClock(t + 5_000);
    expect(withLockSync(file, () => JSON.parse(fs.readFileSync(file, 'utf8')).pid, { staleMs: 5_000 })).toBe(process.pid);
    expect(clock.sleeps).toEqual([1]);
    expect(fs.readdirSync(dir())).toEqual([]);
  });

  it('an empty lock exactly a second old is still being written; a millisecond later its owner is taken for dead', () => {
    const t = wholeSecond();
    const file = lockOf('', t);
    const clock = virtualClock(t + 1_000);
    expect(withLockSync(file, () => 'ran')).toBe('ran');
    expect(clock.sleeps).toEqual([1]);
    expect(fs.readdirSync(dir())).toEqual([]);
  });
});

describe('breaking a stale lock that changed meanwhile', () => {
  /** The next rename (the break moving the lock aside) first lets `replace` write a new lock over it. */
  const replacedBeforeTheBreak = (replace: () => void): void => {
    const rename = fs.renameSync;
    vi.spyOn(fs, 'renameSync').mockImplementationOnce((from: fs.PathLike, to: fs.PathLike) => {
      replace();
      rename(from, to);
    });
  };

  it.each([
    ["a dead owner's lock replaced by a live owner's", lockText(DEAD, 'dead'), undefined, lockText(process.pid, 'fresh')],
    ["a dead owner's lock replaced by one just created, still empty", lockText(DEAD, 'dead'), undefined, ''],
    ['an abandoned unreadable lock replaced by a newer one (another mtime)', 'garbage', 2_000, 'newer garbage'],
  ])('%s: the new one is put back and waited for', (_, stale, ageMs, replacement) => {
    const file = lockOf(stale, ageMs === undefined ? undefined : Date.now() - ageMs);
    replacedBeforeTheBreak(() => fs.writeFileSync(file, replacement));
    virtualClock(Date.now());
    expect(errorOf(() => withLockSync(file, () => 'ran', { timeoutMs: 10 })).code).toBe('E_TIMEOUT');
    expect(fs.readFileSync(file, 'utf8')).toBe(replacement);
    expect(fs.readdirSync(dir())).toEqual(['x.lock']);
  });

  it('a lock moved aside that cannot be read back is put back, then broken on the next look', () => {
    const file = lockOf(lockText(DEAD, 'dead'));
    const stat = fs.statSync;
    let failed = false;
    vi.spyOn(fs, 'statSync').mockImplementation(((p: fs.PathLike, o?: fs.StatSyncOptions) => {
      if (!failed && path.basename(String(p)).startsWith('x.lock.stale.')) {
        failed = true;
        throw errno('ENOENT');
      }
      return stat(p, o);
    }) as typeof fs.statSync);
    const link = fs.linkSync;
    const links: string[][] = [];
    vi.spyOn(fs, 'linkSync').mockImplementation((from: fs.PathLike, to: fs.PathLike) => {
      links.push([String(from), String(to)]);
      link(from, to);
    });
    expect(withLockSync(file, () => JSON.parse(fs.readFileSync(file, 'utf8')).pid)).toBe(process.pid);
    expect(links).toEqual([[expect.stringMatching(new RegExp(`^${file}\\.stale\\.${process.pid}\\.[0-9a-f]{8}$`)), file]]);
    expect(fs.readdirSync(dir())).toEqual([]);
  });
});

describe('a lock that cannot be broken or written', () => {
  it('a stale lock that cannot be moved aside (EACCES) is waited for until the deadline, not retried in a spin', () => {
    const file = lockOf(lockText(DEAD, 'dead'));
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw errno('EACCES');
    });
    const clock = virtualClock(Date.now());
    expect(errorOf(() => withLockSync(file, () => 'ran', { timeoutMs: 100 }))).toMatchObject({ code: 'E_TIMEOUT' });
    expect(clock.sleeps.length).toBeGreaterThan(2);
    expect(fs.readFileSync(file, 'utf8')).toBe(lockText(DEAD, 'dead'));
  });

  it('a stale lock gone before the break (ENOENT) is taken at once', () => {
    const file = lockOf(lockText(DEAD, 'dead'));
    const rename = fs.renameSync;
    vi.spyOn(fs, 'renameSync').mockImplementationOnce((from: fs.PathLike) => {
      fs.rmSync(from);
      rename(from, `${String(from)}.nothing`); // throws ENOENT, as when another waiter broke it first
    });
    const clock = virtualClock(Date.now());
    expect(withLockSync(file, () => 'ran')).toBe('ran');
    expect(clock.sleeps).toEqual([]);
    expect(fs.readdirSync(dir())).toEqual([]);
  });

  it('a write into a new lock that fails (ENOSPC) closes it, removes it and throws the error', () => {
    const file = path.join(dir(), 'x.lock');
    const opened: number[] = [];
    const open = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation(((...a: Parameters<typeof fs.openSync>) => {
      const fd = open(...a);
      opened.push(fd);
      return fd;
    }) as typeof fs.openSync);
    const closed: number[] = [];
    const close = fs.closeSync;
    vi.spyOn(fs, 'closeSync').mockImplementation((fd: number) => {
      closed.push(fd);
      close(fd);
    });
    vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw errno('ENOSPC');
    });
    expect(() => withLockSync(file, () => 'ran')).toThrow(/ENOSPC/);
    expect(closed).toEqual(opened);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('release', () => {
  it('a lock fn removed is not looked for', () => {
    const file = path.join(dir(), 'x.lock');
    const ran = withLockSync(file, () => {
      fs.rmSync(file);
      return 'ran';
    });
    expect(ran).toBe('ran');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('a lock fn overwrote with something unreadable is left as it is', () => {
    const file = path.join(dir(), 'x.lock');
    const ran = withLockSync(file, () => {
      fs.writeFileSync(file, 'garbage');
      return 'ran';
    });
    expect(ran).toBe('ran');
    expect(fs.readFileSync(file, 'utf8')).toBe('garbage');
  });
});

describe('alive', () => {
  it("EPERM from the signal check means the process exists (another user's); ESRCH that it does not", () => {
    const kill = vi.spyOn(process, 'kill').mockImplementationOnce(() => {
      throw errno('EPERM');
    });
    expect(alive(4321)).toBe(true);
    kill.mockImplementationOnce(() => {
      throw errno('ESRCH');
    });
    expect(alive(4321)).toBe(false);
    expect(kill.mock.calls).toEqual([
      [4321, 0],
      [4321, 0],
    ]);
  });
});
