import { beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadNative } from '../../src/native/load.js';
import { runUnderCallgrind, valgrindCapability, deterministicNodeFlags } from '../../src/counters/valgrind.js';
import { measureInstructions, underValgrind } from '../../src/counters/instructions.js';
import { CycleBenchError } from '../../src/errors.js';
import { requireAddon, requireCapability } from '../capability.js';

const child = fileURLToPath(new URL('./fixtures/instructions-child.mjs', import.meta.url));
const failing = fileURLToPath(new URL('./fixtures/fails.mjs', import.meta.url));
const native = loadNative();
const valgrind = valgrindCapability();
const ready = await requireAddon();
const skip = !ready || !requireCapability('valgrind', valgrind);

describe.skipIf(!ready)('measureInstructions outside valgrind', () => {
  it('runs the loop once, is not under valgrind, and closes its window even when the loop throws', () => {
    expect(underValgrind()).toBe(false);
    let calls = 0;
    measureInstructions('a', () => {
      calls++;
    });
    expect(calls).toBe(1);
    expect(() =>
      measureInstructions('b', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    // The window was closed in finally, so another one opens.
    measureInstructions('c', () => {
      calls++;
    });
    expect(calls).toBe(2);
    expect(() => measureInstructions('two\nlines', () => {})).toThrow(/single-line/);
    // The engine's loops take several arguments; they are passed through (at most eight).
    let got: unknown[] = [];
    const loop = (n: number, s: string, o: object) => {
      got = [n, s, o];
    };
    const o = {};
    measureInstructions('args', loop, 3, 'x', o);
    expect(got).toEqual([3, 'x', o]);
    expect(() => measureInstructions('many', (..._a: number[]) => {}, 1, 2, 3, 4, 5, 6, 7, 8, 9)).toThrow(/at most 8/);
  });
});

describe('valgrindCapability', () => {
  it('is available with a version and path, or says why not', () => {
    if (valgrind.available) {
      expect(valgrind.version).toMatch(/^valgrind-\d+\.\d+/);
      expect(valgrind.path).toBeTruthy();
    } else expect(valgrind.reason.length).toBeGreaterThan(0);
    expect(deterministicNodeFlags()).toContain('--single-threaded');
    expect(deterministicNodeFlags().join(' ')).not.toMatch(/--no-opt|--jitless|--no-turbofan/);
  });
});

describe.skipIf(skip)('instruction counts under callgrind', () => {
  const N = 2000;
  const K = 100_000;
  let stdout = '';
  const run = () => runUnderCallgrind({ script: child, args: [String(N), String(K)], onStdout: (chunk) => (stdout += chunk) });
  let a: Map<string, { Ir: number }>;
  let b: Map<string, { Ir: number }>;
  const ir = (label: string) => {
    const t = a.get(label);
    if (!t) throw new Error(`no dump for ${label}; got ${[...a.keys()].join(', ')}`);
    return t.Ir;
  };

  beforeAll(async () => {
    // Node under callgrind starts in ~4 s on an idle 2-core VM; two runs serve every test below.
    const t0 = Date.now();
    a = await run();
    b = await run();
    console.log(`two callgrind runs took ${Date.now() - t0} ms`);
  }, 240_000);

  it('runs the child under valgrind (RUNNING_ON_VALGRIND seen from inside)', () => {
    const last = JSON.parse(stdout.trim().split('\n').pop()!) as { runningOnValgrind: number };
    expect(last.runningOnValgrind).toBe(1);
  });

  it('gives identical counts run after run, for every window', () => {
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect(a.size).toBe(9);
    for (const [label, totals] of a) expect(b.get(label), label).toEqual(totals);
  });

  it('gives 5% more instructions for 5% more iterations, and subtraction matches the two-point slope', () => {
    const n105 = Math.round(N * 1.05);
    const net = (n: number) => ir(`real-${n}`) - ir(`empty-${n}`);
    const perIterN = net(N) / N;
    const ratio = net(n105) / net(N);
    // Slope of real minus slope of empty between N and 2N: the per-iteration body cost without
    // relying on the empty loop having the same fixed cost as the real one.
    const twoPoint = (ir(`real-${2 * N}`) - ir(`real-${N}`) - (ir(`empty-${2 * N}`) - ir(`empty-${N}`))) / N;
    console.log({ perIterN, perIter105: net(n105) / n105, twoPoint, ratio, emptyPerIter: ir(`empty-${N}`) / N });
    expect(Math.abs(ratio - 1.05)).toBeLessThan(0.0105);
    expect(Math.abs(perIterN / twoPoint - 1)).toBeLessThan(0.01);
  });

  // Only x86-64 has the hand-written loop of known count; elsewhere it is plain C++ and no exact count is claimed.
  it.skipIf(process.arch !== 'x64')(
    `counts a native loop of known instruction count exactly, window overhead included (the loop is x86-64 assembly; this is ${process.arch})`,
    () => {
      const per = native.addon!.knownLoopInstructionsPerIteration as number;
      expect(per).toBeGreaterThan(0);
      const one = ir(`known-${K}`);
      const two = ir(`known-${2 * K}`);
      const zero = ir('known-0');
      expect(two - one).toBe(per * K);
      // The window's fixed cost is the same in every window, so subtracting the empty call is exact.
      expect(one - zero).toBe(per * K);
    },
  );

  it("rejects with the child's stderr when the script fails", async () => {
    const err = await runUnderCallgrind({ script: failing, args: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CycleBenchError);
    expect((err as CycleBenchError).message).toMatch(/exited with status 3/);
    expect((err as CycleBenchError).message).toMatch(/deliberate failure/);
    // The dump folder is kept for inspection on failure; this failure was on purpose.
    const kept = /dumps kept in: (\S+)/.exec((err as CycleBenchError).message)?.[1];
    expect(kept).toBeTruthy();
    rmSync(kept!, { recursive: true, force: true });
  }, 120_000);
});
