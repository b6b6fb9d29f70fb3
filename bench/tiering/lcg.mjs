// Issue 20: the dependent integer loop, call by call, in one process, and which tier runs it.
//
//   node [v8 flags] [--allow-natives-syntax] bench/tiering/lcg.mjs [--shape wrapper-let]
//        [--steps 40000] [--calls 4000] [--closures 1] [--unique] [--status] [--json]
//
// Shapes (each closure made with new Function, as in the issue):
//   direct         f = new Function('n', 'let x = 1; for (...) x = (Math.imul(x, 1103515245) + 12345) | 0; return x;')
//                  called as f(steps) from this script's top-level loop (never optimised itself)
//   wrapper-let    the same f, called through a small function w = (n) => f(n), like a benchmark
//                  body `() => f(40000)` that cyclebench's generated loop calls
//   wrapper-param  f = new Function('x', 'n', 'for (...) ...; return x;') called as w = (n) => f(1, n)
// Every call is timed (process.hrtime.bigint, and process.cpuUsage so that preemption on a shared
// machine does not count). Reports ns per step (CPU time): the first call, medians over windows of
// calls, and the call from which the running median (25 calls) stays within 10% of the final level.
// --status (needs --allow-natives-syntax) reads %GetOptimizationStatus of w and f after calls 1, 2,
// 3, 5, 10, 20, 50, 100, 200, 300, 400, 500, 700, 1000, 2000, 3000, ... and decodes the tier of
// each (the bit layout changed in V8 14: detected from a never-called function's kIsLazy bit).
// --closures 2 makes a second, identical closure (same source unless --unique) afterwards.
const arg = (k, d) => {
  const i = process.argv.indexOf('--' + k);
  return i < 0 ? d : process.argv[i + 1];
};
const steps = +arg('steps', 40000),
  calls = +arg('calls', 4000),
  closures = +arg('closures', 1);
const shape = arg('shape', 'wrapper-let');
const unique = process.argv.includes('--unique'),
  status = process.argv.includes('--status');
const step = 'x = (Math.imul(x, 1103515245) + 12345) | 0;';

let decode = () => undefined;
if (status) {
  const getStatus = new Function('f', 'return %GetOptimizationStatus(f);');
  const lazyBit = getStatus(function neverCalled() {}) & (1 << 18) ? 18 : 17; // kIsLazy
  const sh = lazyBit === 18 ? 0 : -1; // V8 14 dropped kAlwaysOptimize (bit 2): later bits moved down one
  const B = (k) => 1 << (k + sh);
  decode = (f) => {
    const s = getStatus(f);
    const t = [];
    if (s & B(6)) t.push('TF');
    if (s & B(5)) t.push('maglev');
    if (s & B(15)) t.push('sparkplug');
    if (s & B(7)) t.push('ignition');
    if (s & B(18)) t.push('lazy');
    if (s & B(3)) t.push('maybe-deopted');
    if (s & B(8) || s & B(9)) t.push('marked-TF');
    if (s & (1 << 21) || s & (1 << 22)) t.push('marked-maglev');
    if (s & B(10)) t.push('compiling');
    if (s & B(14)) t.push('marked-for-deopt');
    return t.join('+') || `0x${s.toString(16)}`;
  };
}
function make(c) {
  const tag = unique ? `/* closure ${c} */ ` : '';
  if (shape === 'wrapper-param') {
    const f = new Function('x', 'n', `${tag}for (let i = 0; i < n; i++) ${step} return x;`);
    return { f, w: (n) => f(1, n) };
  }
  const f = new Function('n', `${tag}let x = 1; for (let i = 0; i < n; i++) ${step} return x;`);
  return { f, w: shape === 'direct' ? f : (n) => f(n) };
}
const checkpoints = new Set([1, 2, 3, 5, 10, 20, 50, 100, 200, 300, 400, 500, 700, 1000, 2000, 3000, 4000, 5000, 7000, 10000, 20000]);
const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};
const windows = [
  [0, 1],
  [1, 10],
  [10, 100],
  [100, 400],
  [400, 1000],
  [1000, 2000],
  [2000, 3000],
  [3000, 4000],
  [4000, 6000],
  [6000, 10000],
  [10000, 20000],
];
const results = [];
let sink = 0;
for (let c = 0; c < closures; c++) {
  const { f, w } = make(c);
  const cpu = new Float64Array(calls),
    wall = new Float64Array(calls);
  const st = {};
  for (let i = 0; i < calls; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    sink ^= w(steps);
    const t1 = process.hrtime.bigint();
    const cu = process.cpuUsage(c0);
    wall[i] = Number(t1 - t0) / steps;
    cpu[i] = ((cu.user + cu.system) * 1000) / steps;
    if (status && checkpoints.has(i + 1)) st[i + 1] = shape === 'direct' ? decode(f) : `w:${decode(w)} f:${decode(f)}`;
  }
  const final = med(cpu.slice(Math.floor(calls * 0.8)));
  // First call from which the running median of 25 calls stays within 10% of the final level.
  let settledAt = calls;
  for (let i = calls - 25; i >= 0 && Math.abs(med(cpu.slice(i, i + 25)) / final - 1) <= 0.1; i--) settledAt = i + 1;
  const win = {};
  for (const [a, b] of windows) if (a < calls) win[`${a + 1}-${Math.min(b, calls)}`] = +med(cpu.slice(a, b)).toFixed(2);
  results.push({
    closure: c,
    windows: win,
    final: +final.toFixed(3),
    wallFinal: +med(wall.slice(Math.floor(calls * 0.8))).toFixed(3),
    settledAt,
    status: status ? st : undefined,
  });
}
const out = {
  node: process.version,
  v8: process.versions.v8,
  execArgv: process.execArgv,
  shape,
  steps,
  calls,
  unique,
  median: results[0].final,
  results,
  sink,
};
if (process.argv.includes('--json')) console.log(JSON.stringify(out));
else {
  console.log(`${process.version} (V8 ${process.versions.v8}) ${process.execArgv.join(' ')} shape ${shape}`);
  for (const r of results) {
    console.log(
      `closure ${r.closure}: CPU ns/step by calls ${Object.entries(r.windows)
        .map(([k, v]) => `${k}: ${v}`)
        .join('  ')}; final ${r.final}, within 10% from call ${r.settledAt}`,
    );
    if (r.status)
      console.log(
        '  status ' +
          Object.entries(r.status)
            .map(([k, v]) => `${k} ${v}`)
            .join(' | '),
      );
  }
}
