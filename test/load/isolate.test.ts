/**
 * Load split across worker threads and child processes: each runs its share of the callers,
 * requests and rate, and the parent merges their histograms. Known truth: the request counts split
 * exactly, and every latency of a 2 ms spin is at least 2 ms.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/cli/commands/run.js';
import { runResultProblems } from '../../src/store/index.js';
import type { RunResult } from '../../src/result/types.js';

const FILE = join(__dirname, 'fixtures', 'cpu.bench.ts');

describe('isolate: worker | process', () => {
  let run: RunResult;
  const byId = (id: string) => run.benchmarks.find((b) => b.id === id)!;

  it('runs every share and merges the histograms', async () => {
    const suite = await loadSuite([FILE]);
    run = await suite.run();
    expect(runResultProblems(JSON.parse(JSON.stringify(run)))).toEqual([]);
    for (const b of run.benchmarks) expect(b.status, `${b.id}: ${b.error?.message}`).toBe('ok');

    const threads = byId('cpu threads');
    expect(threads.load).toMatchObject({ isolate: 'worker', workers: 2, requests: 40, ok: 40 });
    expect(threads.load!.perWorker!.map((w) => w.requests)).toEqual([20, 20]);
    expect(threads.stats!.n).toBe(40);
    expect(threads.stats!.min).toBeGreaterThanOrEqual(2e6);
    // Threads share this process: its sampler sees their CPU, and each thread reports its own too.
    expect(threads.resources!.cpu.perOpNs).toBeGreaterThan(0);
    expect(threads.load!.perWorker!.every((w) => w.resources!.samples > 0)).toBe(true);

    const procs = byId('cpu processes');
    expect(procs.load).toMatchObject({ isolate: 'process', workers: 3, requests: 30, ok: 30, warmup: 3 });
    expect(procs.load!.perWorker!.map((w) => w.requests)).toEqual([10, 10, 10]);
    expect(procs.stats!.min).toBeGreaterThanOrEqual(2e6);
    // Processes report their own resources; the parent's would say nothing about them.
    expect(procs.resources).toBeUndefined();
    expect(procs.load!.perWorker!.every((w) => w.resources!.memory.rss.peak > 0)).toBe(true);

    const open = byId('cpu open threads');
    expect(open.load).toMatchObject({ model: 'open', workers: 2, requests: 40 });
    expect(open.load!.rate!.target).toBe(200);
  }, 120_000);
});
