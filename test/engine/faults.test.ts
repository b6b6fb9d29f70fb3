/**
 * Misbehaving benchmarks run in-process by the real engine, in a host process of its own
 * (test/fixtures/faults/run.ts): each is recorded with its reason and the host survives to write
 * the results. Isolated counterparts are in isolation.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { byId, FAST, FAULTS, runHost } from './helpers.js';

describe('misbehaving benchmarks in-process', () => {
  it('are recorded with a clear reason, and the host survives', async () => {
    // `exit`: the leaked interval would keep an in-process host alive (isolated, the child is killed).
    const { run, code } = await runHost(join(FAULTS, 'misbehave.bench.ts'), { ...FAST, exit: true });
    expect(code).toBe(0);
    const r = byId(run);
    expect(r['throws a string'].error).toMatchObject({
      code: 'E_THROWN_VALUE',
      message: expect.stringMatching(/a string, not an Error.*'boom as a string'/),
    });
    expect(r['throws undefined'].error).toMatchObject({
      code: 'E_THROWN_VALUE',
      message: expect.stringMatching(/with undefined, not an Error/),
    });
    expect(r['throws an object'].error).toMatchObject({
      code: 'E_THROWN_VALUE',
      message: expect.stringMatching(/an object, not an Error.*code: 42/),
    });
    expect(r.rejects.error).toMatchObject({ name: 'Error', message: 'rejected a moment later' });
    expect(r['rejects after the sample'].error).toMatchObject({
      code: 'E_UNHANDLED_REJECTION',
      message: expect.stringMatching(/unhandled promise rejection surfaced while it ran.*rejected after the call returned/),
    });
    expect(r['never settles'].error).toMatchObject({
      code: 'E_TIMEOUT',
      message: expect.stringMatching(/timed out after 570 ms .*plus timeoutMs 300 ms.*in-process.*isolate/),
    });
    expect(r.exits.error).toMatchObject({ code: 'E_EXIT', message: expect.stringMatching(/process\.exit\(3\).*isolate: 'process'/) });
    expect(r['exits and catches'].error).toMatchObject({ code: 'E_EXIT', message: expect.stringMatching(/process\.exit\(4\) and caught/) });
    expect(r['leaves a timer']).toMatchObject({ status: 'ok', flags: { leakedResources: { Timeout: 1 } } });
    expect(r['timers/leaves one'].flags.leakedResources).toEqual({ Timeout: 1 });
    expect(r['timers/short'].flags.leakedResources).toBeUndefined();
    expect(r.fine.status).toBe('ok');
    expect(r.fine.flags.leakedResources).toBeUndefined();
    for (const b of run.benchmarks.filter((x) => x.status === 'error')) expect(b.stats).toBeUndefined();
  }, 120_000);
});
