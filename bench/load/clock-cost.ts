// Per-request clock candidates for load tests: the cost of one read, as a load test uses it (a number
// in a unit the histogram takes), from JavaScript, in one process, interleaved rounds.
// Run: npx tsx bench/load/clock-cost.ts
import { nativeClock } from '../../src/clock/index.js';

const N = 1_000_000;
const ROUNDS = 15;
const native = nativeClock();
const base = process.hrtime.bigint();
const paths: Array<[string, () => number]> = [
  ['performance.now() (ms as a double)', () => performance.now()],
  ['Number(process.hrtime.bigint() - base) (ns)', () => Number(process.hrtime.bigint() - base)],
];
if (native) {
  const now = native.now;
  const k = native.nsPerTick;
  paths.push([`native ${native.name} slot read x nsPerTick (ns)`, () => now() * k]);
} else console.log('addon unavailable: only the JavaScript clocks are measured');

let sink = 0;
const costs = new Map<string, number[]>(paths.map(([n]) => [n, []]));
for (let r = 0; r < ROUNDS + 3; r++) {
  for (const [name, read] of paths) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) sink += read();
    if (r >= 3) costs.get(name)!.push(Number(process.hrtime.bigint() - t0) / N); // 3 warm-up rounds
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
const ref = med(costs.get(paths[0][0])!);
console.log(`median of ${ROUNDS} interleaved rounds x ${N} reads (sink ${sink > 0 ? 'ok' : '?'})`);
for (const [name] of paths) {
  const c = med(costs.get(name)!);
  console.log(`${name.padEnd(48)} ${c.toFixed(1).padStart(6)} ns  ${(c / ref).toFixed(2)}x performance.now()`);
}
