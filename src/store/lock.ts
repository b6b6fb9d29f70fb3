/**
 * A small cross-process lock file: created with O_CREAT|O_EXCL, holding the owner's pid, host and a
 * random token. A lock whose owner process is gone (same host), that is older than `staleMs`, or that
 * is still empty a second after its creation (its owner was killed before writing into it) is broken
 * by renaming it aside first, so two waiters cannot both break the same lock.
 */
import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { CycleBenchError } from '../errors.js';

/** Options of {@link withLockSync}. */
export interface LockOptions {
  /** Give up after this long waiting, in ms (default 10 000). */
  timeoutMs?: number;
  /** A lock older than this is considered abandoned, in ms (default 30 000). */
  staleMs?: number;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** Blocks the thread for `ms` without spinning. */
export function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

interface LockInfo {
  pid: number;
  host: string;
  token: string;
  time: number;
}

function readLock(file: string): { info: LockInfo | null; mtimeMs: number } | null {
  try {
    const st = fs.statSync(file);
    let info: LockInfo | null = null;
    try {
      info = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    } catch {
      info = null; // being written, or garbage
    }
    return { info, mtimeMs: st.mtimeMs };
  } catch {
    return null;
  }
}

/** Whether process `pid` exists on this host (EPERM: it exists, owned by another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** An owner writes its details right after creating the lock; a lock still without them after this long lost its owner. */
const UNWRITTEN_MS = 1000;

function isStale(state: { info: LockInfo | null; mtimeMs: number }, staleMs: number): boolean {
  const age = Date.now() - state.mtimeMs;
  if (age > staleMs) return true;
  const { info } = state;
  // Killed between creating the lock and writing into it: no pid to check, so judge by age.
  if (info === null || typeof info.pid !== 'number') return age > UNWRITTEN_MS;
  return info.host === os.hostname() && !alive(info.pid);
}

/**
 * Moves a stale lock aside and removes it. False when it could not be moved while it is still there
 * (a read-only or foreign directory): the caller then waits and times out instead of retrying at once.
 */
function tryBreak(file: string, expected: { info: LockInfo | null; mtimeMs: number }): boolean {
  const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT'; // gone: someone else broke or released it
  }
  const got = readLock(aside);
  const same = got !== null && (expected.info ? got.info?.token === expected.info.token : got.mtimeMs === expected.mtimeMs);
  if (!same) {
    // We moved a lock someone had just taken: put it back unless another was created meanwhile.
    try {
      fs.linkSync(aside, file);
    } catch {
      /* a newer lock exists; the holder we displaced still writes with a single O_APPEND write */
    }
  }
  fs.rmSync(aside, { force: true });
  return true;
}

/** Runs `fn` while holding the lock file `file`. Throws `E_TIMEOUT` when it cannot be had in time. */
export function withLockSync<T>(file: string, fn: () => T, options: LockOptions = {}): T {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const token = randomBytes(8).toString('hex');
  const deadline = Date.now() + timeoutMs;
  let delay = 1;
  for (;;) {
    try {
      const fd = fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o644);
      const info: LockInfo = { pid: process.pid, host: os.hostname(), token, time: Date.now() };
      try {
        fs.writeSync(fd, JSON.stringify(info));
      } catch (err) {
        // A full disk: leave no empty lock behind for others to wait a second on, and no open descriptor.
        fs.closeSync(fd);
        fs.rmSync(file, { force: true });
        throw err;
      }
      fs.closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const state = readLock(file);
    if (state && isStale(state, staleMs) && tryBreak(file, state)) continue;
    if (Date.now() > deadline) {
      throw new CycleBenchError('E_TIMEOUT', `Could not lock ${file} within ${timeoutMs} ms; if no cyclebench is running, delete it.`);
    }
    sleepSync(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
  try {
    return fn();
  } finally {
    const state = readLock(file);
    if (state?.info?.token === token) fs.rmSync(file, { force: true });
  }
}
