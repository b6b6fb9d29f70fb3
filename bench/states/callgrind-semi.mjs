// Intrinsic (contention-free) cost of a workload per call under each young-generation size:
// instructions, and cache misses in callgrind's simulated caches (modelled on this CPU), from the
// difference between two whole-process runs that differ only in the number of timed calls, so
// start-up and warm-up cancel. Deterministic, so the load on a shared machine does not enter.
//
//   node bench/states/callgrind-semi.mjs [--workload json-parse] [--sizes default,1,2,4,16]
//        [--calls 20000] [--cache-sim]        (needs valgrind; ~1-3 min per size)
//
// Prints per size: Ir/call, and with --cache-sim D1 and LL misses per call (read + write).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './lib.mjs';

const argv = process.argv.slice(2);
const get = (k, d) => {
  const i = argv.indexOf('--' + k);
  return i < 0 ? d : argv[i + 1];
};
const workload = get('workload', 'json-parse');
const sizes = get('sizes', 'default,1,2,16').split(',');
const calls = +get('calls', 20000);
const cacheSim = argv.includes('--cache-sim');
const extra = (get('flags', '') || '').split(' ').filter(Boolean);

function totals(size, batches) {
  const dir = mkdtempSync(join(tmpdir(), 'cg-semi-'));
  const flags = size === 'default' ? [] : [`--min-semi-space-size=${size}`, `--max-semi-space-size=${size}`];
  const out = join(dir, 'cg.out');
  const p = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      `--callgrind-out-file=${out}`,
      `--cache-sim=${cacheSim ? 'yes' : 'no'}`,
      process.execPath,
      '--random-seed=1',
      '--hash-seed=1',
      ...flags,
      ...extra,
      join(root, 'bench/states/plain-loop.mjs'),
      '--workload',
      workload,
      '--warmup',
      '20000',
      '--batches',
      String(batches),
      '--batch',
      String(calls / 2),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const text = readFileSync(out, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  const events = text.match(/^events: (.*)$/m)[1].split(' ');
  const sum = text.match(/^summary: (.*)$/m) ?? text.match(/^totals: (.*)$/m);
  const vals = sum[1].split(' ').map(Number);
  if (p.status !== 0) throw new Error(p.stderr.slice(-400));
  return Object.fromEntries(events.map((e, i) => [e, vals[i]]));
}
for (const size of sizes) {
  const a = totals(size, 2),
    b = totals(size, 4); // 2 vs 4 batches of calls/2: difference = `calls` calls
  const per = Object.fromEntries(Object.keys(a).map((k) => [k, (b[k] - a[k]) / calls]));
  const line = [`semi ${size.padEnd(7)}`, `Ir/call ${per.Ir.toFixed(0)}`];
  if (cacheSim)
    line.push(
      `D1 miss/call ${(per.D1mr + per.D1mw).toFixed(1)}`,
      `LL miss/call ${(per.DLmr + per.DLmw).toFixed(2)} (read ${per.DLmr.toFixed(2)}, write ${per.DLmw.toFixed(2)})`,
    );
  console.log(line.join('  '));
}
