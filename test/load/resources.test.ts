/**
 * The resource sampler on known workloads: memory it is handed, CPU it is made to burn against a
 * process that sleeps, an event loop it is made to block, garbage it is made to collect; a bounded
 * series; sampling a synchronous loop through poll(); and how the engine attaches the summary.
 */
import { describe, expect, it } from 'vitest';
import { ResourceSampler } from '../../src/resources/sampler.js';
import { BoundedSeries } from '../../src/resources/series.js';
import { resolveResources } from '../../src/resources/options.js';
import { Suite } from '../../src/engine/suite.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Burns CPU for `ms`, yielding every 2 ms so timers run. */
async function burn(ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const slice = performance.now() + 2;
    while (performance.now() < slice);
    await new Promise((r) => setImmediate(r));
  }
}

describe('ResourceSampler', () => {
  it('sees CPU burnt against CPU not burnt, in the same process', async () => {
    const idle = new ResourceSampler({ intervalMs: 10 }).start();
    await sleep(300);
    const i = await idle.stop();
    const busy = new ResourceSampler({ intervalMs: 10 }).start();
    await burn(300);
    const b = await busy.stop();
    expect(i.samples).toBeGreaterThan(5);
    expect(b.samples).toBeGreaterThan(5);
    // On a shared machine the busy loop gets only a share of a core, but always far more than sleep.
    expect(b.cpu.total.mean).toBeGreaterThan(3 * i.cpu.total.mean);
    expect(b.cpu.total.mean).toBeGreaterThan(5);
    expect(b.cpu.total.peak).toBeGreaterThanOrEqual(b.cpu.total.mean);
    expect(b.cpu.user.mean + b.cpu.system.mean).toBeCloseTo(b.cpu.total.mean, 6);
  });

  it('sees array-buffer memory held while sampling, and its RSS', async () => {
    const s = new ResourceSampler({ intervalMs: 5 }).start();
    const held = new Uint8Array(64 * 1024 * 1024).fill(1); // touched, so resident
    await sleep(60);
    const r = await s.stop();
    expect(held[held.length - 1]).toBe(1);
    expect(r.memory.arrayBuffers.peak).toBeGreaterThanOrEqual(64 * 1024 * 1024);
    expect(r.memory.rss.peak).toBeGreaterThan(64 * 1024 * 1024);
    expect(r.memory.rss.peak).toBeGreaterThanOrEqual(r.memory.rss.mean);
  });

  it('sees a blocked event loop in its delay histogram, and GC pauses by kind', async () => {
    const s = new ResourceSampler({ intervalMs: 10 }).start();
    await sleep(30);
    const end = performance.now() + 120;
    while (performance.now() < end); // the loop is blocked for 120 ms
    let keep: unknown[] = [];
    for (let i = 0; i < 300_000; i++) keep.push({ i }); // enough garbage for scavenges
    keep = [];
    await sleep(30);
    const r = await s.stop();
    expect(r.eventLoopDelay!.max).toBeGreaterThan(60e6);
    expect(r.eventLoopDelay!.p50).toBeLessThanOrEqual(r.eventLoopDelay!.max);
    expect(r.gc.minor?.count ?? 0).toBeGreaterThan(0);
    expect(keep).toHaveLength(0);
  });

  it('keeps its series bounded however many samples it takes', async () => {
    const s = new ResourceSampler({ intervalMs: 1, points: 20 }).start();
    await burn(400);
    const r = await s.stop();
    expect(r.samples).toBeGreaterThan(25);
    expect(r.series.t.length).toBeLessThanOrEqual(20);
    expect(r.series.t.length).toBeGreaterThan(5);
    for (const k of ['cpu', 'rss', 'heapUsed'] as const) expect(r.series[k]).toHaveLength(r.series.t.length);
    expect([...r.series.t].sort((a, b) => a - b)).toEqual(r.series.t);
  });

  it('samples a synchronous loop, whose timers never fire, through poll()', async () => {
    const s = new ResourceSampler({ intervalMs: 5 }).start();
    const end = performance.now() + 100;
    while (performance.now() < end) s.poll();
    const r = await s.stop();
    expect(r.samples).toBeGreaterThanOrEqual(5); // a timer cannot fire in this loop: every sample is poll()'s
    expect(r.overhead.perSampleNs).toBeGreaterThan(0);
    expect(r.overhead.fraction).toBeLessThan(1);
  });

  it('reports no event-loop delay rather than a made-up one when the loop was never free', async () => {
    const s = new ResourceSampler({ intervalMs: 10 }).start();
    const end = performance.now() + 30;
    while (performance.now() < end);
    const r = await s.stop();
    if (r.eventLoopDelay) expect(r.eventLoopDelay.max).toBeGreaterThan(0);
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity|null/);
  });
});

describe('BoundedSeries', () => {
  it('merges neighbours as time goes on: CPU averaged, memory at its peak', () => {
    const s = new BoundedSeries(10, 4);
    for (let t = 0; t < 160; t += 10) s.add(t, t, 1000 + t, 10);
    const r = s.read();
    expect(r.t.length).toBe(4);
    expect(r.cpu).toEqual([15, 55, 95, 135]); // means of 4 consecutive samples each
    expect(r.rss).toEqual([1030, 1070, 1110, 1150]); // each bucket's peak
  });
});

describe('resources in the engine', () => {
  it('off by default for bench, on with resources: true (CPU per iteration), per group marked as such', async () => {
    const fast = { maxTimeMs: 60, minTimeMs: 20, warmupMs: 20 };
    const work = () => {
      let s = 0;
      for (let i = 0; i < 1000; i++) s += Math.sqrt(i);
      return s;
    };
    const suite = new Suite(fast);
    suite.add('plain', work);
    suite.add('sampled', work, { resources: true });
    suite.group('g', { resources: { intervalMs: 5 } }, () => {
      suite.add('a', work);
      suite.add('b', work);
    });
    const r = await suite.run();
    const by = (id: string) => r.benchmarks.find((b) => b.id === id)!;
    expect(by('plain').resources).toBeUndefined();
    expect(by('sampled').resources!.samples).toBeGreaterThan(0);
    expect(by('sampled').resources!.cpu.perOpNs).toBeGreaterThan(0);
    expect(by('g/a').resources!.scope).toBe('group');
    expect(by('g/a').resources).toBe(by('g/b').resources);
    expect(by('g/a').resources!.cpu.perOpNs).toBeUndefined();
  });

  it('resolves settings: the benchmark over the run over the default, and refuses a bad interval', () => {
    expect(resolveResources(undefined, undefined, false)).toBeNull();
    expect(resolveResources(undefined, undefined, true)).toEqual({ intervalMs: 10, points: 60 });
    expect(resolveResources(false, true, true)).toBeNull();
    expect(resolveResources(undefined, { intervalMs: 20 }, false)).toEqual({ intervalMs: 20, points: 60 });
    expect(() => resolveResources({ intervalMs: 0 }, undefined, false)).toThrow(/intervalMs must be >= 1/);
  });
});
