/**
 * readHistory on any content (fast-check, fixed seed in the test names; FC_SEED=n tries another):
 * it never throws, every line that is whole is read, and every other non-blank line is reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendHistory, historyEntry, readHistory, storePaths, type HistoryEntry } from '../../src/store/index.js';
import { makeRun } from '../compare/fixtures.js';
import { tempDirs } from './helpers.js';

const SEED = Number(process.env.FC_SEED ?? 20251130);
const dir = tempDirs('cb-hfuzz-');
const ENTRIES: HistoryEntry[] = [1, 2, 3, 4, 5].map((i) => historyEntry(makeRun(i, { n: 5, tag: `t${i}` })));
const LINES = ENTRIES.map((e) => JSON.stringify(e));

function put(bytes: Buffer): string {
  const file = storePaths(dir()).history;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, bytes);
  return file;
}

/** Which lines of `bytes` are byte-for-byte one of LINES (whole), which are blank, and how many lines. */
function oracle(bytes: Buffer): { whole: HistoryEntry[]; blank: number; lines: number } {
  const parts = bytes.toString('latin1').split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  const whole: HistoryEntry[] = [];
  let blank = 0;
  for (const p of parts) {
    const i = LINES.indexOf(p);
    if (i >= 0) whole.push(ENTRIES[i]);
    else if (Buffer.from(p, 'latin1').toString('utf8').trim() === '') blank++;
  }
  return { whole, blank, lines: parts.length };
}

/** readHistory keeps every whole line in order and accounts for every line. */
function check(bytes: Buffer): ReturnType<typeof readHistory> {
  put(bytes);
  const h = readHistory(dir()); // must not throw
  const o = oracle(bytes);
  expect(h.entries.filter((e) => LINES.includes(JSON.stringify(e)))).toEqual(o.whole);
  expect(h.entries.length + h.problems.length + o.blank).toBe(o.lines);
  return h;
}

const garbage = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'undefined')),
  fc.constantFrom(...LINES).map((l) => Buffer.from(l.slice(0, l.length >> 1))), // a torn line
);
const segment = fc.oneof(
  fc.constantFrom(...LINES).map((l) => Buffer.from(l)),
  garbage,
);

describe('readHistory on any content', () => {
  it(`whole lines mixed with random bytes, strings, JSON and torn lines (seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 12 }), fc.boolean(), (segs, finalNewline) => {
        const parts: Buffer[] = [];
        segs.forEach((s, i) => parts.push(...(i ? [Buffer.from('\n'), s] : [s])));
        if (finalNewline && segs.length) parts.push(Buffer.from('\n'));
        check(Buffer.concat(parts));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it(`random byte flips in a real history file: the untouched lines are all read (seed ${SEED})`, () => {
    const real = Buffer.from(`${LINES.join('\n')}\n`);
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat({ max: real.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        (flips) => {
          const b = Buffer.from(real);
          for (const f of flips) b[f.at] = f.value;
          check(b);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('two lines truncated at every byte offset: the lines before the cut are read, at most the cut one is reported', () => {
    const real = Buffer.from(`${LINES.slice(0, 2).join('\n')}\n`);
    for (let k = 0; k <= real.length; k++) {
      const h = check(real.subarray(0, k));
      expect(h.problems.length).toBeLessThanOrEqual(1);
      if (h.problems.length) expect(h.problems[0].reason).toMatch(/^torn/);
    }
  });

  it(`an append after any content starts on a line of its own and keeps every whole line (seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segs) => {
        const before = Buffer.concat(segs.flatMap((s, i) => (i ? [Buffer.from('\n'), s] : [s])));
        put(before);
        appendHistory(dir(), ENTRIES[4]);
        const h = readHistory(dir());
        expect(h.entries.at(-1)).toEqual(ENTRIES[4]);
        const wholeBefore = oracle(before).whole.length;
        expect(h.entries.filter((e) => LINES.includes(JSON.stringify(e))).length).toBe(wholeBefore + 1);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('history files that cannot be used', () => {
  it('a directory: read and append give E_CORRUPT_FILE naming it', () => {
    const file = storePaths(dir()).history;
    fs.mkdirSync(file, { recursive: true });
    for (const fn of [() => readHistory(dir()), () => appendHistory(dir(), ENTRIES[0])]) {
      expect(fn).toThrow(
        expect.objectContaining({
          code: 'E_CORRUPT_FILE',
          message: expect.stringContaining(`${file} cannot be used as cyclebench history: it is a directory`),
        }),
      );
    }
  });

  it('a line over 64 MiB (a sparse file of NUL bytes) is reported, the line after it read', () => {
    const file = put(Buffer.alloc(0));
    fs.truncateSync(file, 65 * 2 ** 20);
    fs.appendFileSync(file, `\n${LINES[0]}\n`);
    const h = readHistory(dir());
    expect(h.problems).toEqual([{ line: 1, reason: 'longer than 64 MiB' }]);
    expect(h.entries).toEqual([ENTRIES[0]]);
  });

  it('an entry with a non-finite number is refused before anything is written', () => {
    const bad = { ...ENTRIES[0], benchmarks: [{ ...ENTRIES[0].benchmarks[0], median: NaN }] };
    expect(() => appendHistory(dir(), bad)).toThrow(/benchmarks\[0\]\.median: expected a finite number, got NaN/);
    expect(fs.existsSync(storePaths(dir()).history)).toBe(false);
  });
});
