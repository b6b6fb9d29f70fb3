import { describe, expect, it } from 'vitest';
import { Suite, doNotOptimize } from '../../src/index.js';
import { resolve } from 'node:path';
import { FAST, runHost } from './helpers.js';

function work(k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s = (s + i * 7) & 0xffff; // stays small: no int32 overflow, no deopt
  return s;
}

// Measurements against known truth (spinTicks) are in known-truth.test.ts.

describe('measurement', () => {
  it('orders workloads by their cost, roughly in proportion', async () => {
    // A multiply-add chain: each step waits ~4 cycles for the last, whatever the code's placement.
    // work() above (~2 cycles a step, front-end bound) measured twice the work at 1.31-2.76x across
    // fresh processes on Node 20-26; this chain at 1.93-2.10x in 50 (docs/tiering.md).
    const lcg = (k: number) => {
      let s = 1;
      for (let i = 0; i < k; i++) s = (Math.imul(s, 1103515245) + 12345) | 0;
      return s;
    };
    const s = new Suite();
    s.add('k1', () => doNotOptimize(lcg(2000)));
    s.add('k2', () => doNotOptimize(lcg(4000)));
    const r = await s.run({ quiet: true });
    const [a, b] = r.benchmarks.map((x) => x.stats!.median);
    expect(b / a).toBeGreaterThan(1.6);
    expect(b / a).toBeLessThan(2.5);
  });

  it('keeps raw and corrected figures and the overhead between them', async () => {
    const s = new Suite();
    s.add('w', () => doNotOptimize(work(500)));
    const r = (await s.run(FAST)).benchmarks[0];
    expect(r.status).toBe('ok');
    // The empty loop costs something per iteration (the call and the loop around it): never 0, so a
    // run that forgot to measure or subtract it shows here.
    expect(r.overhead!).toBeGreaterThan(0);
    expect(r.rawStats!.median).toBeGreaterThan(r.stats!.median);
    expect(r.rawStats!.median - r.stats!.median).toBeCloseTo(r.overhead!, 6);
    expect(r.samples).toHaveLength(r.stats!.n);
    expect(r.iterations).toHaveLength(r.stats!.n);
    expect(r.totalIterations).toBe(r.iterations!.reduce((x, y) => x + y, 0));
    // Iteration counts are jittered around the calibrated count.
    expect(new Set(r.iterations).size).toBeGreaterThan(1);
    for (const k of ['mean', 'median', 'p75', 'p90', 'p95', 'p99', 'p999', 'min', 'max', 'stddev', 'mad', 'cv'] as const)
      expect(Number.isFinite(r.stats![k])).toBe(true);
    expect(r.stats!.medianCI.lo).toBeLessThanOrEqual(r.stats!.median);
    expect(r.stats!.medianCI.hi).toBeGreaterThanOrEqual(r.stats!.median);
  });

  it('flags an empty body as probable dead code, and real work not', async () => {
    const s = new Suite();
    s.add('empty', () => {});
    s.add('real', () => doNotOptimize(work(3000)));
    // A budget that lets the proof finish on a busy machine (150 ms failed once on a loaded CI line);
    // a proven dead body stops early, so it costs time only when the proof is slow.
    const r = await s.run({ ...FAST, maxTimeMs: 2000 });
    expect(r.benchmarks[0].flags.deadCode).toBe(true);
    expect(r.benchmarks[1].flags.deadCode).toBeUndefined();
  });

  it('never times the per-sample setup', async () => {
    const s = new Suite();
    let setups = 0;
    // Real work (work(300): far above the empty loop, never flagged dead) far cheaper than the setup.
    s.add('cheap', (_args, state: number[]) => doNotOptimize(work(100 * state.length)), {
      setup: () => {
        setups++;
        const until = performance.now() + 1; // 1 ms of untimed setup per sample
        while (performance.now() < until);
        return [1, 2, 3];
      },
      samples: 15,
    });
    const r = (await s.run(FAST)).benchmarks[0];
    expect(setups).toBeGreaterThanOrEqual(15);
    expect(r.stats!.median).toBeLessThan(100_000); // far below the 1 ms setup
  });

  it('calls before/after once per argument point and passes arguments', async () => {
    const s = new Suite();
    const calls: string[] = [];
    const seen = new Set<number>();
    s.add('args', ({ n }) => seen.add(n as number), {
      args: { n: [1, 2, 3] },
      before: ({ n }) => calls.push(`before ${n}`),
      after: ({ n }) => calls.push(`after ${n}`),
      samples: 5,
    });
    const r = await s.run(FAST);
    expect(r.benchmarks.map((b) => b.id)).toEqual(['args[n=1]', 'args[n=2]', 'args[n=3]']);
    expect(calls).toEqual(['before 1', 'after 1', 'before 2', 'after 2', 'before 3', 'after 3']);
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('awaits async benchmarks one at a time', async () => {
    let active = 0;
    let maxActive = 0;
    const s = new Suite();
    s.add(
      'async',
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setImmediate(r));
        active--;
      },
      { samples: 10 },
    );
    const r = (await s.run(FAST)).benchmarks[0];
    expect(r.status).toBe('ok');
    expect(maxActive).toBe(1);
  });

  it('records a throwing benchmark and carries on', async () => {
    const s = new Suite();
    s.add('throws', () => {
      throw new TypeError('bad input');
    });
    s.add('rejects', async () => {
      throw new Error('async bad');
    });
    s.add('fine', () => doNotOptimize(work(100)));
    const r = await s.run(FAST);
    expect(r.benchmarks.map((b) => b.status)).toEqual(['error', 'error', 'ok']);
    expect(r.benchmarks[0].error).toMatchObject({ name: 'TypeError', message: 'bad input' });
    expect(r.benchmarks[1].error!.message).toBe('async bad');
    expect(r.benchmarks[0].stats).toBeUndefined();
  });

  it('times out a benchmark that never settles', async () => {
    const s = new Suite();
    s.add('hangs', () => new Promise(() => {}), { timeoutMs: 200 });
    s.add('after', () => doNotOptimize(work(100)));
    const r = await s.run(FAST);
    expect(r.benchmarks[0].status).toBe('error');
    // Its allowance: warm-up bounds (60 + 60 ms) and budget (150 ms), plus timeoutMs.
    expect(r.benchmarks[0].error).toMatchObject({
      code: 'E_TIMEOUT',
      message: expect.stringMatching(/timed out after 470 ms \(its warm-up and budget, 270 ms, plus timeoutMs 200 ms\)/),
    });
    expect(r.benchmarks[1].status).toBe('ok');
  });

  it('reports which rule stopped sampling', async () => {
    const s = new Suite();
    s.add('fixed', () => doNotOptimize(work(200)), { samples: 17 });
    s.add('loose', () => doNotOptimize(work(200)), { precision: 0.5, maxTimeMs: 2000 });
    s.add('strict', () => doNotOptimize(work(200)), { precision: 1e-12, maxTimeMs: 40 });
    s.add('capped', () => doNotOptimize(work(200)), { precision: 1e-12, maxSamples: 20 });
    const r = await s.run(FAST);
    const [fixed, loose, strict, capped] = r.benchmarks.map((b) => b.stopReason);
    expect([fixed, strict, capped]).toEqual(['fixed', 'budget', 'max-samples']);
    // Precision, unless a loaded machine made two performance states in the samples (seen under
    // mutation testing: sampling then goes on to the budget by design, and the states say why).
    if (loose !== 'precision') expect(r.benchmarks[1].states, `loose stopped on ${loose} without states`).toBeDefined();
    expect(['precision', 'budget']).toContain(loose);
    expect(r.benchmarks[0].stats!.n).toBe(17);
    expect(r.benchmarks[3].stats!.n).toBe(20);
  });

  it('skips with a reason', async () => {
    const s = new Suite();
    s.add('later', () => 1, { skip: 'not today' });
    const r = await s.run(FAST);
    expect(r.benchmarks[0]).toMatchObject({ status: 'skipped', skipReason: 'not today' });
  });

  it('fits complexity when one numeric axis varies', async () => {
    // The quadratic loop runs in a host process with --no-maglev, so that every size is measured in
    // the same JIT tier on every Node line (test/fixtures/complexity.bench.ts says why).
    const {
      run: r,
      code,
      stderr,
    } = await runHost(resolve(__dirname, '..', 'fixtures', 'complexity.bench.ts'), { ...FAST, exit: true }, 90_000, ['--no-maglev']);
    expect(code, stderr).toBe(0);
    expect(r.benchmarks.map((b) => `${b.id}:${b.status}`)).toEqual([
      'quadratic[n=40]:ok',
      'quadratic[n=80]:ok',
      'quadratic[n=160]:ok',
      'quadratic[n=320]:ok',
    ]);
    expect(r.complexity).toHaveLength(1);
    expect(r.complexity[0]).toMatchObject({ id: 'quadratic', axis: 'n', best: 'O(n^2)', weighting: 'relative' });
    // The result file says which Node measured it and with which V8 flags.
    expect(r.environment.runtime).toMatchObject({ node: process.versions.node, v8: process.versions.v8 });
    expect(r.environment.runtime.execArgv).toContain('--no-maglev');
  });

  it('returns a versioned result with the environment', async () => {
    const s = new Suite();
    s.add('x', () => doNotOptimize(work(10)), { samples: 5 });
    const r = await s.run({ ...FAST, tag: 'before' });
    expect(r.schemaVersion).toBe(1);
    expect(r.tag).toBe('before');
    expect(r.environment.runtime.node).toBe(process.versions.node);
    expect(r.environment.clock.frequencyHz).toBeGreaterThan(0);
    expect(Date.parse(r.finishedAt)).toBeGreaterThanOrEqual(Date.parse(r.startedAt));
  });
});

