/**
 * The store's write and append promises observed in this process, where Stryker's mutants are
 * active (the same promises under SIGKILL are in processes.test.ts, which spawns real writers):
 *
 * - an atomic write replaces the directory entry (temp file + rename), so a reader that opened the
 *   old file, or a hard link to it, keeps the old content whole; an in-place write would change it;
 * - an append to history waits for the lock: while a live process holds it, nothing is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  appendHistory,
  readHistory,
  readResult,
  saveNamed,
  namedFile,
  serializeResult,
  storePaths,
  writeFileAtomic,
  writeResult,
} from '../../src/store/index.js';
import { makeRun } from '../compare/fixtures.js';
import { errorOf, tempDirs } from './helpers.js';

const dir = tempDirs('cb-atomic-');
afterEach(() => vi.restoreAllMocks());

describe('atomic writes replace the file, never rewrite it in place', () => {
  it('writeFileAtomic: a hard link to the old file and an open reader keep the old bytes; the new file is a new inode', () => {
    const file = path.join(dir(), 'a.txt');
    writeFileAtomic(file, 'old content');
    const link = path.join(dir(), 'old-link.txt');
    fs.linkSync(file, link);
    const before = fs.statSync(file).ino;
    const fd = fs.openSync(file, 'r');
    try {
      writeFileAtomic(file, 'new and longer content');
      expect(fs.readFileSync(file, 'utf8')).toBe('new and longer content');
      expect(fs.statSync(file).ino).not.toBe(before);
      expect(fs.readFileSync(link, 'utf8')).toBe('old content');
      const buf = Buffer.alloc(64);
      expect(buf.toString('utf8', 0, fs.readSync(fd, buf, 0, 64, 0))).toBe('old content');
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.readdirSync(dir()).sort()).toEqual(['a.txt', 'old-link.txt']);
  });

  it('writes through a temp file in the same directory, synced before the rename, then syncs the directory', () => {
    const file = path.join(dir(), 'sub', 'r.json');
    const calls: string[] = [];
    const open = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode | null) => {
      const fd = open(p, flags ?? 'r', mode);
      calls.push(`open ${path.relative(dir(), String(p))} ${String(flags)}#${fd}`);
      return fd;
    }) as typeof fs.openSync);
    const fsync = fs.fsyncSync;
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
      calls.push(`fsync #${fd}`);
      fsync(fd);
    });
    const rename = fs.renameSync;
    vi.spyOn(fs, 'renameSync').mockImplementation((a: fs.PathLike, b: fs.PathLike) => {
      calls.push(`rename ${path.relative(dir(), String(a))} -> ${path.relative(dir(), String(b))}`);
      rename(a, b);
    });
    writeResult(file, makeRun(1));
    vi.restoreAllMocks();
    expect(calls).toHaveLength(5);
    const [openTmp, syncTmp, renamed, openDir, syncDir] = calls;
    const tmp = /^open (sub\/\.r\.json\.\d+\.[0-9a-f]{12}\.tmp) wx#(\d+)$/.exec(openTmp);
    expect(tmp, openTmp).not.toBeNull();
    expect(Number(tmp![1].split('.')[3])).toBe(process.pid);
    expect(syncTmp).toBe(`fsync #${tmp![2]}`);
    expect(renamed).toBe(`rename ${tmp![1]} -> sub/r.json`);
    const d = /^open sub r#(\d+)$/.exec(openDir);
    expect(d, openDir).not.toBeNull();
    expect(syncDir).toBe(`fsync #${d![1]}`);
    expect(fs.readFileSync(file, 'utf8')).toBe(serializeResult(makeRun(1)));
  });

  it('a failed write leaves the old file whole and no temp file', () => {
    const file = path.join(dir(), 'r.json');
    writeResult(file, makeRun(1));
    const old = fs.readFileSync(file);
    vi.spyOn(fs, 'fsyncSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    });
    expect(() => writeResult(file, makeRun(2))).toThrow(/EIO/);
    expect(fs.readFileSync(file).equals(old)).toBe(true);
    expect(fs.readdirSync(dir())).toEqual(['r.json']);
  });

  it('a failed rename removes the temp file and leaves the old file whole', () => {
    const file = path.join(dir(), 'r.json');
    writeResult(file, makeRun(1));
    vi.spyOn(fs, 'renameSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
    });
    expect(() => writeResult(file, makeRun(2))).toThrow(/EXDEV/);
    expect(readResult(file)).toEqual(makeRun(1));
    expect(fs.readdirSync(dir())).toEqual(['r.json']);
  });

  it('a baseline save keeps a reader of the old baseline whole', () => {
    saveNamed(dir(), 'baseline', 'main', makeRun(1));
    const file = namedFile(dir(), 'baseline', 'main');
    const link = `${file}.link`;
    fs.linkSync(file, link);
    saveNamed(dir(), 'baseline', 'main', makeRun(2));
    expect(readResult(link)).toEqual(makeRun(1));
    expect(readResult(file)).toEqual(makeRun(2));
  });

  it("temp files of dead writers are removed after a write; a live writer's, another file's and other names are kept", () => {
    const d = dir();
    const dead = `.r.json.${2 ** 22 + 12345}.0123456789ab.tmp`;
    const live = `.r.json.${process.ppid}.0123456789ab.tmp`;
    const other = `.s.json.${2 ** 22 + 12345}.0123456789ab.tmp`;
    const odd = `.r.json.${2 ** 22 + 12345}.nothex.tmp`;
    for (const n of [dead, live, other, odd]) fs.writeFileSync(path.join(d, n), 'x');
    writeFileAtomic(path.join(d, 'r.json'), '{}');
    expect(fs.readdirSync(d).sort()).toEqual([live, odd, other, 'r.json'].sort());
  });
});

describe('history appends hold the lock', () => {
  it('while a live process holds the lock, appendHistory waits, gives up with E_TIMEOUT and writes nothing', () => {
    appendHistory(dir(), makeRun(1, { tag: 'first' }));
    const file = storePaths(dir()).history;
    const before = fs.readFileSync(file);
    const lock = `${file}.lock`;
    const held = JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'held', time: Date.now() });
    fs.writeFileSync(lock, held);
    // Time passes 0.5 s per look at the clock, so the 10 s wait ends after about 20 looks (a real
    // wait would take 10 s); a lock that old is not stale yet (30 s).
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 500));
    const e = errorOf(() => appendHistory(dir(), makeRun(2, { tag: 'second' })));
    vi.restoreAllMocks();
    expect(e.code).toBe('E_TIMEOUT');
    expect(e.message).toContain(lock);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readFileSync(lock, 'utf8')).toBe(held); // another's lock is never removed
    fs.rmSync(lock);
    appendHistory(dir(), makeRun(3, { tag: 'third' }));
    expect(readHistory(dir()).entries.map((x) => x.tag)).toEqual(['first', 'third']);
    expect(fs.existsSync(lock)).toBe(false);
  });
});
