// Is the canary's slow state the other vCPU being busy? Pins nothing itself: run it under
// `taskset -c 0` so that "the other vCPU" is cpu1. Per ~10 ms batch of the regex canary it prints
// CPU ns/call and cpu1's busy percentage over the batch (from /proc/stat).
//   taskset -c 0 node bench/states/sibling.mjs
import { workloads } from './workloads.mjs';
import { readFileSync } from 'node:fs';
const fn = workloads.regex();
let s;
const K = 10000;
for (let i = 0; i < 50000; i++) s = fn();
const cpu1 = () =>
  readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('cpu1 '))
    .split(/\s+/)
    .slice(1)
    .map(Number);
const out = [];
for (let b = 0; b < 60; b++) {
  const a = cpu1();
  const c0 = process.cpuUsage();
  for (let i = 0; i < K; i++) s = fn();
  const c1 = process.cpuUsage(c0);
  const z = cpu1();
  const tot = z.reduce((x, y) => x + y, 0) - a.reduce((x, y) => x + y, 0);
  const idle = z[3] + z[4] - (a[3] + a[4]);
  out.push(`${Math.round(((c1.user + c1.system) * 1000) / K)}:${tot ? Math.round(100 * (1 - idle / tot)) : '?'}`);
}
console.log(out.join(' '));
