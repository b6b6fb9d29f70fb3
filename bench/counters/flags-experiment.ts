/**
 * Which V8 flags make instruction counts repeat under callgrind without giving up TurboFan? Runs
 * flags-workload.cjs (numbers, objects, strings, a sort; warmed up, then measured in a callgrind
 * window next to an empty loop) RUNS times per candidate flag set and prints the counts, whether they
 * were identical, the wall time per run, and V8's optimisation status of the measured function.
 * Not a test: `npx tsx bench/counters/flags-experiment.ts [runs]` (about 5 s per run on an idle VM).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callgrindArgs, deterministicNodeFlags, readDumps, valgrindCapability } from '../../src/counters/valgrind.js';

const cap = valgrindCapability();
if (!cap.available) {
  console.log(`skipped: ${cap.reason}`);
  process.exit(0);
}
const RUNS = Number(process.argv[2] ?? 5);
const workload = fileURLToPath(new URL('./flags-workload.cjs', import.meta.url));

interface Candidate {
  name: string;
  flags: string[];
  toggle: boolean;
  heavy?: boolean;
}
const full = deterministicNodeFlags();
const candidates: Candidate[] = [
  { name: '(defaults)', flags: [], toggle: true },
  { name: '--no-concurrent-recompilation', flags: ['--no-concurrent-recompilation'], toggle: true },
  { name: '--single-threaded-gc', flags: ['--single-threaded-gc'], toggle: true },
  { name: '--single-threaded', flags: ['--single-threaded'], toggle: true },
  { name: '--hash-seed=1 --random-seed=1', flags: ['--hash-seed=1', '--random-seed=1'], toggle: true },
  { name: '--predictable', flags: ['--predictable'], toggle: true },
  {
    name: '--single-threaded --hash-seed=1 --random-seed=1',
    flags: ['--single-threaded', '--hash-seed=1', '--random-seed=1'],
    toggle: true,
  },
  { name: `${full.join(' ')} (cyclebench), GCTracer::Output counted`, flags: full, toggle: false },
  { name: `${full.join(' ')} (cyclebench)`, flags: full, toggle: true },
  { name: '(defaults), heavy (retains objects across calls)', flags: [], toggle: true, heavy: true },
  { name: `${full.join(' ')} (cyclebench), heavy (retains objects)`, flags: full, toggle: true, heavy: true },
];

function once(c: Candidate, natives = false): { real: number; empty: number; wallS: number; status?: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cyclebench-flags-'));
  try {
    const args = callgrindArgs(dir).filter((a) => c.toggle || !a.startsWith('--toggle-collect'));
    const node = [...c.flags, ...(natives ? ['--allow-natives-syntax'] : []), workload, '200', '300', c.heavy ? 'heavy' : 'light'];
    const t0 = Date.now();
    const r = spawnSync(cap.path!, [...args, process.execPath, ...node], { encoding: 'utf8' });
    const wallS = (Date.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`run failed: ${r.stderr.slice(-2000)}`);
    const m = readDumps(dir);
    return { real: m.get('real')!.Ir, empty: m.get('empty')!.Ir, wallS, status: r.stdout.trim().split('\n')[0] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`${cap.version}; node ${process.version}; ${RUNS} runs per flag set; window = 200 x work(50)`);
console.log(`| flags | real window Ir (distinct values over ${RUNS} runs) | identical | empty window | s per run |`);
console.log('|---|---|---|---|---:|');
for (const c of candidates) {
  const rs = Array.from({ length: RUNS }, () => once(c));
  const reals = [...new Set(rs.map((r) => r.real))];
  const empties = [...new Set(rs.map((r) => r.empty))];
  const same = reals.length === 1 && empties.length === 1;
  const wall = rs.reduce((s, r) => s + r.wallS, 0) / rs.length;
  const show = (v: number[]) => (v.length === 1 ? String(v[0]) : `${v.length} values: ${Math.min(...v)} .. ${Math.max(...v)}`);
  console.log(`| ${c.name} | ${show(reals)} | ${same ? 'yes' : 'no'} | ${show(empties)} | ${wall.toFixed(1)} |`);
}
console.log('\nV8 optimisation status of the measured function after warm-up (--allow-natives-syntax run):');
for (const c of [candidates[0], candidates[8]]) console.log(`${c.name}: ${once(c, true).status}`);
