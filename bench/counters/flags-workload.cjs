// Child script for the V8-flag experiment (bench/counters/flags-experiment.ts): warms a mixed workload
// up (numbers, objects, strings, arrays: JIT and GC both matter), then measures it and an empty loop
// in callgrind windows. With --allow-natives-syntax it also prints V8's optimisation status.
'use strict';
const path = require('node:path');
const addon = require('node-gyp-build')(path.resolve(__dirname, '../..'));

const heavy = process.argv[4] === 'heavy';
const retained = [];
function work(n) {
  let s = 0;
  // 'heavy': keep objects alive across calls, so the heap grows and GCs have survivors to move.
  if (heavy) retained.push(new Array(64).fill(n), { n, s: 'r' + n });
  const objs = [];
  for (let i = 0; i < n; i++) {
    s += (i * 31) ^ (s >>> 3);
    objs.push({ i, k: 'k' + (i & 7) });
  }
  objs.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  return s + objs[0].i + objs.length;
}

const N = Number(process.argv[2] || 200);
const warm = Number(process.argv[3] || 300);
let sink = 0;
function real() {
  for (let i = 0; i < N; i++) sink += work(50);
}
function empty() {
  for (let i = 0; i < N; i++) sink += 0;
}
for (let w = 0; w < warm; w++) {
  sink += work(50);
}
real();
empty();
let status = null;
try {
  status = new Function('f', 'return %GetOptimizationStatus(f)')(work);
} catch {
  /* natives syntax not enabled */
}
addon.callgrindBegin();
real();
addon.callgrindEnd('real');
addon.callgrindBegin();
empty();
addon.callgrindEnd('empty');
if (status !== null) {
  // Bits of V8 11.3's OptimizationStatus (src/runtime/runtime.h): 16 optimized, 32 maglevved,
  // 64 turbofanned, 128 interpreted, 1 << 15 baseline (Sparkplug).
  const s = status;
  console.log(
    JSON.stringify({ status: s, optimized: !!(s & 16), turbofanned: !!(s & 64), interpreted: !!(s & 128), baseline: !!(s & (1 << 15)) }),
  );
}
if (sink === 0.5) console.log(sink);
