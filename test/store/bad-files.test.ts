/**
 * Every bad result, baseline, tag and latest-run file tried: each read gives a CycleBenchError naming the
 * file (no stack frames in the message), and a save over it refuses and leaves it byte-for-byte
 * unchanged, with no temp file left. Structured cases are property-based (fast-check) with a fixed
 * seed, shown in the test names; FC_SEED=n tries another.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/result/types.js';
import {
  loadLast,
  loadNamed,
  MAX_RESULT_BYTES,
  namedFile,
  readResult,
  resultFromText,
  runResultProblems,
  saveLast,
  saveNamed,
  storePaths,
  writeResult,
} from '../../src/store/index.js';
import { main } from '../../src/cli/main.js';
import { captureIO, makeRun } from '../compare/fixtures.js';
import { errorOf, expectClearError, realRun, realText, tempDirs } from './helpers.js';

const SEED = Number(process.env.FC_SEED ?? 20251130);
const dir = tempDirs('cb-bad-');

/** The four ways a result file is stored, each read and saved through its own function. */
const KINDS = [
  {
    kind: 'result file',
    file: (d: string) => path.join(d, 'out', 'r.json'),
    read: (d: string) => readResult(path.join(d, 'out', 'r.json')),
    save: (d: string, r: RunResult) => writeResult(path.join(d, 'out', 'r.json'), r),
  },
  {
    kind: 'baseline',
    file: (d: string) => namedFile(d, 'baseline', 'main'),
    read: (d: string) => loadNamed(d, 'baseline', 'main'),
    save: (d: string, r: RunResult) => saveNamed(d, 'baseline', 'main', r),
  },
  {
    kind: 'tag',
    file: (d: string) => namedFile(d, 'tag', 'before'),
    read: (d: string) => loadNamed(d, 'tag', 'before'),
    save: (d: string, r: RunResult) => saveNamed(d, 'tag', 'before', r),
  },
  {
    kind: 'latest run',
    file: (d: string) => storePaths(d).last,
    read: (d: string) => loadLast(d),
    save: (d: string, r: RunResult) => saveLast(d, r),
  },
];

/** Puts `bytes` at `file` as a new file (rewriting a truncated one makes ext4 flush it on close: 5 ms each). */
function place(file: string, bytes: Buffer | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, bytes);
}

/** A save over `file` refuses with a clear error and leaves it, and its directory, as they were. */
function expectSaveRefused(save: () => unknown, file: string, codes?: string[]): void {
  const before = fs.readFileSync(file);
  const listing = fs.readdirSync(path.dirname(file)).sort();
  expectClearError(save, file, codes);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(listing);
}

