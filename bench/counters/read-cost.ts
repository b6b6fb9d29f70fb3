/**
 * Cost of one counter-group read (CounterSet.readInto, what the engine does at every sample
 * boundary) next to one clock read (addon.now()), in ns per call and as a ratio, measured side by
 * side in one process. Not a test: `npx tsx bench/counters/read-cost.ts`.
 */
import { loadNative } from '../../src/native/load.js';
import { openCounters } from '../../src/counters/set.js';
import { countersCapability } from '../../src/counters/capability.js';

const { addon, reason } = loadNative();
if (!addon) {
  console.log(`native addon not loaded: ${reason}`);
  process.exit(0);
}

const CALLS = 200_000;
const ROUNDS = 15;

/** Median and minimum ns per call of fn over ROUNDS rounds of CALLS calls. */
function nsPerCall(fn: () => void): { ns: number; min: number } {
  for (let i = 0; i < CALLS; i++) fn(); // warm-up
  const per: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) fn();
    per.push(Number(process.hrtime.bigint() - t0) / CALLS);
  }
  per.sort((a, b) => a - b);
  return { ns: per[Math.floor(per.length / 2)], min: per[0] };
}

const rows: Array<{ what: string; ns: number; min: number }> = [];
const now = addon.now;
rows.push({ what: 'empty JS call (loop floor)', ...nsPerCall(() => {}) });
rows.push({ what: 'addon.now() (clock read)', ...nsPerCall(() => void now()) });

const sets: Array<[string, 'default' | string[], boolean]> = [
  ['readInto, default set (all available groups)', 'default', true],
  ['readInto, software group only (4 events)', ['task-clock', 'page-faults', 'context-switches', 'cpu-migrations'], true],
  ['readInto, one software event', ['page-faults'], true],
  ['readInto, hardware group, rdpmc off (read())', ['cycles', 'instructions', 'branches', 'branch-misses'], false],
  ['readInto, hardware group, rdpmc on', ['cycles', 'instructions', 'branches', 'branch-misses'], true],
];
for (const [what, events, rdpmc] of sets) {
  const set = openCounters(events, { rdpmc })!;
  if (set.length === 0) {
    rows.push({ what: `${what}: nothing opened (${set.events.find((e) => !e.available)?.reason})`, ns: Number.NaN, min: Number.NaN });
    set.close();
    continue;
  }
  const buf = new Float64Array(set.length);
  const r = nsPerCall(() => set.readInto(buf));
  const s = set.readStats();
  rows.push({ what: `${what} [${s.rdpmcReads > 0 ? 'rdpmc' : 'read()'}]`, ...r });
  set.close();
}
{
  const set = openCounters('default')!;
  const a = new Float64Array(set.length);
  const b = new Float64Array(set.length);
  set.readInto(a);
  set.readInto(b);
  rows.push({ what: 'perIteration(before, after, n), default set (JS)', ...nsPerCall(() => void set.perIteration(a, b, 1000)) });
  set.close();
}

const clockNs = rows[1].ns;
console.log(`cyclebench counters read cost (node ${process.version}, ${CALLS} calls x ${ROUNDS} rounds, median)`);
const cap = countersCapability();
console.log(`hardware: ${cap.hardware.available ? 'yes' : cap.hardware.reason}; rdpmc: ${cap.rdpmc.available ? 'yes' : cap.rdpmc.reason}`);
const clockMin = rows[1].min;
const f = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(1));
console.log('| what | median ns per call | x clock read | min ns per call | x clock read (min) |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.what} | ${f(r.ns)} | ${f(r.ns / clockNs)} | ${f(r.min)} | ${f(r.min / clockMin)} |`);
