/**
 * The store's process-level promises, observed in real child processes (test/store/child.ts):
 * an atomic write survives SIGKILL before its rename, the history lock keeps multi-write appends
 * whole, a writer killed mid-line costs only that line, concurrent appenders lose nothing, and a
 * file the user may not read gives a clear error. The test-only faults are CYCLEBENCH_TEST_FAULT
 * (src/store/fault.ts). Each test here was checked to fail without the mechanism it tests
 * (docs/reliability.md).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendHistory,
  listNamed,
  loadNamed,
  namedFile,
  readHistory,
  readResult,
  saveNamed,
  serializeResult,
  storePaths,
  writeResult,
} from '../../src/store/index.js';
import { sleepSync } from '../../src/store/lock.js';
import { makeRun } from '../compare/fixtures.js';
import { ROOT, runNode, tempDirs, TS } from './helpers.js';

const dir = tempDirs('cb-proc-');
const CHILD = path.join(import.meta.dirname, 'child.ts');
const child = (args: readonly string[], env: Record<string, string> = {}, uid?: number) =>
  runNode([...TS, CHILD, ...args], { env: { ...process.env, ...env }, ...(uid === undefined ? {} : { uid, gid: uid }) });

describe('atomic writes under SIGKILL before the rename (CYCLEBENCH_TEST_FAULT=after-write)', () => {
  it.each([
    ['a result file', (d: string) => path.join(d, 'r.json'), (d: string, f: string) => ['write', f, '2']],
    ['a baseline', (d: string) => namedFile(d, 'baseline', 'main'), (d: string) => ['save', d, 'baseline', 'main', '2']],
  ])('%s: the old file survives whole; the temp file holds the new one and is ignored, then removed', async (_, fileOf, argsOf) => {
    const f = fileOf(dir());
    writeResult(f, makeRun(1));
    const old = fs.readFileSync(f);
    const exit = await child(argsOf(dir(), f), { CYCLEBENCH_TEST_FAULT: 'after-write' });
    expect(exit.signal, exit.stderr).toBe('SIGKILL');
    expect(fs.readFileSync(f).equals(old)).toBe(true);
    const temps = fs.readdirSync(path.dirname(f)).filter((n) => n.endsWith('.tmp'));
    expect(temps).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(f), temps[0]), 'utf8')).toBe(serializeResult(makeRun(2)));
    expect(readResult(f)).toEqual(makeRun(1));
    if (f.includes('baselines')) expect(listNamed(dir(), 'baseline').map((e) => e.name)).toEqual(['main']);
    writeResult(f, makeRun(3)); // the next write removes the dead writer's temp file
    expect(fs.readdirSync(path.dirname(f))).toEqual([path.basename(f)]);
  });
});

describe('history appends', () => {
  it('the lock keeps lines whole when each is written in many pieces (4 writers, CYCLEBENCH_TEST_FAULT=slow-append)', async () => {
    const go = path.join(dir(), 'go');
    const writers = [0, 1, 2, 3].map((w) => child(['append', dir(), String(w), '5', go], { CYCLEBENCH_TEST_FAULT: 'slow-append' }));
    sleepSync(300); // let them start: they wait for `go` (correctness does not depend on this)
    fs.writeFileSync(go, '');
    const exits = await Promise.all(writers);
    expect(exits.map((e) => e.stdout.trim())).toEqual(Array(4).fill('{"ok":true}'));
    const h = readHistory(dir());
    expect(h.problems).toEqual([]);
    for (let w = 0; w < 4; w++)
      expect(h.entries.filter((e) => e.tag!.startsWith(`w${w}-`)).map((e) => e.tag)).toEqual([0, 1, 2, 3, 4].map((i) => `w${w}-${i}`));
  });

  it('a writer killed mid-line costs only that line: reported, its lock broken, the next line whole', async () => {
    appendHistory(dir(), makeRun(1, { tag: 'before' }));
    const file = storePaths(dir()).history;
    const size = fs.statSync(file).size;
    const p = spawn(process.execPath, [...TS, CHILD, 'append', dir(), '7', '1'], {
      cwd: ROOT,
      env: { ...process.env, CYCLEBENCH_TEST_FAULT: 'slow-append' },
      stdio: 'ignore',
    });
    while (fs.statSync(file).size < size + 200) sleepSync(2); // some pieces of its line are written
    p.kill('SIGKILL');
    await new Promise((r) => p.on('exit', r));
    expect(fs.existsSync(`${file}.lock`)).toBe(true); // it died holding the lock
    appendHistory(dir(), makeRun(2, { tag: 'after' }));
    const h = readHistory(dir());
    expect(h.entries.map((e) => e.tag)).toEqual(['before', 'after']);
    expect(h.problems).toEqual([{ line: 2, reason: 'not valid JSON' }]);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('8 processes x 10 appends at once: every line present and whole, each writer in order (8 x 50: bench/reliability/kill-writers.mjs)', async () => {
    const exits = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((w) => child(['append', dir(), String(w), '10'])));
    expect(exits.map((e) => e.stdout.trim())).toEqual(Array(8).fill('{"ok":true}'));
    const text = fs.readFileSync(storePaths(dir()).history, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const h = readHistory(dir());
    expect(h.problems).toEqual([]);
    expect(h.entries).toHaveLength(80);
    for (let w = 0; w < 8; w++)
      expect(h.entries.filter((e) => e.tag!.startsWith(`w${w}-`)).map((e) => Number(e.tag!.split('-')[1]))).toEqual([...Array(10).keys()]);
  });
});

// Root reads any file whatever its mode: as root the case runs in a child that drops to uid 65534
// (nobody); elsewhere the files are made unreadable to their owner.
const isRoot = process.getuid?.() === 0;
const dropReason = (() => {
  if (!isRoot) return null;
  const r = spawnSync(process.execPath, ['-e', 'process.exit(process.getuid() === 65534 ? 0 : 1)'], { uid: 65534, gid: 65534 });
  return r.status === 0 ? null : `cannot start a child as uid 65534 (${r.error?.message ?? `exit ${r.status}`})`;
})();
if (dropReason) console.log(`skipped the EACCES case: running as root, and ${dropReason}`);

describe.skipIf(dropReason !== null)('no read permission (EACCES)', () => {
  it('reading, saving over, and reading or appending history: a clear error naming the file; nothing changed', async () => {
    fs.chmodSync(dir(), 0o755); // nobody may look inside, not write
    const f = namedFile(dir(), 'baseline', 'main');
    saveNamed(dir(), 'baseline', 'main', makeRun(1));
    appendHistory(dir(), makeRun(1));
    const history = storePaths(dir()).history;
    for (const x of [f, history]) fs.chmodSync(x, isRoot ? 0o600 : 0o000);
    const before = [fs.readFileSync(f), fs.readFileSync(history)];
    const cases = [
      [['read', f], f],
      [['write', f, '2'], f],
      [['save', dir(), 'baseline', 'main', '2'], f],
      [['history', dir()], history],
      [['append', dir(), '1', '1'], history],
    ] as const;
    const exits = await Promise.all(cases.map(([args]) => child(args, {}, isRoot ? 65534 : undefined)));
    for (const [i, [args, file]] of cases.entries()) {
      const out = JSON.parse(exits[i].stdout || '{}');
      const exit = exits[i];
      expect(out, `${args.join(' ')}: ${exit.stderr}`).toMatchObject({ ok: false, name: 'CycleBenchError', code: 'E_CORRUPT_FILE' });
      expect(out.message).toContain(`${file} cannot be used as`);
      expect(out.message).toMatch(/permission denied \(EACCES\)/);
    }
    for (const x of [f, history]) fs.chmodSync(x, 0o644);
    expect(fs.readFileSync(f).equals(before[0])).toBe(true);
    expect(fs.readFileSync(history).equals(before[1])).toBe(true);
    expect(loadNamed(dir(), 'baseline', 'main')).toEqual(makeRun(1));
  });
});
