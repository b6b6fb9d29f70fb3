// Per-read cost of every clock path in one run, with the ratio to process.hrtime.bigint.
// Run: npx tsx bench/clock-overhead.ts
import { loadNative } from '../src/native/load.js';

const { addon, reason } = loadNative();
const N = 1_000_000;
const ROUNDS = 15;

function costNs(read: () => unknown): number {
  const costs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) read();
    costs.push(Number(process.hrtime.bigint() - t0) / N);
  }
  costs.sort((a, b) => a - b);
  return costs[ROUNDS >> 1];
}

const paths: Array<[string, () => unknown]> = [];
if (addon) {
  const slot = addon.clockSlot;
  const into = addon.nowInto;
  paths.push(
    ['native now() lfence;rdtsc -> double', addon.now],
    ['native nowFenced() lfence;rdtsc;lfence -> double', addon.nowFenced],
    ['native nowRdtscp() rdtscp;lfence -> double', addon.nowRdtscp],
    ['native nowInto() -> Float64Array slot', () => (into(), slot[0])],
    ['native nowMonotonic() CLOCK_MONOTONIC_RAW', addon.nowMonotonic],
  );
} else console.log(`addon unavailable: ${reason}`);
const base = process.hrtime.bigint();
paths.push(
  ['process.hrtime.bigint()', () => process.hrtime.bigint()],
  ['process.hrtime.bigint() as ticks (fallback clock)', () => Number(process.hrtime.bigint() - base)],
  ['performance.now()', () => performance.now()],
  ['process.hrtime()', () => process.hrtime()],
);

for (const [, read] of paths) costNs(read); // warm every path before measuring any
const results = paths.map(([name, read]) => ({ name, ns: costNs(read) }));
const ref = results.find((r) => r.name === 'process.hrtime.bigint()')!.ns;
if (addon) {
  const d = [...addon.readDeltas(200_000)].sort((a, b) => a - b);
  console.log(`inside C++: median back-to-back lfence;rdtsc delta ${d[d.length >> 1]} ticks`);
}
console.log(`median of ${ROUNDS} rounds x ${N} reads, ns per read (ratio to process.hrtime.bigint)`);
for (const r of results) console.log(`${r.name.padEnd(50)} ${r.ns.toFixed(1).padStart(7)} ns  ${(r.ns / ref).toFixed(2)}x`);
