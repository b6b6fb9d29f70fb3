import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CycleBenchError } from '../../src/errors.js';
import {
  FileStore,
  listNamed,
  loadLast,
  loadNamed,
  NAME_RULE,
  removeNamed,
  resolveStoredRef,
  saveLast,
  saveNamed,
  storePaths,
  validateName,
  writeResult,
} from '../../src/store/index.js';
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

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return `${(e as CycleBenchError).code}: ${(e as Error).message}`;
  }
  return 'no error';
};

describe('names', () => {
  it.each(['main', 'v1.2.3', 'before_fix-2', 'A', 'x'.repeat(100), 'CONSOLE', 'com10', 'lastrun', 'nul-x', 'auxiliary.v2'])(
    'accepts %s',
    (n) => {
      expect(validateName(n)).toBe(n);
    },
  );

  const refused: [string, RegExp][] = [
    ['', /it is empty/],
    ['../x', /path separator/],
    ['../etc/passwd', /path separator/],
    ['..', /'\.\.'/],
    ['a..b', /'\.\.'/],
    ['a/b', /path separator/],
    ['/abs', /path separator/],
    [path.resolve('/tmp/x'), /path separator/],
    ['C:\\x', /path separator/],
    ['a\\b', /path separator/],
    ['a\0b', /NUL byte/],
    ['\0', /NUL byte/],
    ['.hidden', /start with a letter or digit/],
    ['-dash', /start with a letter or digit/],
    ['x'.repeat(101), /101 characters long/],
    ['x'.repeat(5000), /5000 characters long/],
    ['a b', /other than letters/],
    ['caf\u00e9', /other than letters/],
    ['CON', /CON is a device name reserved by Windows/],
    ['con', /CON is a device name reserved by Windows/],
    ['Con.json', /CON is a device name/],
    ['nul.tar.gz', /NUL is a device name/],
    ['aux', /AUX is a device name/],
    ['PRN.x', /PRN is a device name/],
    ['COM1', /COM1 is a device name/],
    ['com9.v2', /COM9 is a device name/],
    ['LPT1', /LPT1 is a device name/],
    ['lpt0.txt', /LPT0 is a device name/],
    ['last', /'last' is the keyword for the latest run/],
    ['LAST', /'last' is the keyword/],
    ['Last', /'last' is the keyword/],
  ];
  it.each(refused)('refuses %j with E_BAD_NAME, the reason and the rule', (n, why) => {
    for (const kind of ['baseline', 'tag'] as const) {
      const m = message(() => saveNamed(dir, kind, n, makeRun(1)));
      expect(m).toMatch(/^E_BAD_NAME: Invalid (baseline|tag) name /);
      expect(m).toMatch(why);
      expect(m).toContain(NAME_RULE);
      expect(m.length).toBeLessThan(NAME_RULE.length + 200); // a 5000-character name is shown cut
    }
    expect(code(() => validateName(n))).toBe('E_BAD_NAME');
    expect(fs.readdirSync(dir)).toEqual([]); // nothing written anywhere
  });

  it('writes nothing outside the store for a traversal name', () => {
    expect(code(() => saveNamed(dir, 'baseline', '../../evil', makeRun(1)))).toBe('E_BAD_NAME');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a name that differs only in case from an existing one, per kind, and leaves the existing file alone', () => {
    const file = saveNamed(dir, 'baseline', 'main', makeRun(1));
    const before = fs.readFileSync(file);
    for (const n of ['Main', 'MAIN', 'mAiN']) {
      const m = message(() => saveNamed(dir, 'baseline', n, makeRun(2)));
      expect(m).toMatch(/^E_BAD_NAME: Cannot save baseline "\w+": baseline "main" exists/);
      expect(m).toMatch(/case-insensitive checkouts \(macOS, Windows\)/);
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(listNamed(dir, 'baseline').map((e) => e.name)).toEqual(['main']);
    saveNamed(dir, 'baseline', 'main', makeRun(2)); // the same name replaces it
    saveNamed(dir, 'tag', 'Main', makeRun(2)); // tags are another directory
    expect(listNamed(dir, 'tag').map((e) => e.name)).toEqual(['Main']);
  });

  it('a reserved name stored before the rule can still be listed, read and removed, not saved', () => {
    for (const n of ['last', 'con']) {
      writeResult(path.join(storePaths(dir).baselines, `${n}.json`), makeRun(1));
      expect(loadNamed(dir, 'baseline', n)).toEqual(makeRun(1));
      expect(code(() => saveNamed(dir, 'baseline', n, makeRun(2)))).toBe('E_BAD_NAME');
    }
    expect(listNamed(dir, 'baseline').map((e) => e.name)).toEqual(['con', 'last']);
    removeNamed(dir, 'baseline', 'last');
    expect(listNamed(dir, 'baseline').map((e) => e.name)).toEqual(['con']);
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

  it('resolves a file, then a tag, then a baseline, then last', async () => {
    const resolveRef = (cwd: string, ref: string) => resolveStoredRef(new FileStore(cwd), cwd, ref);
    const a = makeRun(1, { tag: 'x' });
    const b = makeRun(2);
    saveNamed(dir, 'tag', 'x', a);
    saveNamed(dir, 'baseline', 'x', b);
    expect((await resolveRef(dir, 'x')).source).toBe('tag');
    saveNamed(dir, 'baseline', 'only', b);
    expect((await resolveRef(dir, 'only')).source).toBe('baseline');
    writeResult(path.join(dir, 'only'), a);
    expect((await resolveRef(dir, 'only')).source).toBe('file');
    saveLast(dir, b);
    expect((await resolveRef(dir, 'last')).source).toBe('last');
    try {
      await resolveRef(dir, 'nothing');
      throw new Error('no');
    } catch (e) {
      expect((e as CycleBenchError).code).toBe('E_NOT_FOUND');
      expect((e as Error).message).toMatch(/tags: x/);
      expect((e as Error).message).toMatch(/baselines: only, x/);
    }
  });
});