describe('groups', () => {
  it('interleaves contenders and compares them with the baseline', async () => {
    const order: string[] = [];
    const s = new Suite();
    s.group('g', { baseline: 'slow' }, () => {
      s.add('slow', () => doNotOptimize(work(4000)), { setup: () => void order.push('slow') });
      s.add('fast', () => doNotOptimize(work(1000)), { setup: () => void order.push('fast') });
    });
    const r = await s.run({ ...FAST, samples: 12 });
    const [slow, fast] = r.benchmarks;
    expect(slow.id).toBe('g/slow');
    expect(fast.stats!.n).toBe(slow.stats!.n);
    const entry = r.groups[0].entries[0];
    expect(r.groups[0].baseline).toBe('slow');
    expect(entry.name).toBe('fast');
    expect(entry.ratio).toBeLessThan(0.6);
    expect(entry.ci[0]).toBeLessThanOrEqual(entry.ratio);
    expect(entry.ci[1]).toBeGreaterThanOrEqual(entry.ratio);
    expect(entry.verdict).toBe('faster');
    // Rotating order: in the sampling phase both orders occur.
    const pairs = new Set<string>();
    for (let i = order.length - 24; i + 1 < order.length; i += 2) pairs.add(`${order[i]}>${order[i + 1]}`);
    expect(pairs.size).toBeGreaterThan(1);
  });

  it("a group stops on precision only when each contender's own median is precise, not just the ratio", async () => {
    // Both contenders slow down together, several-fold over the run (a drifting machine): the
    // paired per-round ratio is tight at once, but neither median is, so it runs to its budget.
    const t0 = performance.now();
    const cost = () => 300 + Math.round(2700 * Math.min(1, (performance.now() - t0) / 500));
    const s = new Suite();
    s.group('drift', { baseline: 'a' }, () => {
      s.add('a', () => doNotOptimize(work(cost())));
      s.add('b', () => doNotOptimize(work(cost())));
    });
    const r = await s.run({ ...FAST, minTimeMs: 40, maxTimeMs: 300, precision: 0.01 });
    expect(r.benchmarks.map((b) => b.stopReason)).toEqual(['budget', 'budget']);
  });

  it('reports contenders whose output differs from the baseline, before timing', async () => {
    const s = new Suite();
    s.group('eq', { baseline: 'ref', equivalence: true }, () => {
      s.add('ref', () => [1, 2, 3].map((x) => x * 2));
      s.add('same', () => [2, 4, 6]);
      s.add('wrong', () => [2, 4, 7]);
    });
    const r = await s.run({ ...FAST, samples: 5 });
    expect(r.groups[0].mismatches).toEqual(['wrong']);
    const wrong = r.benchmarks.find((b) => b.name === 'wrong')!;
    expect(wrong.status).toBe('error');
    expect(wrong.error!.message).toMatch(
      /differs from the baseline 'ref' on the same input: \[ 2, 4, 7 \] \(wrong\) vs \[ 2, 4, 6 \] \(ref\)/,
    );
    expect(r.benchmarks.find((b) => b.name === 'same')!.status).toBe('ok');
  });
});

describe('garbage collection', () => {
  it('collects between samples when asked, even without --expose-gc', async () => {
    const { gcFunction } = await import('../../src/engine/gc.js');
    const gc = gcFunction({ gc: true })!;
    expect(typeof gc).toBe('function');
    const { PerformanceObserver } = await import('node:perf_hooks');
    const seen: string[] = [];
    const obs = new PerformanceObserver((list) => seen.push(...list.getEntries().map((e) => e.entryType)));
    obs.observe({ entryTypes: ['gc'] });
    gc();
    await new Promise((r) => setTimeout(r, 50));
    obs.disconnect();
    expect(seen).toContain('gc');
    expect(gcFunction({ gc: false })).toBeUndefined();
  });

  it('counts samples that overlap a collection', async () => {
    const s = new Suite();
    // Allocates enough per sample that young-generation collections happen during sampling.
    s.add('alloc', () => doNotOptimize(new Array(20_000).fill(0).map((_x, i) => ({ i }))), { samples: 60 }); // ~1 MB per call
    const r = (await s.run(FAST)).benchmarks[0];
    expect(r.flags.gcSamples).toBeGreaterThan(0);
    expect(r.heapBytesPerIteration === undefined || r.heapBytesPerIteration > 1000).toBe(true);
  });
});
