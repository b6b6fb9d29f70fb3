/**
 * Load tests against a real HTTP server started here on 127.0.0.1 (test/load/server.ts). Known truth:
 * a 5 ms endpoint, one that fails every 10th request, one that stalls for 400 ms. Bounds are wide
 * (a shared machine) except where the truth is exact (request counts, the failure share); every
 * request loop is bounded by a request count and a duration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Suite } from '../../src/engine/suite.js';
import type { BenchResult } from '../../src/result/types.js';
import { runResultProblems } from '../../src/store/index.js';
import { closeClient, get, startServer, type TestServer } from './server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ stallAfter: 60, stallMs: 400 });
});
afterAll(async () => {
  closeClient();
  await server.close();
});

async function runLoad(
  name: string,
  fn: (args: never, request: { request: number }) => unknown,
  load: NonNullable<Parameters<Suite['add']>[2]>['load'],
): Promise<BenchResult> {
  const suite = new Suite();
  suite.add(name, fn as () => unknown, { load });
  const r = await suite.run();
  expect(runResultProblems(JSON.parse(JSON.stringify(r)))).toEqual([]);
  return r.benchmarks[0];
}

const over = (b: BenchResult, ms: number) => b.samples!.filter((x) => x > ms * 1e6).length;

describe('closed model', () => {
  it('5 callers x 200 requests of a 5 ms endpoint: every request counted, p50 near 5 ms, percentiles ordered', async () => {
    const b = await runLoad('delay', () => get(`${server.url}/delay`), { concurrency: 5, requests: 200, duration: '30s', warmup: 10 });
    expect(b.status).toBe('ok');
    expect(b.kind).toBe('load');
    expect(b.unit).toBe('ns');
    expect(b.load).toMatchObject({
      model: 'closed',
      concurrency: 5,
      requests: 200,
      ok: 200,
      failed: 0,
      successRate: 1,
      latencyFrom: 'start',
      warmup: 10,
    });
    expect(b.stopReason).toBe('fixed');
    const s = b.stats!;
    expect(s.n).toBe(200);
    expect(s.p50).toBeGreaterThan(4.5e6); // a 5 ms timer cannot answer sooner
    expect(s.p50).toBeLessThan(100e6); // wide: a shared machine
    for (const [lo, hi] of [
      [s.min, s.p50],
      [s.p50, s.p90],
      [s.p90, s.p95],
      [s.p95, s.p99],
      [s.p99, s.p999],
      [s.p999, s.max],
    ])
      expect(lo).toBeLessThanOrEqual(hi);
    expect(s.medianCI.lo).toBeLessThanOrEqual(s.median);
    expect(s.medianCI.hi).toBeGreaterThanOrEqual(s.median);
    // 5 callers of a >= 5 ms endpoint: at most 1000 requests per second.
    expect(b.load!.throughput).toBeGreaterThan(0);
    expect(b.load!.throughput).toBeLessThan(1000);
    expect(b.samples).toHaveLength(200);
    expect(b.load!.clock.readNs).toBeGreaterThan(0);
    expect(b.resources?.samples).toBeGreaterThan(0); // sampled by default for load tests
    expect(b.resources!.cpu.perOpNs).toBeGreaterThan(0);
  });

  it('every 10th request failing: exactly 90% success, errors grouped by message, latencies of the successful ones', async () => {
    const before = server.count['/flaky'] ?? 0;
    expect(before % 10).toBe(0);
    const b = await runLoad('flaky', () => get(`${server.url}/flaky`), { concurrency: 4, requests: 200, duration: '30s' });
    expect(b.load).toMatchObject({ requests: 200, ok: 180, failed: 20, successRate: 0.9, timeouts: 0 });
    expect(b.load!.errors).toEqual([{ message: 'HTTP 500', count: 20 }]);
    expect(b.stats!.n).toBe(180);
  });

  it('a duration alone bounds the test, and its stop reason says so', async () => {
    const b = await runLoad('timed', () => get(`${server.url}/delay`), { concurrency: 2, duration: 300 });
    expect(b.stopReason).toBe('budget');
    expect(b.load!.requests).toBeGreaterThan(0);
    expect(b.load!.durationMs).toBeLessThan(300 + 10_000);
  });

  it('timeouts and synchronous throws are failures with their message; with no success the result is an error that keeps the load summary', async () => {
    const hang = await runLoad('hang', () => new Promise(() => {}), { concurrency: 2, requests: 4, timeout: 50, duration: '10s' });
    expect(hang.status).toBe('error');
    expect(hang.error!.message).toMatch(/all 4 requests failed; most often: timeout after 50 ms \(4x\)/);
    expect(hang.load).toMatchObject({ requests: 4, ok: 0, failed: 4, timeouts: 4, successRate: 0 });
    const mixed = await runLoad(
      'throws',
      (_a: unknown, r: { request: number }) => {
        if (r.request % 2) throw new Error('odd');
      },
      { concurrency: 1, requests: 10, duration: '10s' },
    );
    expect(mixed.load).toMatchObject({ requests: 10, ok: 5, failed: 5 });
    expect(mixed.load!.errors).toEqual([{ message: 'odd', count: 5 }]);
  });
});

describe('open model', () => {
  it('a 400 ms stall: the open model counts every request scheduled during it, the closed model only the few in flight', async () => {
    // Both see the same stall: the 60th request to /stall (each run's own) holds every answer for 400 ms.
    const open = await runLoad('open', () => get(`${server.url}/stall`), { rate: 100, concurrency: 100, requests: 200, duration: '30s' });
    server.count['/stall'] = 0;
    const closed = await runLoad('closed', () => get(`${server.url}/stall`), { concurrency: 2, requests: 200, duration: '30s' });
    expect(open.load).toMatchObject({ model: 'open', latencyFrom: 'scheduled', requests: 200, ok: 200 });
    expect(closed.load).toMatchObject({ model: 'closed', requests: 200, ok: 200 });
    // Requests over half the stall: in the open model about rate x 0.2 s = 20 and more; in the closed
    // model at most its 2 callers (a few more if this machine stalls too).
    const openSlow = over(open, 200);
    const closedSlow = over(closed, 200);
    const counts = `requests over 200 ms: open ${openSlow}, closed ${closedSlow}`;
    expect(openSlow, counts).toBeGreaterThanOrEqual(12);
    expect(closedSlow, counts).toBeLessThanOrEqual(4);
    expect(open.stats!.p95).toBeGreaterThan(200e6);
    expect(closed.stats!.p95).toBeLessThan(200e6);
  }, 60_000);

  it('a rate the target cannot sustain at the cap in flight: the shortfall is reported and latency grows from the schedule', async () => {
    // One request in flight at a time, >= 5 ms each: at most about 200/s of the 500/s asked.
    const b = await runLoad('short', () => get(`${server.url}/delay`), { rate: 500, concurrency: 1, requests: 150, duration: '30s' });
    expect(b.load!.rate!.target).toBe(500);
    expect(b.load!.rate!.achieved).toBeLessThan(300);
    expect(b.load!.rate!.shortfall).toBeGreaterThan(0.4);
    // Queued behind the cap, the last requests wait for all before them: 150 x 5 ms late at least half-way.
    expect(b.stats!.max).toBeGreaterThan(150e6);
  });

  it('a sustainable rate is met within a small shortfall', async () => {
    const b = await runLoad('ok', () => get(`${server.url}/delay`), { rate: 100, concurrency: 50, requests: 100, duration: '30s' });
    expect(b.load!.rate!.shortfall).toBeLessThan(0.2);
    expect(b.stats!.p50).toBeGreaterThan(4.5e6);
  });
});

describe('registration', () => {
  it('refuses an unbounded test, bad numbers and unknown options when registered, naming the test', () => {
    const s = new Suite();
    expect(() => s.add('x', () => {}, { load: { concurrency: 2 } })).toThrow(/load test 'x': give requests, duration or both/);
    expect(() => s.add('x', () => {}, { load: { requests: 10, concurrency: 0 } })).toThrow(/concurrency must be a whole number >= 1/);
    expect(() => s.add('x', () => {}, { load: { requests: 10, duration: 'soon' } })).toThrow(/duration must be a positive time/);
    expect(() => s.add('x', () => {}, { load: { requests: 10, rate: -1 } })).toThrow(/rate must be a positive number/);
    expect(() => s.add('x', () => {}, { load: { requests: 10, isolate: 'worker', workers: 3, concurrency: 2 } })).toThrow(
      /workers \(3\) exceeds concurrency \(2\)/,
    );
    expect(() => s.add('x', () => {}, { load: { requests: 10, concurency: 2 } as never })).toThrow(/unknown option 'concurency'/);
    expect(() => s.group('g', () => s.add('y', () => {}, { load: { requests: 1 } }))).toThrow(
      /inside group 'g'; register load tests at top level/,
    );
  });
});
