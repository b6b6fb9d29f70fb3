/** The adapters' shared pieces and peer details that need no process of their own. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineName, UniqueNames } from '../../src/adapters/core/names.js';
import { resolveAdapterSampling, resultPath } from '../../src/adapters/core/options.js';
import { serially } from '../../src/adapters/core/queue.js';
import { recordRun } from '../../src/adapters/core/result-file.js';
import { moments } from '../../src/adapters/core/moments.js';
import { emptyRun } from '../../src/engine/environment.js';
import { QUICK_SAMPLING } from '../../src/engine/options.js';
import { roundDistinct } from '../../src/adapters/benny/summary.js';
import { formatOps } from '../../src/adapters/benny/output.js';
import { formatNumber } from '../../src/adapters/tinybench/table.js';
import { B } from '../../src/adapters/mitata/builder.js';
import { kindOf } from '../../src/adapters/mitata/kinds.js';
import type { BenchResult } from '../../src/result/types.js';

describe('names', () => {
  it('maps what the engine refuses and keeps the rest', () => {
    expect(engineName('a / b')).toBe('a \u2215 b');
    expect(engineName('two\nlines')).toBe('two lines');
    expect(engineName('  ')).toBe('anonymous');
    expect(engineName('Array.from($size)')).toBe('Array.from($size)');
  });

  it('numbers repeats in the order asked', () => {
    const u = new UniqueNames();
    expect(['x', 'y', 'x', 'x'].map((n) => u.take(n))).toEqual(['x', 'y', 'x (2)', 'x (3)']);
  });
});

describe('options', () => {
  it('takes the result path from the option, else the environment; false writes nothing', () => {
    expect(resultPath({ json: 'a.json' }, { CYCLEBENCH_JSON: 'b.json' })).toBe('a.json');
    expect(resultPath(undefined, { CYCLEBENCH_JSON: 'b.json' })).toBe('b.json');
    expect(resultPath({ json: false }, { CYCLEBENCH_JSON: 'b.json' })).toBeUndefined();
    expect(resultPath(undefined, {})).toBeUndefined();
  });

  it('layers sampling: mapped peer options, then the quick preset, then the user’s own', () => {
    expect(resolveAdapterSampling({ maxTimeMs: 5000, minSamples: 5 }, undefined, {})).toEqual({ maxTimeMs: 5000, minSamples: 5 });
    expect(resolveAdapterSampling({ maxTimeMs: 5000 }, undefined, { CYCLEBENCH_QUICK: '1' })).toEqual(QUICK_SAMPLING);
    expect(resolveAdapterSampling({ maxTimeMs: 5000 }, { sampling: { maxTimeMs: 7 } }, { CYCLEBENCH_QUICK: '1' }).maxTimeMs).toBe(7);
  });
});

describe('the run queue', () => {
  it('runs work one at a time in the order queued, whatever each takes or throws', async () => {
    const log: string[] = [];
    const job = (name: string, ms: number, fail = false) =>
      serially(async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([job('a', 30, true), job('b', 1), job('c', 10)]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });
});

describe('the result file', () => {
  it('accumulates every run of the process at one path, in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-adapters-'));
    try {
      const bench = (id: string): BenchResult => ({
        id,
        name: id,
        status: 'skipped',
        skipReason: 'test',
        kind: 'cpu',
        unit: 'ns',
        totalIterations: 0,
        stopReason: 'fixed',
        wallMs: 0,
        flags: {},
      });
      const file = join(dir, 'nested', 'r.json');
      recordRun(file, { ...emptyRun(), benchmarks: [bench('a')] });
      recordRun(file, { ...emptyRun(), benchmarks: [bench('b')] });
      expect(JSON.parse(readFileSync(file, 'utf8')).benchmarks.map((b: BenchResult) => b.id)).toEqual(['a', 'b']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('moments', () => {
  it('are the usual sample statistics with a t-based margin of error', () => {
    const m = moments([1, 2, 3, 4, 5]);
    expect(m.mean).toBe(3);
    expect(m.variance).toBe(2.5);
    expect(m.df).toBe(4);
    expect(m.critical).toBeCloseTo(2.776, 3);
    expect(m.moe).toBeCloseTo(2.776 * Math.sqrt(0.5), 3);
    expect(m.rme).toBeCloseTo((100 * m.moe) / 3, 9);
  });
});

describe('peer details', () => {
  it('mitata: range multiplies up to the end (kept), dense_range steps; points vary the first axis fastest', () => {
    const f = () => 1;
    expect(new B('r', f).range('n', 1, 1024)._args.n).toEqual([1, 8, 64, 512, 1024]);
    expect(new B('r', f).range('n', 2, 100, 10)._args.n).toEqual([2, 20, 100]);
    expect(new B('d', f).dense_range('n', 1, 10, 4)._args.n).toEqual([1, 5, 9, 10]);
    const b = new B('$a-$b', f).args({ a: [1, 2], b: ['x', 'y'] });
    expect(b.points().map((p) => b.nameAt(p))).toEqual(['1-x', '2-x', '1-y', '2-y']);
    expect(() => new B('bad', 42 as never)).toThrow(TypeError);
  });

  it('mitata: kinds are generator, function with a state parameter, or plain function', () => {
    expect(kindOf(function* () {})).toBe('yield');
    expect(kindOf(async function* () {})).toBe('yield');
    expect(kindOf((_state: unknown) => 1)).toBe('iter');
    expect(kindOf(async () => 1)).toBe('fn');
    expect(kindOf('no')).toBeUndefined();
  });

  it('benny: ops keep the decimals asked for, more only where cases would look equal', () => {
    expect(roundDistinct([1234.567, 99.4], 0)).toEqual([1235, 99]);
    expect(roundDistinct([100.04, 100.01], 0)).toEqual([100.04, 100.01]);
    expect(formatOps(213985744)).toBe('213 985 744');
    expect(formatOps(1234.5)).toBe('1 234.5');
  });

  it('tinybench: formatNumber aims at significant digits with a cap on decimals', () => {
    expect(formatNumber(123456.789)).toBe('123457');
    expect(formatNumber(12.3456)).toBe('12.35');
    expect(formatNumber(0.000123)).toBe('0.00');
    expect(formatNumber(1234.5678)).toBe('1234.6');
    expect(formatNumber(Infinity)).toBe('+∞');
  });
});
