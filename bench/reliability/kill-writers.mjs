#!/usr/bin/env node
// kill -9 stress for the store, through the built package (dist/index.js; run `npm run build` first):
//
//   node bench/reliability/kill-writers.mjs [--kills 200] [--appenders 8] [--appends 50] [--dir DIR]
//
// 1. For each kind of write (a baseline as `--save-baseline` saves it, a tag as `--tag` does, a history
//    line as `--history` appends it), --kills times: a child loops writing through the store, is
//    SIGKILLed a random moment after its first write, and the file is checked: a baseline or tag must
//    be byte-for-byte the old or the new result, and history must parse with every entry whole (a torn
//    line is reported and skipped, never kept). Half the history kills arm the test fault slow-append,
//    which writes each line in pieces, so that kills also land inside lines.
// 2. --appenders processes append --appends lines each at once: every line present, whole, in order.
// Prints the counts; exits 1 if any file was lost or any check failed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = pathToFileURL(path.join(here, '../../dist/index.js')).href;
const { saveNamed, appendHistory, readHistory, loadNamed, readResult, writeResult } = await import(dist);

/** A synthetic result of `benchmarks` x `samples` (as the engine writes them), different per seed. */
function result(seed, benchmarks, samples) {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const stats = (s) => {
    const sorted = [...s].sort((a, b) => a - b);
    const q = (p) => sorted[Math.floor(p * (sorted.length - 1))];
    const mean = s.reduce((a, b) => a + b, 0) / s.length;
    return {
      n: s.length,
      mean,
      median: q(0.5),
      p50: q(0.5),
      p75: q(0.75),
      p90: q(0.9),
      p95: q(0.95),
      p99: q(0.99),
      p999: q(0.999),
      min: sorted[0],
      max: sorted.at(-1),
      stddev: 1,
      mad: 1,
      cv: 0.01,
      medianCI: { lo: q(0.45), hi: q(0.55), confidence: 0.95, method: 'order-statistics' },
      opsPerSec: 1e9 / q(0.5),
    };
  };
  return {
    schemaVersion: 1,
    tool: { name: 'cyclebench', version: '0.1.0' },
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: `2025-01-01T00:00:${String(seed % 60).padStart(2, '0')}.000Z`,
    mode: 'time',
    environment: {
      cpu: { model: 'stress', logicalCores: 2, governor: null, arch: 'x64' },
      os: { platform: 'linux', type: 'Linux', kernel: '6' },
      runtime: { node: 'v20', v8: '11', execArgv: [] },
      clock: { name: 'tsc', frequencyHz: 1e9, frequencySource: 'cpuid', resolutionNs: 1, overheadNs: 10 },
      native: { available: true, source: 'build' },
    },
    benchmarks: Array.from({ length: benchmarks }, (_, i) => {
      const s = Array.from({ length: samples }, () => 1000 + i + rand() * 10);
      return {
        id: `b${i}`,
        name: `b${i}`,
        status: 'ok',
        kind: 'cpu',
        unit: 'ns',
        stats: stats(s),
        samples: s,
        iterations: s.map(() => 1000),
        totalIterations: samples * 1000,
        stopReason: 'precision',
        wallMs: 100,
        flags: {},
      };
    }),
    groups: [],
    complexity: [],
  };
}

// ---- child: loop writing until killed -------------------------------------------------------------
if (process.argv[2] === 'child') {
  const [, , , kind, cwd, inputs, warmFile] = process.argv;
  const [a, b] = JSON.parse(fs.readFileSync(inputs, 'utf8'));
  const write = (run, i) =>
    kind === 'history' ? appendHistory(cwd, { ...run, tag: `${process.pid}-${i}` }) : saveNamed(cwd, kind, 'main', run);
  // Warm up (module loading, the validator's compilation) while the previous writer runs, then wait.
  readResult(warmFile);
  process.stdout.write('warm\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  try {
    write(a, 0);
    const t0 = performance.now();
    write(b, 1);
    process.stdout.write(`ready ${performance.now() - t0}\n`); // one write's duration, to spread the kills over
    for (let i = 2; ; i++) write(i % 2 ? b : a, i);
  } catch (e) {
    process.stderr.write(`writer: ${e.message}\n`); // e.g. it refuses to overwrite a file a bad writer tore
    process.exit(1);
  }
}

