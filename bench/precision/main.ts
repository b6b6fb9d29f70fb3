// Precision comparison: cyclebench vs mitata, tinybench and benchmark.js on workloads of known
// relative cost (B does exactly 5% more work than A; A2 is a copy of A). For each tool and row,
// spawns N fresh processes of one.ts, one after another (never two tools at once), and reports:
//   (1) error of the measured B/A against 1.05 (mean and median absolute error over processes),
//   (2) CV of A's time across processes,
//   (3) fraction of processes where |A2/A - 1| > 1%,
//   (4) median wall time per process (the tool's own run, then the whole process).
// Run: npx tsx bench/precision/main.ts [--runs 10] [--tools cyclebench,mitata,tinybench,benchmarkjs] [--rows large,small]
//      [--precision P: cyclebench's precision target instead of its default, a sensitivity check]
//      [--min-time-ms T: cyclebench's minimum sampling time (budget 2T), as `cyclebench run --min-time`]
// Writes the markdown table to stdout, and to $OUT/precision.md when OUT is set.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOLS, type ToolName } from './runners.js';
import { EXPECTED_RATIO, ROWS, type Row } from './workloads.js';

const here = dirname(fileURLToPath(import.meta.url));

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(flag('runs') ?? 10);
const tools = (flag('tools') ?? TOOLS.join(',')).split(',') as ToolName[];
const rows = (flag('rows') ?? 'large,small').split(',') as Array<Row['name']>;
for (const t of tools) if (!TOOLS.includes(t)) throw new Error(`unknown tool '${t}'; expected some of ${TOOLS.join(', ')}`);
for (const r of rows) if (!ROWS[r]) throw new Error(`unknown row '${r}'; expected some of ${Object.keys(ROWS).join(', ')}`);
const precision = flag('precision');
if (precision !== undefined && !(Number(precision) > 0)) throw new Error(`--precision must be a positive number, got ${precision}`);
const minTimeMs = flag('min-time-ms');
if (minTimeMs !== undefined && !(Number(minTimeMs) > 0)) throw new Error(`--min-time-ms must be a positive number, got ${minTimeMs}`);
const cyclebenchFlags = [
  ...(precision !== undefined ? ['--precision', precision] : []),
  ...(minTimeMs !== undefined ? ['--min-time-ms', minTimeMs] : []),
];
if (!(Number.isInteger(runs) && runs >= 2)) throw new Error(`--runs must be an integer >= 2, got ${flag('runs')}`);

/** One process's JSON line, plus the driver's view of it. */
interface Line {
  tool: ToolName;
  row: Row['name'];
  stat: 'median' | 'mean';
  ratioBA: number;
  ratioA2A: number;
  aNs: number;
  wallMs: number;
  processMs: number;
}

/** The four metrics for one tool on one row. */
interface Metrics {
  tool: ToolName;
  row: Row['name'];
  stat: string;
  n: number;
  failed: number;
  /** Mean and median of |B/A - 1.05| / 1.05. */
  errMean: number;
  errMedian: number;
  /** Median B/A, for the reader. */
  ratioMedian: number;
  /** stddev / mean of A's time across processes. */
  cvA: number;
  /** Fraction of processes with |A2/A - 1| > 1%, and the largest deviation seen. */
  a2Miss: number;
  a2Worst: number;
  wallMs: number;
  processMs: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const stddev = (xs: number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

function spawnOne(tool: ToolName, row: Row['name']): Line | string {
  const t0 = performance.now();
  const p = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(here, 'one.ts'), '--tool', tool, '--row', row, ...(tool === 'cyclebench' ? cyclebenchFlags : [])],
    {
      encoding: 'utf8',
      maxBuffer: 16 << 20,
    },
  );
  const processMs = performance.now() - t0;
  const line = p.stdout.split('\n').find((l) => l.startsWith('{'));
  if (p.status !== 0 || !line) return `exit ${p.status}: ${(p.stderr || p.stdout).trim().split('\n').slice(-3).join(' / ')}`;
  return { ...(JSON.parse(line) as Omit<Line, 'processMs'>), processMs };
}

