/**
 * Instruction-count mode, measured: determinism of repeated runs, accuracy of the empty-loop
 * subtraction against loops of known instruction count, and the slowdown of callgrind against
 * native for the same work. Not a test: `npx tsx bench/counters/instructions.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNative } from '../../src/native/load.js';
import { callgrindArgs, deterministicNodeFlags, runUnderCallgrind, valgrindCapability } from '../../src/counters/valgrind.js';

const { addon, reason } = loadNative();
const cap = valgrindCapability();
if (!addon || !cap.available) {
  console.log(`skipped: ${!addon ? `native addon not loaded: ${reason}` : cap.reason}`);
  process.exit(0);
}
const child = fileURLToPath(new URL('../../test/counters/fixtures/instructions-child.mjs', import.meta.url));
const slow = fileURLToPath(new URL('./slowdown-child.mjs', import.meta.url));

console.log(`${cap.version} at ${cap.path}; node ${process.version}; flags ${deterministicNodeFlags().join(' ')}`);

// 1. Accuracy. The child measures realLoop(n) (body: 100 integer steps) and emptyLoop(n) for
//    n = N, 1.05N, 2N, and the native known loop (3 instructions per iteration on x86-64) for K, 2K, 0.
const N = 2000;
const K = 100_000;
const runs: Array<Map<string, { Ir: number }>> = [];
for (let r = 0; r < 3; r++) runs.push(await runUnderCallgrind({ script: child, args: [String(N), String(K)] }));
const m = runs[0];
const ir = (l: string) => m.get(l)!.Ir;
const identical = runs.every((x) => [...m].every(([k, v]) => x.get(k)?.Ir === v.Ir));
console.log(`\n3 runs identical in every window: ${identical}`);
console.log('| window | Ir |');
console.log('|---|---:|');
for (const [k, v] of m) console.log(`| ${k} | ${v.Ir} |`);
const per = addon.knownLoopInstructionsPerIteration as number;
console.log('\n| estimate | instructions per iteration |');
console.log('|---|---:|');
console.log(`| known loop, exact | ${per} |`);
console.log(`| known loop, (count(K) - count(0)) / K | ${(ir(`known-${K}`) - ir('known-0')) / K} |`);
console.log(`| known loop, (count(2K) - count(K)) / K | ${(ir(`known-${2 * K}`) - ir(`known-${K}`)) / K} |`);
for (const n of [N, Math.round(N * 1.05), 2 * N])
  console.log(`| JS body, (real(${n}) - empty(${n})) / ${n} | ${((ir(`real-${n}`) - ir(`empty-${n}`)) / n).toFixed(4)} |`);
console.log(`| JS body, two-point: (real(2N) - real(N)) / N (body + loop) | ${((ir(`real-${2 * N}`) - ir(`real-${N}`)) / N).toFixed(4)} |`);
console.log(`| JS empty loop, two-point: (empty(2N) - empty(N)) / N | ${((ir(`empty-${2 * N}`) - ir(`empty-${N}`)) / N).toFixed(4)} |`);
console.log(
  `| window fixed cost: empty(N) - N * empty slope | ${ir(`empty-${N}`) - N * ((ir(`empty-${2 * N}`) - ir(`empty-${N}`)) / N)} |`,
);

// 2. Slowdown: the same work natively and under callgrind, timed inside the child.
const reps = 2000;
function timed(cmd: string, args: string[]): { wallMs: number; warmMs: number; windowMs: number } {
  const t0 = Date.now();
  const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const wallMs = Date.now() - t0;
  const j = JSON.parse(out.trim().split('\n').pop()!) as { warmMs: number; windowMs: number };
  return { wallMs, ...j };
}
const flags = deterministicNodeFlags();
const dumps = mkdtempSync(join(tmpdir(), 'cyclebench-slowdown-'));
const nativeRun = timed(process.execPath, [...flags, slow, String(reps)]);
const cg = timed(cap.path!, [...callgrindArgs(dumps), process.execPath, ...flags, slow, String(reps)]);
const startNative = timed(process.execPath, [...flags, slow, '1']);
const startCg = timed(cap.path!, [...callgrindArgs(dumps), process.execPath, ...flags, slow, '1']);
console.log(`\n| same work (${reps} x sort 200) | native ms | callgrind ms | slowdown |`);
console.log('|---|---:|---:|---:|');
const row = (what: string, a: number, b: number) => console.log(`| ${what} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(1)}x |`);
row('process start to exit, trivial work', startNative.wallMs, startCg.wallMs);
row('uninstrumented phase (--instr-atstart=no)', nativeRun.warmMs, cg.warmMs);
row('measured window (instrumented, collecting)', nativeRun.windowMs, cg.windowMs);
row('whole process', nativeRun.wallMs, cg.wallMs);
rmSync(dumps, { recursive: true, force: true });
