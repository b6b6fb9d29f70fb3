/**
 * Whether a run isolates, decided in this process (src/engine/run-suite.ts), where a mutant of that
 * decision is active: `isolate: 'worker'` measures in another thread, `'none'` here, and a run inside
 * an isolated child (CYCLEBENCH_ISOLATED_CHILD set) never isolates again. The slower pid/threadId
 * checks of both modes, and misbehaving isolated benchmarks, are in isolation.test.ts.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { CHILD_ENV } from '../../src/engine/defs.js';
import { FAST, FAULTS, runFile } from './helpers.js';

afterEach(() => {
  delete process.env.CYCLEBENCH_TEST_IDENTITY;
  delete process.env[CHILD_ENV];
});

/** Where the identity fixture's benchmark ran (pid and thread), as it recorded it. */
async function whereItRan(isolate: 'none' | 'worker'): Promise<{ pid: number; threadId: number }[]> {
  const out = join(mkdtempSync(join(tmpdir(), 'cb-choice-')), 'identity.jsonl');
  process.env.CYCLEBENCH_TEST_IDENTITY = out; // inherited by workers
  const run = await runFile(join(FAULTS, 'identity.bench.ts'), { ...FAST, isolate });
  expect(run.benchmarks.map((b) => `${b.id}:${b.status}`)).toEqual(['where:ok']);
  return readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('the isolation decision', () => {
  it("'worker' runs the benchmark in another thread of this process", async () => {
    const at = await whereItRan('worker');
    expect(at).toHaveLength(1);
    expect(at[0].pid).toBe(process.pid);
    expect(at[0].threadId).not.toBe(threadId);
  });

  it("'none' runs it on this thread", async () => {
    expect(await whereItRan('none')).toEqual([{ pid: process.pid, threadId }]);
  });

  it("inside an isolated child, 'worker' runs here: a child never isolates again", async () => {
    process.env[CHILD_ENV] = '1';
    expect(await whereItRan('worker')).toEqual([{ pid: process.pid, threadId }]);
  });
});
