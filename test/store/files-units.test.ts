/**
 * The bad-file rules of src/store/files.ts one at a time, in this process and fast: why text is not
 * JSON (empty, binary, cut short, invalid) and how the parser's detail is kept printable, which errors
 * say a path cannot be used, the exact messages of `unusable`, `statRegularFile` and `readTextFile`,
 * what `checkedText` refuses, paths `writeResult` cannot read, and the temp files and descriptors of
 * `writeFileAtomic`. Written to kill the mutants that bad-files.test.ts and history-fuzz.test.ts (too
 * slow for Stryker) would kill, and those left over (docs/testing.md, mutation testing).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CycleBenchError } from '../../src/errors.js';
import {
  checkedText,
  isPathProblem,
  parseJsonFile,
  readResult,
  readTextFile,
  serializeResult,
  statRegularFile,
  unusable,
  writeFileAtomic,
  writeResult,
} from '../../src/store/files.js';
import { makeRun } from '../compare/fixtures.js';
import { errorOf, tempDirs } from './helpers.js';

const dir = tempDirs('cb-files-units-');
afterEach(() => vi.restoreAllMocks());

/** A pid no process has (above Linux's pid_max). */
const DEAD = 2 ** 22 + 12345;
const errno = (code: string, message = `${code}: made up for the test`): NodeJS.ErrnoException =>
  Object.assign(new Error(message), { code });
/** The error `fn` throws, whatever it is. */
const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, none was thrown');
};
const jsonError = (text: string): SyntaxError => thrown(() => JSON.parse(text)) as SyntaxError;
/** Control characters written as \uXXXX, as the messages show them. */
const printable = (s: string): string => s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const corrupt = (file: string, why: string, detail: string): string =>
  `${file} cannot be read as a cyclebench result: ${why} (${printable(detail)}). The file was not changed. Delete it or replace it with a fresh run.`;
const cannotUse = (file: string, why: string, what = 'a cyclebench result'): string =>
  `${file} cannot be used as ${what}: ${why}. The file was not changed.`;

describe('parseJsonFile says why text is not JSON', () => {
  it.each([
    ['nothing', '', 'it is empty'],
    ['only white space', ' \n\t ', 'it is empty'],
    ['a NUL byte', '{"a": 1}\0', 'it holds binary data (NUL bytes), not JSON'],
    ['an open object', '[1,', 'it looks truncated'],
    ['an open string holding a brace', '{"a": "}', 'it looks truncated'],
    ['an open string ending in an escaped quote', '{"a": "\\"}', 'it looks truncated'],
    ['two values', '1 2', 'it is not valid JSON'],
    ['closed brackets, then junk', '{"a":[]} x', 'it is not valid JSON'],
    ['a brace inside a closed string', '{"a": "{"} x', 'it is not valid JSON'],
    ['a closed string of two letters', '["ab"] x', 'it is not valid JSON'],
  ])('%s: %j', (_, text, why) => {
    const e = errorOf(() => parseJsonFile(text, '/store/r.json'));
    expect(e).toEqual({ code: 'E_CORRUPT_FILE', message: corrupt('/store/r.json', why, jsonError(text).message) });
  });

  it("keeps control characters of the parser's detail out of the message, and the parser's error as its cause", () => {
    const text = 'x\u0001';
    const parsed = jsonError(text);
    expect(parsed.message).toContain('\u0001'); // V8 quotes the text, control character and all
    const e = thrown(() => parseJsonFile(text, 'ctl.json')) as CycleBenchError;
    expect(e.message).toBe(corrupt('ctl.json', 'it is not valid JSON', parsed.message));
    expect(e.message).toContain('"x\\u0001"');
    expect(e.message).not.toMatch(/[\u0000-\u001f]/);
    expect(e.cause).toBeInstanceOf(SyntaxError);
    expect((e.cause as Error).message).toBe(parsed.message);
  });

  it('returns the parsed value of valid JSON', () => {
    expect(parseJsonFile(' {"a": [1, "}"]} ', 'ok.json')).toEqual({ a: [1, '}'] });
  });
});

describe('isPathProblem: errors that say a path cannot be used as a file', () => {
  it.each(['EISDIR', 'ENOTDIR', 'EACCES', 'EPERM', 'ELOOP', 'ENAMETOOLONG'])('%s is one', (code) => {
    expect(isPathProblem(errno(code))).toBe(true);
  });

  it('a full disk, an I/O error, a missing file, an error without a code and a CycleBenchError are not', () => {
    for (const code of ['ENOSPC', 'EIO', 'ENOENT']) expect(isPathProblem(errno(code))).toBe(false);
    expect(isPathProblem(new Error('no code'))).toBe(false);
    expect(isPathProblem(new CycleBenchError('E_CORRUPT_FILE', 'x'))).toBe(false);
  });
});

