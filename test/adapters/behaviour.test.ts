/**
 * Adapter behaviour that tinybench and mitata document and cyclebench implements itself: aborting
 * while measuring, unsupported synchronous runs, fresh computed parameters on every call.
 */
import { describe, expect, it } from 'vitest';
import { Bench } from '../../src/adapters/tinybench/index.js';
import { bench, run } from '../../src/adapters/mitata/index.js';

const FAST = { cyclebench: { sampling: { maxTimeMs: 100, warmupMs: 20, minTimeMs: 10 } } };

describe('tinybench', () => {
  it('stops a task aborted while it is measured at the next sample, long before its budget', async () => {
    const controller = new AbortController();
    // An unreachable precision: only the abort (or the minute's budget) can end the task.
    const b = new Bench({ time: 60_000, signal: controller.signal, cyclebench: { sampling: { precision: 1e-9 } } }).add(
      'long task',
      async () => {
        await new Promise((r) => setTimeout(r, 2));
      },
    );
    const aborts: string[] = [];
    b.addEventListener('abort', (e) => aborts.push((e as unknown as { task: { name: string } }).task.name));
    setTimeout(() => controller.abort(), 300);
    const started = performance.now();
    await b.run();
    // The budget is a minute: finishing at all within the test's timeout shows the abort took effect.
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(b.tasks[0].result.state).toBe('aborted');
    expect(aborts).toEqual(['long task']);
  });

  it('refuses runSync with the reason, and lists unstarted tasks as N/A', () => {
    const b = new Bench().add('x', () => 1);
    expect(() => b.runSync()).toThrow(/runSync\(\) is not supported .*await bench\.run\(\)/);
    expect(b.table()).toEqual([
      {
        'Task name': 'x',
        'Latency avg (ns)': 'N/A',
        'Latency med (ns)': 'N/A',
        'Throughput avg (ops/s)': 'N/A',
        'Throughput med (ops/s)': 'N/A',
        Samples: 'N/A',
        Remarks: 'not-started',
      },
    ]);
    expect(() => b.add('x', () => 2)).toThrow(/already exists/);
  });

  it('keeps samples only when asked, as tinybench does', async () => {
    // Bodies with real work: a constant like Math.sqrt(3) can measure as the empty loop (dead code).
    let i = 0;
    const b = new Bench({ ...FAST }).add('kept', () => Math.sqrt(++i), { retainSamples: true }).add('dropped', () => Math.sqrt(++i));
    await b.run();
    const [kept, dropped] = b.tasks.map((t) => t.result);
    if (kept.state !== 'completed' || dropped.state !== 'completed') throw new Error(`not completed: ${kept.state}, ${dropped.state}`);
    expect(kept.latency.samples?.length).toBe(kept.latency.samplesCount);
    expect(kept.latency.samplesCount).toBeGreaterThan(0);
    expect(dropped.latency.samples).toBeUndefined();
  });

  it('an empty body is an error that says why (dead code), not a time', async () => {
    const b = new Bench({ cyclebench: { sampling: { maxTimeMs: 1000, warmupMs: 20 } } }).add('nothing', () => {});
    await b.run();
    const r = b.tasks[0].result;
    expect(r.state).toBe('errored');
    expect(r.state === 'errored' && r.error.message).toMatch(/'nothing': indistinguishable from the empty loop/);
  });
});

describe('mitata', () => {
  it('gives every call freshly computed parameters, though calls are batched', async () => {
    bench('fresh', function* () {
      yield {
        [0]() {
          return { used: false };
        },
        bench(p: { used: boolean }) {
          if (p.used) throw new Error('a computed parameter was reused');
          p.used = true;
        },
      };
    });
    const r = await run({ format: 'quiet', ...FAST });
    const only = r.benchmarks[0].runs[0];
    expect(only.error).toBeUndefined();
    expect(only.stats!.ticks).toBeGreaterThan(1000);
  });

  it('an empty body is an error that says why (dead code), not a time', async () => {
    bench('nothing', () => {});
    const r = await run({ format: 'quiet', cyclebench: { sampling: { maxTimeMs: 1000, warmupMs: 20 } } });
    const nothing = r.benchmarks.find((t) => t.alias === 'nothing')!.runs[0];
    expect(nothing.stats).toBeUndefined();
    expect(nothing.error!.message).toMatch(/'nothing': indistinguishable from the empty loop/);
  });
});