const withReal = (edit: (text: string) => string) => () => edit(realText());
const BAD: [string, () => Buffer | string, RegExp, string?][] = [
  ['empty', () => '', /it is empty/],
  ['only whitespace', () => '  \n\n', /it is empty/],
  ['cut in half', withReal((t) => t.slice(0, t.length / 2)), /it looks truncated/],
  ['cut inside a string', withReal((t) => t.slice(0, t.indexOf('"cyclebench"') + 4)), /it looks truncated/],
  ['not JSON', () => 'hello, world\n', /it is not valid JSON/],
  ['NUL bytes', () => Buffer.alloc(4096), /binary data \(NUL bytes\)/],
  ['a NaN literal', withReal((t) => t.replace(/"median": [0-9.e+-]+/, '"median": NaN')), /it is not valid JSON/],
  ['an Infinity literal', withReal((t) => t.replace(/"median": [0-9.e+-]+/, '"median": Infinity')), /it is not valid JSON/],
  [
    '1e999 (parses to Infinity)',
    withReal((t) => t.replace(/"median": [0-9.e+-]+/, '"median": 1e999')),
    /benchmarks\[0\]\.stats\.median: expected a finite number, got Infinity/,
  ],
  [
    '-1e999 in samples',
    withReal((t) => t.replace(/"samples": \[\n(\s+)[0-9.e+-]+/, '"samples": [\n$1-1e999')),
    /benchmarks\[0\]\.samples\[0\]: expected a finite number, got -Infinity/,
  ],
  ['a JSON array', () => '[]', /\$: expected an object, got an array of 0/],
  ['a JSON string', () => '"result"', /\$: expected an object/],
  ['null', () => 'null', /\$: expected an object, got null/],
  ['an empty object', () => '{}', /schemaVersion: expected 1, got nothing \(missing\)/],
  ['a config file', () => '{"noise": 0.05, "alpha": 0.05}', /schemaVersion: expected 1/],
  ['a history line', () => '{"v":1,"time":"2025-01-01T00:00:00Z","benchmarks":[]}', /schemaVersion: expected 1/],
  ['a UTF-8 BOM', withReal((t) => `\ufeff${t}`), /it is not valid JSON/],
  [
    'a string median',
    withReal((t) => t.replace(/"median": [0-9.e+-]+/, '"median": "fast"')),
    /benchmarks\[0\]\.stats\.median: expected a number, got the string "fast"/,
  ],
  [
    'format version 2',
    withReal((t) => t.replace('"schemaVersion": 1', '"schemaVersion": 2')),
    /uses result format version 2, newer than this cyclebench understands \(version 1\)\. Upgrade cyclebench/,
    'E_NEWER_FORMAT',
  ],
  ['format version 1e9', () => '{"schemaVersion": 1e9}', /version 1000000000, newer/, 'E_NEWER_FORMAT'],
];

describe.each(KINDS)('a bad $kind', ({ file, read, save }) => {
  it.each(BAD)('%s: a clear error naming it; a save over it refuses and changes nothing', (_, bytes, message, code = 'E_CORRUPT_FILE') => {
    const f = file(dir());
    place(f, bytes());
    expect(expectClearError(() => read(dir()), f, [code]).message).toMatch(message);
    expectSaveRefused(() => save(dir(), makeRun(2)), f, [code]);
  });

  it('a directory where the file should be', () => {
    const f = file(dir());
    fs.mkdirSync(f, { recursive: true });
    fs.writeFileSync(path.join(f, 'inside'), 'x');
    expect(expectClearError(() => read(dir()), f).message).toMatch(/it is a directory/);
    expectClearError(() => save(dir(), makeRun(2)), f);
    expect(fs.readdirSync(f)).toEqual(['inside']);
  });

  it('a file where its directory should be (ENOTDIR)', () => {
    const f = file(dir());
    const parent = path.dirname(f);
    fs.mkdirSync(path.dirname(parent), { recursive: true });
    fs.writeFileSync(parent, 'x');
    expect(expectClearError(() => read(dir()), f).message).toMatch(/a directory on its path is a file/);
    expectClearError(() => save(dir(), makeRun(2)), f);
    expect(fs.readFileSync(parent, 'utf8')).toBe('x');
  });

  it('a symbolic link to itself (ELOOP)', () => {
    const f = file(dir());
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.symlinkSync(f, f);
    expect(expectClearError(() => read(dir()), f).message).toMatch(/ELOOP/);
    expectClearError(() => save(dir(), makeRun(2)), f);
    expect(fs.readlinkSync(f)).toBe(f);
  });

  let hasMkfifo = true;
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
  } catch {
    hasMkfifo = false;
  }
  it.skipIf(!hasMkfifo)('a FIFO (would block a reader forever): refused without opening it', () => {
    const f = file(dir());
    fs.mkdirSync(path.dirname(f), { recursive: true });
    execFileSync('mkfifo', [f]);
    expect(expectClearError(() => read(dir()), f).message).toMatch(/not a regular file/);
    expectClearError(() => save(dir(), makeRun(2)), f);
    expect(fs.statSync(f).isFIFO()).toBe(true);
  });
  if (!hasMkfifo) console.log('skipped the FIFO case: no mkfifo command here');
});

describe('a real result truncated', () => {
  const text = realText();
  it(`at every one of its ${text.length} byte offsets: "looks truncated" (or "empty"), naming the file`, () => {
    // The text path of readResult (resultFromText) at every offset; the file path at every 101st below.
    const f = path.join(dir(), 'r.json');
    const wrong: string[] = [];
    for (let k = 0; k < text.length - 1; k++) {
      const e = errorOf(() => resultFromText(text.slice(0, k), f));
      const ok = e.code === 'E_CORRUPT_FILE' && e.message.includes(f) && (k === 0 ? /it is empty/ : /it looks truncated/).test(e.message);
      if (!ok && wrong.length < 5) wrong.push(`${k}: ${e.code} ${e.message}`);
    }
    expect(wrong).toEqual([]);
    place(f, text.slice(0, text.length - 1)); // only the final newline gone: still whole
    expect(readResult(f)).toEqual(realRun());
  });

  it('at every 101st offset, as a baseline file: read refused, a save over it refused, the file unchanged', () => {
    const f = namedFile(dir(), 'baseline', 'main');
    for (let k = 0; k < text.length - 1; k += 101) {
      place(f, text.slice(0, k));
      expectClearError(() => loadNamed(dir(), 'baseline', 'main'), f);
      expectSaveRefused(() => saveNamed(dir(), 'baseline', 'main', makeRun(2)), f);
    }
  });
});

