// Issue 20's LCG loop in fresh `cyclebench run` processes on several Node lines, with the machine's own
// speed measured beside it: the same loop in C (gcc -O2, 4 cycles per step like TurboFan's code),
// run right before and after each Node process. If the C loop's medians spread as much as Node's,
// the spread is the machine (host frequency and neighbours), not a JIT tier; the ratio of each Node
// median to the mean of its two adjacent C medians takes that out.
//   node bench/tiering/reference.mjs [--rounds 10] [--node 20=/path/to/node --node 24=... ...] [--out f.json]
// Default lines: this node, and 22/24/26 from ~/.cache/cyclebench-node/<major>/ when present.
// Needs gcc and a built package (npm run build).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { nodeLines } from '../node-lines.mjs';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '10' }, node: { type: 'string', multiple: true }, out: { type: 'string' } },
});
const rounds = Number(values.rounds);
const lines = values.node?.length ? values.node.map((s) => s.split('=')) : nodeLines();

const C_LOOP = `#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e9 + t.tv_nsec; }
__attribute__((noinline)) static int lcg(int n) {
  int x = 1;
  for (int i = 0; i < n; i++) { x = (int)((unsigned)x * 1103515245u + 12345u); __asm__ volatile("" : "+r"(x)); }
  return x;
}
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
int main(void) {
  volatile int sink = 0; double v[300];
  for (int i = 0; i < 4000; i++) sink += lcg(40000);
  for (int k = 0; k < 300; k++) { double t = now(); for (int r = 0; r < 10; r++) sink += lcg(40000); v[k] = (now() - t) / 10; }
  qsort(v, 300, sizeof v[0], cmp);
  printf("%.1f\\n", v[150]);
  return 0;
}
`;
const dir = mkdtempSync(join(tmpdir(), 'cb-ref-'));
writeFileSync(join(dir, 'lcg.c'), C_LOOP);
execFileSync('gcc', ['-O2', '-o', join(dir, 'lcg'), join(dir, 'lcg.c')]);
const cRun = () => Number(execFileSync(join(dir, 'lcg'), { encoding: 'utf8' }));

const cli = resolve(import.meta.dirname, '..', '..', 'bin', 'cyclebench.js');
const suite = resolve(import.meta.dirname, 'lcg.suite.mjs');
function cyclebench(node, i) {
  const out = join(dir, `r${i}.json`);
  execFileSync(node, [cli, 'run', suite, '--json', out, '--no-save', '--quiet'], { stdio: 'ignore' });
  const b = JSON.parse(readFileSync(out, 'utf8')).benchmarks[0];
  return { median: b.stats.median, stop: b.stopReason, tierChange: !!b.states?.tierChange, states: b.states?.states?.length ?? 1 };
}

const rows = Object.fromEntries(lines.map(([v]) => [v, []]));
const cMedians = [];
const loads = [];
let serial = 0;
for (let round = 0; round < rounds; round++) {
  loads.push(loadavg()[0]);
  // Rotate the lines' order each round so none always runs first after a C run.
  const order = lines.map((_, i) => lines[(i + round) % lines.length]);
  let before = cRun();
  cMedians.push(before);
  for (const [v, node] of order) {
    const r = cyclebench(node, serial++);
    const after = cRun();
    cMedians.push(after);
    rows[v].push({ ...r, reference: (before + after) / 2 });
    before = after;
  }
}

const spread = (xs) => Math.max(...xs) / Math.min(...xs);
const fmt = (ns) => (ns / 1000).toFixed(2);
console.log(`${rounds} rounds, load average ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`);
console.log(`C reference: ${fmt(Math.min(...cMedians))}-${fmt(Math.max(...cMedians))} µs, max/min ${spread(cMedians).toFixed(3)}`);
console.log('| Node | medians (µs) | max/min | median / adjacent C reference | max/min of the ratio | stops | tier change flagged |');
console.log('|---|---|---:|---|---:|---|---:|');
const summary = {};
for (const [v] of lines) {
  const rs = rows[v];
  const medians = rs.map((r) => r.median);
  const ratios = rs.map((r) => r.median / r.reference);
  const stops = [...new Set(rs.map((r) => r.stop))].join(', ');
  summary[v] = { medians, ratios, stops, tierChanges: rs.filter((r) => r.tierChange).length };
  console.log(
    `| ${v} | ${fmt(Math.min(...medians))}-${fmt(Math.max(...medians))} | ${spread(medians).toFixed(3)} | ${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)} | ${spread(ratios).toFixed(3)} | ${stops} | ${summary[v].tierChanges} of ${rs.length} |`,
  );
}
if (values.out) writeFileSync(values.out, JSON.stringify({ date: new Date().toISOString(), loads, cMedians, rows, summary }, null, 2));
