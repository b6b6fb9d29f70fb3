/** Synthetic load results with sampled resources, for target, comparison, schema and report tests (no timing). */
import type { BenchResult, LoadSummary, ResourceSummary } from '../../src/result/types.js';
import { bench, samples } from '../compare/fixtures.js';

/** A resource summary with the given peak RSS and CPU time per operation. */
export function resources(rssPeak: number, perOpNs: number, cpuMean = 40): ResourceSummary {
  const st = (peak: number, mean = peak * 0.9) => ({ peak, mean });
  return {
    intervalMs: 10,
    samples: 100,
    durationMs: 1000,
    cpu: { user: st(cpuMean * 1.5, cpuMean * 0.8), system: st(cpuMean * 0.5, cpuMean * 0.2), total: st(cpuMean * 2, cpuMean), perOpNs },
    memory: { rss: st(rssPeak), heapUsed: st(rssPeak / 4), external: st(1e6), arrayBuffers: st(1e5) },
    eventLoopDelay: { mean: 11e6, p50: 10.5e6, p99: 14e6, max: 20e6 },
    gc: { minor: { count: 3, totalMs: 4.5, maxMs: 2 } },
    series: { t: [5, 15], cpu: [38, 42], rss: [rssPeak * 0.95, rssPeak], heapUsed: [1e7, 1.1e7] },
    overhead: { perSampleNs: 12_000, fraction: 0.0012 },
  };
}

/** A load test result: latencies around `p50Ns`, `ok` of `requests` successful. */
export function loadBench(
  id: string,
  o: { p50Ns?: number; requests?: number; ok?: number; seed?: number; rss?: number; cpuPerOp?: number } = {},
): BenchResult {
  const requests = o.requests ?? 200;
  const ok = o.ok ?? requests;
  const load: LoadSummary = {
    model: 'closed',
    concurrency: 5,
    isolate: 'none',
    workers: 1,
    requests,
    ok,
    failed: requests - ok,
    successRate: ok / requests,
    timeouts: 0,
    errors: ok < requests ? [{ message: 'HTTP 500', count: requests - ok }] : [],
    durationMs: 2000,
    throughput: requests / 2,
    latencyFrom: 'start',
    warmup: 0,
    clock: { name: 'tsc', readNs: 45 },
  };
  const b = bench(id, samples(o.p50Ns ?? 5e6, ok, o.seed ?? 1, 0.1), {
    kind: 'load',
    load,
    resources: resources(o.rss ?? 150e6, o.cpuPerOp ?? 2e6),
    stopReason: 'fixed',
    totalIterations: requests,
  });
  delete b.iterations;
  delete b.stats!.opsPerSec;
  return b;
}