describe('property-based (fast-check)', () => {
  const text = realText();
  const bytes = Buffer.from(text);

  it(`random byte flips: read or a clear error; a refused save changes nothing (seed ${SEED})`, () => {
    const f = namedFile(dir(), 'tag', 'flip');
    const flips = fc.array(fc.record({ at: fc.nat({ max: bytes.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(flips, (changes) => {
        const b = Buffer.from(bytes);
        for (const c of changes) b[c.at] = c.value;
        place(f, b);
        let run: RunResult | undefined;
        try {
          run = loadNamed(dir(), 'tag', 'flip');
        } catch {
          expect(expectClearError(() => loadNamed(dir(), 'tag', 'flip'), f, ['E_CORRUPT_FILE', 'E_NEWER_FORMAT'])).toBeTruthy();
          expectSaveRefused(() => saveNamed(dir(), 'tag', 'flip', makeRun(2)), f, ['E_CORRUPT_FILE', 'E_NEWER_FORMAT']);
          return;
        }
        expect(runResultProblems(run)).toEqual([]); // a flip that kept it valid (a digit for a digit)
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it(`any JSON value as the whole file: a clear error (seed ${SEED})`, () => {
    const f = path.join(dir(), 'any.json');
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        place(f, JSON.stringify(v) ?? '');
        expectClearError(() => readResult(f), f, ['E_CORRUPT_FILE', 'E_NEWER_FORMAT']);
        expectSaveRefused(() => writeResult(f, makeRun(2)), f, ['E_CORRUPT_FILE', 'E_NEWER_FORMAT']);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  /** Every path in a value, as key lists. */
  const paths = (v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) => {
    if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) {
        paths(x, [...at, Array.isArray(v) ? Number(k) : k], out);
        out.push([...at, Array.isArray(v) ? Number(k) : k]);
      }
    return out;
  };
  const jsonPathOf = (keys: (string | number)[]) =>
    keys
      .map((k, i) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? (i ? `.${k}` : k) : `[${JSON.stringify(k)}]`))
      .join('');

  it(`one node of a real result replaced by any JSON value: valid and read back as it is, or refused at that node or its parent (seed ${SEED})`, () => {
    const real = realRun();
    const all = paths(real);
    const f = path.join(dir(), 'm.json');
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.jsonValue({ maxDepth: 2 }), (keys, value) => {
        const r = JSON.parse(text);
        let o = r;
        for (const k of keys.slice(0, -1)) o = o[k];
        o[keys[keys.length - 1]] = value;
        place(f, JSON.stringify(r));
        const problems = runResultProblems(r);
        const newer = typeof r.schemaVersion === 'number' && r.schemaVersion > 1;
        if (!newer && problems.length === 0) {
          expect(readResult(f)).toEqual(r);
          return;
        }
        const e = expectClearError(() => readResult(f), f, ['E_CORRUPT_FILE', 'E_NEWER_FORMAT']);
        if (!newer) {
          const here = jsonPathOf(keys);
          const parent = jsonPathOf(keys.slice(0, -1));
          const near = problems.some((p) => p.path.startsWith(here) || (parent === '' ? true : p.path.startsWith(parent)));
          expect(near, `${here}: ${JSON.stringify(problems)}`).toBe(true);
          expect(e.message).toContain(problems[0].path);
        }
        expectSaveRefused(() => writeResult(f, makeRun(2)), f, ['E_CORRUPT_FILE', 'E_NEWER_FORMAT']);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('numbers JSON cannot carry, and huge ones', () => {
  const cases: [string, (r: any) => void, string][] = [
    ['NaN in a statistic', (r) => (r.benchmarks[0].stats.cv = NaN), 'benchmarks[0].stats.cv'],
    ['Infinity in samples', (r) => (r.benchmarks[1].samples[4] = Infinity), 'benchmarks[1].samples[4]'],
    ['-Infinity in a free-form gpu field', (r) => (r.benchmarks[2].gpu = { clocks: { sm: -Infinity } }), 'benchmarks[2].gpu.clocks.sm'],
    ['NaN in a group ratio', (r) => (r.groups[0].entries[0].ratio = NaN), 'groups[0].entries[0].ratio'],
    ['a BigInt', (r) => (r.benchmarks[0].totalIterations = 10n), 'benchmarks[0].totalIterations'],
  ];
  it.each(cases)('writeResult refuses %s naming the path, and writes nothing', (_, edit, where) => {
    const f = path.join(dir(), 'w.json');
    const r = realRun() as any;
    edit(r);
    const e = errorOf(() => writeResult(f, r));
    expect(e.code).toBe('E_CORRUPT_FILE');
    expect(e.message).toContain(`the result to be written to ${f}`);
    expect(e.message).toMatch(new RegExp(`${where.replace(/[[\].]/g, '\\$&')}: expected a finite number`));
    expect(fs.readdirSync(dir())).toEqual([]);
  });

  it('writeResult refuses a result of a newer format and a cyclic one, and writes nothing', () => {
    const f = path.join(dir(), 'w.json');
    expect(errorOf(() => writeResult(f, { ...realRun(), schemaVersion: 2 } as never)).code).toBe('E_NEWER_FORMAT');
    const cyclic = realRun() as any;
    cyclic.benchmarks[0].gpu = { self: cyclic };
    expect(errorOf(() => writeResult(f, cyclic)).message).toMatch(/cannot be written as JSON: .*circular/);
    expect(fs.readdirSync(dir())).toEqual([]);
  });

  it('1e308 and 5e-324 are valid numbers: read back exactly', () => {
    const r = realRun() as any;
    r.benchmarks[0].stats.max = 1e308;
    r.benchmarks[0].samples[0] = 1.7976931348623157e308;
    r.benchmarks[0].stats.min = -1e308;
    r.benchmarks[1].stats.mad = 5e-324;
    const f = path.join(dir(), 'huge.json');
    writeResult(f, r);
    expect(readResult(f)).toEqual(r);
  });
});

describe('size', () => {
  it(`a 200 MB file (sparse, NUL bytes) is read and refused as binary; one over ${MAX_RESULT_BYTES / 2 ** 20} MiB is refused from its size alone`, () => {
    const f = path.join(dir(), 'big.json');
    fs.writeFileSync(f, '');
    fs.truncateSync(f, 200e6);
    expect(expectClearError(() => readResult(f), f).message).toMatch(/binary data/);
    fs.truncateSync(f, MAX_RESULT_BYTES + 1);
    expect(expectClearError(() => readResult(f), f).message).toMatch(/it is 268435457 bytes, over the limit of 268435456 \(256 MiB;/);
    const before = fs.statSync(f);
    expectClearError(() => writeResult(f, makeRun(2)), f);
    expect(fs.statSync(f)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs, ino: before.ino });
    expect(fs.readdirSync(dir())).toEqual(['big.json']);
  });
});

describe('through the CLI: the message, the code, exit 4, no stack trace', () => {
  const cli = async (args: string[]) => {
    const c = captureIO(dir(), { NO_COLOR: '1' });
    const code = await main(args, c.io);
    return { code, err: c.stderr(), out: c.stdout() };
  };

  it.each([
    ['corrupt', (f: string) => place(f, '{"schemaVersion": 1, "tool": {'), /looks truncated.*\[E_CORRUPT_FILE\]/s],
    ['a directory', (f: string) => fs.mkdirSync(f), /it is a directory.*\[E_CORRUPT_FILE\]/s],
    ['newer', (f: string) => place(f, '{"schemaVersion": 3}'), /version 3, newer.*Upgrade cyclebench.*\[E_NEWER_FORMAT\]/s],
    ['too large', (f: string) => (place(f, ''), fs.truncateSync(f, MAX_RESULT_BYTES + 1)), /over the limit.*\[E_CORRUPT_FILE\]/s],
  ])('%s: report, compare and baseline save --from refuse it', async (_, make, message) => {
    const good = path.join(dir(), 'good.json');
    writeResult(good, realRun());
    const f = path.join(dir(), 'bad.json');
    make(f);
    for (const args of [
      ['report', f, '--format', 'json'],
      ['compare', good, f],
      ['baseline', 'save', 'main', '--from', f],
    ]) {
      const r = await cli(args);
      expect(r.code, r.err).toBe(4);
      expect(r.err).toContain(f);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at |unexpected error/);
    }
  });

  it('a corrupt baseline: run-less save over it refuses, exit 4, unchanged', async () => {
    const good = path.join(dir(), 'good.json');
    writeResult(good, realRun());
    const f = namedFile(dir(), 'baseline', 'main');
    place(f, '{"schemaVersion": 1, "tool": {"na');
    const r = await cli(['baseline', 'save', 'main', '--from', good]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/looks truncated/);
    expect(fs.readFileSync(f, 'utf8')).toBe('{"schemaVersion": 1, "tool": {"na');
  });

  it('huge numbers (1e308) do not crash report or compare', async () => {
    const r = realRun() as any;
    for (const b of r.benchmarks.filter((x: any) => x.stats)) {
      for (const k of ['mean', 'median', 'p50', 'p75', 'p90', 'p95', 'p99', 'p999', 'max', 'stddev']) b.stats[k] = 1e308;
      b.stats.medianCI.hi = 1e308;
      b.samples = b.samples.map(() => 1e308);
    }
    const f = path.join(dir(), 'huge.json');
    writeResult(f, r);
    const good = path.join(dir(), 'good.json');
    writeResult(good, realRun());
    for (const args of [
      ...['console', 'markdown', 'json', 'csv'].map((fmt) => ['report', f, '--format', fmt]),
      ['compare', good, f],
      ['compare', f, good],
    ]) {
      const out = await cli(args);
      expect(out.err, args.join(' ')).not.toMatch(/\n\s+at |unexpected error/);
      expect([0, 1, 2, 3, 5], `${args.join(' ')}: ${out.err}`).toContain(out.code); // 5: 'broken' errored in the run
    }
  });
});
