// Cost of candidate in-process state signals, per call (median of 5 rounds of 2000 calls):
// v8.getHeapSpaceStatistics(), v8.getHeapStatistics(), process.memoryUsage(), process.cpuUsage(),
// process.resourceUsage(), performance.now(), and one canary batch (RegExp#test over the JSON text,
// 20 calls: the machine-state probe of probe.mjs).
//   node bench/states/signal-cost.mjs
import v8 from 'node:v8';
import { workloads } from './workloads.mjs';
const canary = workloads.regex();
const cands = {
  'v8.getHeapSpaceStatistics()': () => v8.getHeapSpaceStatistics(),
  'v8.getHeapStatistics()': () => v8.getHeapStatistics(),
  'process.memoryUsage()': () => process.memoryUsage(),
  'process.memoryUsage.rss()': () => process.memoryUsage.rss(),
  'process.cpuUsage()': () => process.cpuUsage(),
  'process.resourceUsage()': () => process.resourceUsage(),
  'performance.now()': () => performance.now(),
  'canary: 20 x RegExp#test': () => {
    let r;
    for (let i = 0; i < 20; i++) r = canary();
    return r;
  },
};
let sink;
for (const [name, f] of Object.entries(cands)) {
  const r = [];
  for (let k = 0; k < 5; k++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 2000; i++) sink = f();
    r.push(Number(process.hrtime.bigint() - t0) / 2000);
  }
  r.sort((a, b) => a - b);
  console.log(`${name.padEnd(30)} ${r[2].toFixed(0).padStart(7)} ns`);
}
