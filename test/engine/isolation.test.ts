/** isolate: 'worker' | 'process', observed: where benchmarks run, and what happens when they misbehave. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { Suite } from '../../src/index.js';
import { byId, FAST, FAULTS, runFile, runHost } from './helpers.js';

/** Where the identity fixture's benchmark ran, as it recorded it. */
async function whereItRan(isolate: 'none' | 'worker' | 'process'): Promise<{ pid: number; threadId: number }> {
  const out = join(mkdtempSync(join(tmpdir(), 'cb-identity-')), 'identity.jsonl');
  process.env.CYCLEBENCH_TEST_IDENTITY = out; // inherited by workers and child processes
  try {
    const run = await runFile(join(FAULTS, 'identity.bench.ts'), { ...FAST, isolate });
    expect(run.benchmarks[0].status).toBe('ok');
  } finally {
    delete process.env.CYCLEBENCH_TEST_IDENTITY;
  }
  return JSON.parse(readFileSync(out, 'utf8').trim());
}

describe('where isolated benchmarks run', () => {
  it('in-process: this thread of this process', async () => {
    expect(await whereItRan('none')).toEqual({ pid: process.pid, threadId });
  });
  it('worker: another thread of this process', async () => {
    const at = await whereItRan('worker');
    expect(at.pid).toBe(process.pid);
    expect(at.threadId).not.toBe(threadId);
  });
  it('process: another process', async () => {
    expect((await whereItRan('process')).pid).not.toBe(process.pid);
  });
});

for (const mode of ['worker', 'process'] as const) {
  describe(`misbehaving benchmarks isolated in a ${mode}`, () => {
    it('are recorded with the reason, the rest of each task runs in a fresh child, and the host ends by itself', async () => {
      // The group exercises the parent's bookkeeping, the same for both modes: once is enough.
      const filter = mode === 'worker' ? undefined : '/^(points|exits|exhausts|leaves)/';
      // No `exit`: the host must end although a benchmark left an interval running in its child.
      const { run, code } = await runHost(join(FAULTS, 'isolated.bench.ts'), { ...FAST, isolate: mode, memoryLimitMb: 96, filter });
      expect(code).toBe(0);
      const r = byId(run);
      const group = mode === 'worker' ? ['g/fine', 'g/hangs'] : [];
      expect(run.benchmarks.map((b) => b.id)).toEqual([
        'points[n=1]',
        'points[n=2]',
        'points[n=3]',
        ...group,
        'exits',
        'exhausts memory',
        'leaves a timer',
      ]);
      const killed = new RegExp(
        `timed out after \\d+ ms \\(its warm-up and budget, \\d+ ms, plus timeoutMs 500 ms\\); the isolated ${mode} was killed`,
      );
      expect(r['points[n=2]'].error).toMatchObject({ code: 'E_TIMEOUT', message: expect.stringMatching(killed) });
      // The task's other points, and the group's other contender, were measured in fresh children.
      for (const id of ['points[n=1]', 'points[n=3]']) expect(r[id].status, id).toBe('ok');
      if (mode === 'worker') {
        expect(r['g/hangs'].error).toMatchObject({ code: 'E_TIMEOUT', message: expect.stringMatching(killed) });
        expect(r['g/fine'].status).toBe('ok');
      }
      expect(r.exits.error).toMatchObject({
        code: 'E_EXIT',
        message: expect.stringMatching(new RegExp(`isolated ${mode} exited with code 3`)),
      });
      if (mode === 'worker') expect(r['exhausts memory'].error).toMatchObject({ code: 'ERR_WORKER_OUT_OF_MEMORY' });
      else
        expect(r['exhausts memory'].error).toMatchObject({
          code: 'E_CRASH',
          message: expect.stringMatching(/killed by SIGABRT.*heap out of memory/),
        });
      expect(r['leaves a timer']).toMatchObject({ status: 'ok', flags: { leakedResources: { Timeout: 1 } } });
    }, 180_000);
  });
}

describe('an isolated child runs what the parent filtered', () => {
  it("leaves out a group's filtered-out contender (here one that would hang)", async () => {
    const r = await runFile(join(FAULTS, 'isolated.bench.ts'), { ...FAST, isolate: 'worker', filter: 'g/fine' });
    expect(r.benchmarks.map((b) => `${b.id}:${b.status}`)).toEqual(['g/fine:ok']);
  }, 60_000);
});

describe("the run's deadline (the CLI's --timeout)", () => {
  it('kills an isolated benchmark that hangs past it and records the rest as not run', async () => {
    const started = Date.now();
    const r = byId(await runFile(join(FAULTS, 'deadline.bench.ts'), { ...FAST, isolate: 'worker', deadline: Date.now() + 5000 }));
    expect(r.hangs.error).toMatchObject({ code: 'E_TIMEOUT', message: expect.stringMatching(/deadline \(--timeout\) passed/) });
    expect(r['never started'].error).toMatchObject({ code: 'E_TIMEOUT', message: "not run: the run's deadline (--timeout) passed" });
    expect(Date.now() - started).toBeLessThan(50_000); // its own timeout (60 s past its plan) was not waited for
  }, 120_000);

  it('stops an in-process benchmark waiting on a promise, and starts no other', async () => {
    const s = new Suite();
    s.add('waits', () => new Promise(() => {}));
    s.add('never started', () => 1);
    const r = byId(await s.run({ ...FAST, deadline: Date.now() + 500 }));
    expect(r.waits.error).toMatchObject({ code: 'E_TIMEOUT', message: "stopped: the run's deadline (--timeout) passed while it ran" });
    expect(r['never started'].error!.message).toBe("not run: the run's deadline (--timeout) passed");
  });
});
