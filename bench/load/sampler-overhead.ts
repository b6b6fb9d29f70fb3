// What the resource sampler costs what it observes: a known workload timed side by side in one
// process, with and without the sampler, in alternating rounds; the ratio of medians is its overhead.
//   1. event loop free (an async workload that yields between calls, as a load test does): the
//      sampler's timer fires every 10 ms (and every 1 ms, to show how the cost scales);
//   2. a synchronous benchmark through the engine (`bench`, resources true vs false): sampled
//      between samples by poll(); reported median per iteration.
// Run: npx tsx bench/load/sampler-overhead.ts
import { ResourceSampler } from '../../src/resources/sampler.js';
import { Suite } from '../../src/engine/suite.js';

const ROUNDS = 15;
let sink = 0;
const work = () => {
  let s = 0;
  for (let i = 0; i < 20_000; i++) s += Math.sqrt(i + 0.5);
  return s;
}; // about 20-40 µs

async function asyncRound(): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < 2000; i++) {
    sink += work();
    if (i % 10 === 9) await new Promise((r) => setImmediate(r)); // let timers run, as an I/O-bound loop would
  }
  return performance.now() - t0;
}

const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

async function asyncCase(intervalMs: number): Promise<{ off: number; on: number; perSampleNs: number; samples: number }> {
  const off: number[] = [];
  const on: number[] = [];
  const costs: number[] = [];
  let samples = 0;
  await asyncRound(); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    off.push(await asyncRound());
    const s = new ResourceSampler({ intervalMs }).start();
    on.push(await asyncRound());
    const summary = await s.stop();
    costs.push(summary.overhead.perSampleNs);
    samples += summary.samples;
  }
  return { off: med(off), on: med(on), perSampleNs: med(costs), samples: Math.round(samples / ROUNDS) };
}

async function engineCase(): Promise<{ off: number; on: number }> {
  const off: number[] = [];
  const on: number[] = [];
  for (let r = 0; r < 7; r++) {
    for (const resources of [false, true]) {
      const suite = new Suite({ maxTimeMs: 300, minTimeMs: 300, warmupMs: 100, resources });
      suite.add('work', work);
      const res = await suite.run();
      (resources ? on : off).push(res.benchmarks[0].stats!.median);
    }
  }
  return { off: med(off), on: med(on) };
}

for (const intervalMs of [10, 1]) {
  const c = await asyncCase(intervalMs);
  console.log(
    `async loop, sampler every ${intervalMs} ms: ${c.off.toFixed(1)} ms without, ${c.on.toFixed(1)} ms with (${c.samples} samples), ratio ${(c.on / c.off).toFixed(4)}; sampler's own median ${(c.perSampleNs / 1000).toFixed(1)} µs per sample`,
  );
}
const e = await engineCase();
console.log(
  `engine, synchronous bench, resources false vs true: median ${(e.off / 1000).toFixed(2)} µs vs ${(e.on / 1000).toFixed(2)} µs per iteration, ratio ${(e.on / e.off).toFixed(4)}`,
);
console.log(sink > 0 ? '' : 'sink?');