// ---- parent -------------------------------------------------------------------------------------
const { values: o } = parseArgs({
  options: {
    kills: { type: 'string', default: '200' },
    appenders: { type: 'string', default: '8' },
    appends: { type: 'string', default: '50' },
    dir: { type: 'string' },
  },
});
const KILLS = Number(o.kills);
const root = fs.mkdtempSync(path.join(o.dir ?? os.tmpdir(), 'cb-kill-'));
const self = fileURLToPath(import.meta.url);
const failures = [];
const fail = (what) => {
  failures.push(what);
  console.log(`  FAIL ${what}`);
};

/** Starts a writing child: it warms up and waits; `go()` lets it write; `ready` resolves after two writes with one's duration. */
function startWriter(kind, cwd, inputs, env = {}) {
  const p = spawn(process.execPath, [self, 'child', kind, cwd, inputs, warmFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  let out = '';
  const seen = (re) =>
    new Promise((resolve, reject) => {
      const look = () => {
        const m = re.exec(out);
        if (m) resolve(Number(m[1] ?? 0));
      };
      p.stdout.on('data', (d) => ((out += d), look()));
      p.on('exit', (code, signal) => reject(new Error(`writer exited early (${code ?? signal}): ${out}`)));
      look();
    });
  const warm = seen(/warm/);
  const ready = seen(/ready ([\d.]+)/);
  warm.catch(() => {});
  ready.catch(() => {});
  const exited = new Promise((resolve) => p.on('exit', (code, signal) => resolve(signal ?? code)));
  return { p, warm, ready, exited, go: () => p.stdin.write('go\n') };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Kills `kind` writers KILLS times and checks the file after each kill. */
async function killLoop(kind) {
  const cwd = path.join(root, kind);
  fs.mkdirSync(cwd, { recursive: true });
  // History lines of 30 benchmarks (4 KB: 70 pieces under slow-append); results of 20 x 2000 samples (0.8 MB).
  const runs = kind === 'history' ? [result(1, 30, 1), result(2, 30, 1)] : [result(1, 20, 2000), result(2, 20, 2000)];
  const inputs = path.join(cwd, 'inputs.json');
  fs.writeFileSync(inputs, JSON.stringify(runs));
  const texts = runs.map((r) => `${JSON.stringify(r, null, 2)}\n`);
  const file =
    kind === 'history'
      ? path.join(cwd, '.cyclebench', 'history.jsonl')
      : path.join(cwd, '.cyclebench', kind === 'baseline' ? 'baselines' : 'tags', 'main.json');
  // The two lines a writer appends (but for their tags), as the store itself writes and reads them.
  const entryOf = (e) => JSON.stringify({ ...e, tag: undefined });
  const scratch = path.join(cwd, 'scratch');
  for (const r of runs) appendHistory(scratch, r);
  const expected = new Set(readHistory(scratch).entries.map(entryOf));
  let tempsLeft = 0;
  let torn = 0;
  let lost = 0;
  let bytes = 0;
  const writer = (k) => startWriter(kind, cwd, inputs, kind === 'history' && k % 2 === 1 ? { CYCLEBENCH_TEST_FAULT: 'slow-append' } : {});
  let next = writer(0);
  for (let k = 0; k < KILLS; k++) {
    const w = next;
    let oneWrite;
    try {
      await w.warm;
      next = writer(k + 1); // warms up while this one writes
      w.go();
      oneWrite = await w.ready;
    } catch (e) {
      fail(`${kind} kill ${k}: ${e.message}`);
      continue;
    }
    await sleep(Math.random() * oneWrite * 3);
    w.p.kill('SIGKILL');
    const how = await w.exited;
    if (how !== 'SIGKILL') fail(`${kind} kill ${k}: the writer ended by ${how}, not SIGKILL`);
    if (kind === 'history') {
      const h = readHistory(cwd);
      const bad = h.entries.filter((e) => !expected.has(entryOf(e)));
      if (bad.length) fail(`${kind} kill ${k}: ${bad.length} entries are not whole lines`);
      torn = h.problems.length;
      bytes = fs.statSync(file).size;
    } else {
      const now = fs.readFileSync(file, 'utf8');
      if (!texts.includes(now)) {
        lost++;
        fail(`${kind} kill ${k}: the file is neither the old nor the new result (${now.length} bytes)`);
      }
      try {
        loadNamed(cwd, kind, 'main');
      } catch (e) {
        fail(`${kind} kill ${k}: ${e.message}`);
      }
      if (fs.readdirSync(path.dirname(file)).some((n) => n.endsWith('.tmp'))) tempsLeft++;
    }
  }
  next.p.kill('SIGKILL'); // the spare, which never wrote
  await next.exited;
  if (kind === 'history') {
    const h = readHistory(cwd);
    console.log(
      `${kind}: ${KILLS} kills (${KILLS / 2} with slow-append), ${h.entries.length} whole entries read, ${torn} torn lines reported and skipped, none kept; file ${(bytes / 1e6).toFixed(1)} MB`,
    );
    return { kind, kills: KILLS, lost: failures.filter((f) => f.startsWith(kind)).length, torn, entries: h.entries.length };
  }
  const dirNow = fs.readdirSync(path.dirname(file));
  console.log(
    `${kind}: ${KILLS} kills, ${lost} files lost, ${tempsLeft} kills left a temp file (killed mid-write: ignored by readers, removed by the next write); now in the directory: ${dirNow.join(', ')}`,
  );
  return { kind, kills: KILLS, lost, tempsLeft };
}

/** --appenders processes append --appends lines each at once. */
async function appendersAtOnce() {
  const cwd = path.join(root, 'appenders');
  fs.mkdirSync(cwd, { recursive: true });
  const n = Number(o.appenders);
  const each = Number(o.appends);
  const script = `const { appendHistory } = await import(${JSON.stringify(dist)});
    const run = JSON.parse(process.argv[1]);
    for (let i = 0; i < ${each}; i++) appendHistory(${JSON.stringify(cwd)}, { ...run, tag: process.argv[2] + '-' + i });`;
  const run = result(3, 5, 1);
  const t0 = performance.now();
  const codes = await Promise.all(
    Array.from(
      { length: n },
      (_, w) =>
        new Promise((resolve) => {
          spawn(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(run), `w${w}`], { stdio: 'inherit' }).on(
            'exit',
            resolve,
          );
        }),
    ),
  );
  const ms = performance.now() - t0;
  if (codes.some((c) => c !== 0)) fail(`appenders exited ${codes.join(',')}`);
  const h = readHistory(cwd);
  if (h.problems.length) fail(`appenders: ${h.problems.length} bad lines`);
  let disorder = 0;
  for (let w = 0; w < n; w++) {
    const mine = h.entries.filter((e) => e.tag.startsWith(`w${w}-`)).map((e) => Number(e.tag.split('-')[1]));
    if (mine.join() !== [...Array(each).keys()].join()) disorder++;
  }
  if (disorder) fail(`appenders: ${disorder} writers' lines missing or out of order`);
  console.log(
    `history: ${n} processes x ${each} appends at once: ${h.entries.length} of ${n * each} lines read whole, ${h.problems.length} bad, in ${(ms / 1000).toFixed(1)} s`,
  );
}

const warmFile = path.join(root, 'warm.json');
writeResult(warmFile, result(9, 1, 10));
console.log(`kill -9 stress in ${root} (${KILLS} kills per kind)`);
const t0 = performance.now();
for (const kind of ['baseline', 'tag', 'history']) await killLoop(kind);
await appendersAtOnce();
console.log(
  `${failures.length ? `FAILED: ${failures.length} checks` : 'all checks passed'}; ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
fs.rmSync(root, { recursive: true, force: true });
process.exitCode = failures.length ? 1 : 0;
