// Child for bench/counters/instructions.ts: the same work timed natively and under callgrind. Prints
// the wall time of the warm-up (uninstrumented under --instr-atstart=no) and of the measured window
// (fully instrumented), from inside the process, so valgrind's start-up is excluded.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const addon = require('node-gyp-build')(resolve(dirname(fileURLToPath(import.meta.url)), '../..'));

let sink = 0;
function work(n) {
  const a = [];
  for (let i = 0; i < n; i++) a.push((i * 2654435761) % 1000);
  a.sort((x, y) => x - y);
  sink += a[n >> 1];
}
const reps = Number(process.argv[2] ?? 2000);
const t0 = process.hrtime.bigint();
for (let i = 0; i < reps; i++) work(200);
const t1 = process.hrtime.bigint();
addon.callgrindBegin();
for (let i = 0; i < reps; i++) work(200);
addon.callgrindEnd('slowdown');
const t2 = process.hrtime.bigint();
console.log(JSON.stringify({ warmMs: Number(t1 - t0) / 1e6, windowMs: Number(t2 - t1) / 1e6, sink }));
