import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CycleBenchError } from '../../src/errors.js';
import { listNamed, loadLast, loadNamed, removeNamed, resolveRef, saveLast, saveNamed, storePaths, validateName, writeResult } from '../../src/store/index.js';
import { makeRun } from '../compare/fixtures.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-named-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as CycleBenchError).code;
  }
  return 'no error';
};

describe('names', () => {
  it.each(['main', 'v1.2.3', 'before_fix-2', 'A', 'x'.repeat(100)])('accepts %s', (n) => {
    expect(validateName(n)).toBe(n);
  });
  it.each(['../etc/passwd', '..', 'a..b', '../x', 'a/b', '/abs', '.hidden', '-dash', '', 'x'.repeat(101), 'a b', 'a\\b', 'a\0b'])('refuses %j with E_BAD_NAME', (n) => {
    expect(code(() => validateName(n))).toBe('E_BAD_NAME');
    expect(code(() => saveNamed(dir, 'baseline', n, makeRun(1)))).toBe('E_BAD_NAME');
  });
  it('writes nothing outside the store for a traversal name', () => {
    expect(code(() => saveNamed(dir, 'baseline', '../../evil', makeRun(1)))).toBe('E_BAD_NAME');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('baselines, tags and the latest run', () => {
  it('saves, lists, loads and removes', () => {
    const run = makeRun(1);
    const file = saveNamed(dir, 'baseline', 'main', run);
    expect(file).toBe(path.join(dir, '.cyclebench', 'baselines', 'main.json'));
    saveNamed(dir, 'baseline', 'alpha', run);
    expect(listNamed(dir, 'baseline').map((e) => e.name)).toEqual(['alpha', 'main']);
    expect(loadNamed(dir, 'baseline', 'main')).toEqual(run);
    removeNamed(dir, 'baseline', 'main');
    expect(listNamed(dir, 'baseline').map((e) => e.name)).toEqual(['alpha']);
    expect(code(() => removeNamed(dir, 'baseline', 'main'))).toBe('E_NOT_FOUND');
  });

  it('E_NOT_FOUND lists what exists', () => {
    saveNamed(dir, 'baseline', 'main', makeRun(1));
    try {
      loadNamed(dir, 'baseline', 'mian');
      throw new Error('no');
    } catch (e) {
      expect((e as CycleBenchError).code).toBe('E_NOT_FOUND');
      expect((e as Error).message).toContain('main');
    }
  });

  it('keeps the latest run', () => {
    expect(code(() => loadLast(dir))).toBe('E_NOT_FOUND');
    const run = makeRun(4);
    saveLast(dir, run);
    expect(loadLast(dir)).toEqual(run);
    expect(storePaths(dir).last).toBe(path.join(dir, '.cyclebench', 'last.json'));
  });

  it('resolves a file, then a tag, then a baseline, then last', () => {
    const a = makeRun(1, { tag: 'x' });
    const b = makeRun(2);
    saveNamed(dir, 'tag', 'x', a);
    saveNamed(dir, 'baseline', 'x', b);
    expect(resolveRef(dir, 'x').source).toBe('tag');
    saveNamed(dir, 'baseline', 'only', b);
    expect(resolveRef(dir, 'only').source).toBe('baseline');
    writeResult(path.join(dir, 'only'), a);
    expect(resolveRef(dir, 'only').source).toBe('file');
    saveLast(dir, b);
    expect(resolveRef(dir, 'last').source).toBe('last');
    try {
      resolveRef(dir, 'nothing');
      throw new Error('no');
    } catch (e) {
      expect((e as CycleBenchError).code).toBe('E_NOT_FOUND');
      expect((e as Error).message).toMatch(/tags: x/);
      expect((e as Error).message).toMatch(/baselines: only, x/);
    }
  });
});