describe('unusable: the error for a path that cannot be read', () => {
  it('a missing file is E_NOT_FOUND, with the error as its cause', () => {
    const err = errno('ENOENT');
    const e = unusable('/store/gone.json', err);
    expect([e.code, e.message]).toEqual(['E_NOT_FOUND', '/store/gone.json does not exist.']);
    expect(e.cause).toBe(err);
  });

  it.each([
    ['EISDIR', 'it is a directory'],
    ['ENOTDIR', 'a directory on its path is a file'],
    ['EACCES', 'permission denied (EACCES)'],
    ['EPERM', 'permission denied (EPERM)'],
    ['ELOOP', 'ELOOP: made up for the test'],
  ])('%s is E_CORRUPT_FILE saying %j, with the error as its cause', (code, why) => {
    const err = errno(code);
    const e = unusable('/store/r.json', err);
    expect([e.code, e.message]).toEqual(['E_CORRUPT_FILE', cannotUse('/store/r.json', why)]);
    expect(e.cause).toBe(err);
  });

  it('names what the file was meant to be', () => {
    expect(unusable('h.jsonl', errno('EISDIR'), 'cyclebench history').message).toBe(
      cannotUse('h.jsonl', 'it is a directory', 'cyclebench history'),
    );
  });
});

describe('statRegularFile and readTextFile: only a regular file within the size limit is read', () => {
  it('a directory and a device are refused by their kind', () => {
    expect(errorOf(() => statRegularFile(dir()))).toEqual({ code: 'E_CORRUPT_FILE', message: cannotUse(dir(), 'it is a directory') });
    expect(errorOf(() => statRegularFile('/dev/null', 'a baseline'))).toEqual({
      code: 'E_CORRUPT_FILE',
      message: cannotUse('/dev/null', 'it is not a regular file', 'a baseline'),
    });
  });

  it('a regular file gives its stats', () => {
    const file = path.join(dir(), 'r.json');
    fs.writeFileSync(file, '12345');
    expect(statRegularFile(file).size).toBe(5);
  });

  it('a file over maxBytes is refused from its size, naming the file, the size and the limit', () => {
    const file = path.join(dir(), 'big.json');
    fs.writeFileSync(file, 'x'.repeat(1025));
    const limit = `it is 1025 bytes, over the limit of 1024 (0.0009765625 MiB; a result of 100 benchmarks x 10,000 samples is about 40 MiB)`;
    expect(errorOf(() => readTextFile(file, 1024))).toEqual({ code: 'E_CORRUPT_FILE', message: cannotUse(file, limit) });
    expect(errorOf(() => readTextFile(file, 1024, 'cyclebench history')).message).toBe(cannotUse(file, limit, 'cyclebench history'));
    expect(fs.readFileSync(file, 'utf8')).toBe('x'.repeat(1025));
  });

  it('a file of exactly maxBytes is read whole', () => {
    const file = path.join(dir(), 'edge.json');
    fs.writeFileSync(file, 'é'.repeat(512)); // 1024 bytes
    expect(readTextFile(file, 1024)).toBe('é'.repeat(512));
  });

  it('a read that fails after the stat says why, naming the file', () => {
    const file = path.join(dir(), 'r.json');
    fs.writeFileSync(file, '{}');
    vi.spyOn(fs, 'readFileSync').mockImplementationOnce(() => {
      throw errno('EACCES');
    });
    expect(errorOf(() => readTextFile(file, 1024, 'cyclebench history'))).toEqual({
      code: 'E_CORRUPT_FILE',
      message: cannotUse(file, 'permission denied (EACCES)', 'cyclebench history'),
    });
  });

  it('readResult: a missing file is E_NOT_FOUND; a directory on the path or a symlink loop is E_CORRUPT_FILE saying so', () => {
    const missing = path.join(dir(), 'missing.json');
    expect(errorOf(() => readResult(missing))).toEqual({ code: 'E_NOT_FOUND', message: `${missing} does not exist.` });
    fs.writeFileSync(path.join(dir(), 'plain'), 'x');
    const under = path.join(dir(), 'plain', 'r.json');
    expect(errorOf(() => readResult(under))).toEqual({
      code: 'E_CORRUPT_FILE',
      message: cannotUse(under, 'a directory on its path is a file'),
    });
    const loop = path.join(dir(), 'loop.json');
    fs.symlinkSync('loop.json', loop);
    const why = (thrown(() => fs.statSync(loop)) as Error).message;
    expect(errorOf(() => readResult(loop))).toEqual({ code: 'E_CORRUPT_FILE', message: cannotUse(loop, why) });
  });
});