function metrics(tool: ToolName, row: Row['name'], lines: Line[], failed: number): Metrics {
  const err = lines.map((l) => Math.abs(l.ratioBA - EXPECTED_RATIO) / EXPECTED_RATIO);
  const a2 = lines.map((l) => Math.abs(l.ratioA2A - 1));
  const a = lines.map((l) => l.aNs);
  return {
    tool,
    row,
    stat: lines[0]?.stat ?? '-',
    n: lines.length,
    failed,
    errMean: mean(err),
    errMedian: median(err),
    ratioMedian: median(lines.map((l) => l.ratioBA)),
    cvA: stddev(a) / mean(a),
    a2Miss: a2.filter((d) => d > 0.01).length / lines.length,
    a2Worst: Math.max(...a2),
    wallMs: median(lines.map((l) => l.wallMs)),
    processMs: median(lines.map((l) => l.processMs)),
  };
}

const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)}%`;
const vs = (peer: number, cb: number) => (cb > 0 ? `${(peer / cb).toFixed(1)}x` : peer > 0 ? 'inf' : '=');

function table(all: Metrics[]): string {
  const out: string[] = [];
  for (const row of rows) {
    const ms = all.filter((m) => m.row === row);
    if (!ms.length) continue;
    const cb = ms.find((m) => m.tool === 'cyclebench');
    const r = ROWS[row];
    out.push(`\n**${row}** (A = ${r.iterationsA} iterations, B = ${r.iterationsB}; ${ms[0].n} processes per tool)\n`);
    out.push(
      '| tool | statistic | (1) B/A error, mean (median) | median B/A | (2) CV of A across processes | (3) A2/A off by >1% | worst A2/A | (4) tool wall, median | process wall, median |',
    );
    out.push('|---|---|---|---|---|---|---|---|---|');
    for (const m of ms) {
      const rel = (peer: number, c: number | undefined) => (cb && m !== cb && c !== undefined ? ` (${vs(peer, c)})` : '');
      out.push(
        `| ${m.tool}${m.failed ? ` (${m.failed} failed)` : ''} | ${m.stat} | ${pct(m.errMean)} (${pct(m.errMedian)})${rel(m.errMean, cb?.errMean)} | ${m.ratioMedian.toFixed(4)} | ${pct(m.cvA)}${rel(m.cvA, cb?.cvA)} | ${m.a2Miss * m.n}/${m.n} | ${pct(m.a2Worst)} | ${(m.wallMs / 1000).toFixed(2)} s${rel(m.wallMs, cb?.wallMs)} | ${(m.processMs / 1000).toFixed(2)} s |`,
      );
    }
  }
  return out.join('\n');
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.error(
  `precision: ${runs} processes x ${tools.join(', ')} x rows ${rows.join(', ')}${cyclebenchFlags.length ? ` (cyclebench ${cyclebenchFlags.join(' ')})` : ''} on ${cpu} (${availableParallelism()} cores), node ${process.version}`,
);
const all: Metrics[] = [];
const raw: Line[] = [];
for (const row of rows) {
  for (const tool of tools) {
    const lines: Line[] = [];
    let failed = 0;
    for (let i = 0; i < runs; i++) {
      const r = spawnOne(tool, row);
      if (typeof r === 'string') {
        failed++;
        console.error(`  ${row} ${tool} #${i + 1}: ${r}`);
        continue;
      }
      lines.push(r);
      raw.push(r);
      console.error(
        `  ${row} ${tool} #${i + 1}: B/A ${r.ratioBA.toFixed(4)}  A2/A ${r.ratioA2A.toFixed(4)}  A ${r.aNs.toFixed(1)} ns  ${(r.wallMs / 1000).toFixed(2)} s`,
      );
    }
    if (lines.length >= 2) all.push(metrics(tool, row, lines, failed));
  }
}

const md = [
  `Precision comparison, ${new Date().toISOString().slice(0, 10)}: ${cpu}, ${availableParallelism()} logical cores, node ${process.version}.`,
  ...(cyclebenchFlags.length ? [`cyclebench run with ${cyclebenchFlags.join(' ')} (not its defaults).`] : []),
  `Expected B/A = ${EXPECTED_RATIO}. Ratios in parentheses are peer / cyclebench (above 1: cyclebench is better, or faster for wall time).`,
  table(all),
  '',
].join('\n');
console.log(md);
const outDir = process.env.OUT;
if (outDir) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'precision.md'), md);
  writeFileSync(join(outDir, 'precision-raw.json'), JSON.stringify({ metrics: all, lines: raw }, null, 1));
}