describe('checkedText: what is written must be JSON that reads back as a result', () => {
  it('returns the serialised text of a valid result', () => {
    expect(checkedText(makeRun(1), 'r.json')).toBe(serializeResult(makeRun(1)));
  });

  it('a NaN is refused as such (JSON would write it as null), naming where the result was going', () => {
    const run = makeRun(1);
    run.benchmarks[0].stats!.median = NaN;
    expect(errorOf(() => checkedText(run, '/store/r.json'))).toEqual({
      code: 'E_CORRUPT_FILE',
      message:
        'the result to be written to /store/r.json is not a valid cyclebench result:\n' +
        '  benchmarks[0].stats.median: expected a finite number, got NaN (not a finite number)\n' +
        'Nothing was written.',
    });
  });

  it('a cyclic result cannot be written as JSON: E_CORRUPT_FILE with the serialiser error as its cause', () => {
    const run = makeRun(1);
    const env = run.environment as unknown as Record<string, unknown>;
    env.self = env;
    const why = (thrown(() => JSON.stringify(run)) as Error).message;
    const e = thrown(() => checkedText(run, '/store/r.json')) as CycleBenchError;
    expect([e.code, e.message]).toEqual([
      'E_CORRUPT_FILE',
      `the result to be written to /store/r.json cannot be written as JSON: ${why}. Nothing was written.`,
    ]);
    expect(e.cause).toBeInstanceOf(TypeError);
  });
});

describe('writeResult over a path it cannot read refuses and changes nothing', () => {
  it('a symlink loop is kept as it is', () => {
    const loop = path.join(dir(), 'loop.json');
    fs.symlinkSync('loop.json', loop);
    expect(errorOf(() => writeResult(loop, makeRun(1))).code).toBe('E_CORRUPT_FILE');
    expect(fs.lstatSync(loop).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(loop)).toBe('loop.json');
    expect(fs.readdirSync(dir())).toEqual(['loop.json']);
  });

  it('a file where a directory should be is kept as it is', () => {
    const plain = path.join(dir(), 'plain');
    fs.writeFileSync(plain, 'x');
    const file = path.join(plain, 'r.json');
    expect(errorOf(() => writeResult(file, makeRun(1)))).toEqual({
      code: 'E_CORRUPT_FILE',
      message: cannotUse(file, 'a directory on its path is a file'),
    });
    expect(fs.readFileSync(plain, 'utf8')).toBe('x');
  });
});

describe('writeFileAtomic: temp files and descriptors', () => {
  it("only names of the form .<file>.<pid>.<12 hex>.tmp are another writer's temp files", () => {
    const d = dir();
    const dead = `.r.json.${DEAD}.0123456789ab.tmp`;
    const prefixed = `x.r.json.${DEAD}.0123456789ab.tmp`;
    const suffixed = `.r.json.${DEAD}.0123456789ab.tmp.keep`;
    for (const n of [dead, prefixed, suffixed]) fs.writeFileSync(path.join(d, n), 'x');
    writeFileAtomic(path.join(d, 'r.json'), '{}');
    expect(fs.readdirSync(d).sort()).toEqual([prefixed, suffixed, 'r.json'].sort());
  });

  it("this process's temp files are kept even when no pid answers a signal", () => {
    const d = dir();
    const mine = `.r.json.${process.pid}.0123456789ab.tmp`;
    const dead = `.r.json.${DEAD}.0123456789ab.tmp`;
    for (const n of [mine, dead]) fs.writeFileSync(path.join(d, n), 'x');
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw errno('ESRCH');
    });
    writeFileAtomic(path.join(d, 'r.json'), '{}');
    vi.restoreAllMocks();
    expect(fs.readdirSync(d).sort()).toEqual([mine, 'r.json'].sort());
  });

  it('closes every descriptor it opens', () => {
    const opened: number[] = [];
    const closed: number[] = [];
    const open = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode | null) => {
      const fd = open(p, flags ?? 'r', mode);
      opened.push(fd);
      return fd;
    }) as typeof fs.openSync);
    const close = fs.closeSync;
    vi.spyOn(fs, 'closeSync').mockImplementation((fd: number) => {
      closed.push(fd);
      close(fd);
    });
    writeFileAtomic(path.join(dir(), 'r.json'), '{}');
    vi.restoreAllMocks();
    expect(opened).toHaveLength(2); // the temp file, then the directory
    expect(closed).toEqual(opened);
  });

  it('a directory that cannot be opened for its fsync, or listed for stale temps, does not fail the write', () => {
    const d = dir();
    const file = path.join(d, 'r.json');
    const open = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode | null) => {
      if (String(p) === d) throw errno('EACCES');
      return open(p, flags ?? 'r', mode);
    }) as typeof fs.openSync);
    vi.spyOn(fs, 'readdirSync').mockImplementationOnce(() => {
      throw errno('EACCES');
    });
    writeFileAtomic(file, 'new');
    vi.restoreAllMocks();
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(d)).toEqual(['r.json']);
  });
});
