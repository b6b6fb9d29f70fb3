// How many calls, and how long, until V8 runs a benchmark body in TurboFan (the tier long-running
// production code ends in)? Child under --allow-natives-syntax; polls %GetOptimizationStatus.
//
//   node-<v> --allow-natives-syntax bench/tiering/time-to-tf.mjs [--body lcg|sum|json|all] [--max-ms 8000]
//
// A measuring loop made with new Function (like cyclebench's generated loop: `for (i < n) sink.v =
// fn(args, state)`) calls the body in batches sized for ~100 us (cyclebench's minimum sample),
// as cyclebench's sampler does. After every batch (every 10th after the first 1000) the tiers of
// the loop and the body are read (the read's cost is measured and printed; it is outside the
// timed batch but adds to elapsed ms). Bodies:
//   lcg   () => f(40000), f = new Function('n', 'let x = 1; for (...) x = (Math.imul(x, 1103515245) + 12345) | 0; return x;')
//   sum   ({ n }) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; } with n = 100
//   json  () => JSON.parse(text) (the bench/examples text)
// Prints per body: calls and ms until the body is first TurboFan, until the loop is, the last tier
// change seen, and ns per call in the first 50 ms, at the first TF sighting and at the end.
const arg = (k, d) => {
  const i = process.argv.indexOf('--' + k);
  return i < 0 ? d : process.argv[i + 1];
};
const which = arg('body', 'all'),
  maxMs = +arg('max-ms', 8000);
const getStatus = new Function('f', 'return %GetOptimizationStatus(f);');
const sh = getStatus(function neverCalled() {}) & (1 << 18) ? 0 : -1;
const B = (k) => 1 << (k + sh);
const tier = (fn) => {
  const s = getStatus(fn);
  const t =
    s & B(6) ? 'TF' : s & B(5) ? 'maglev' : s & B(15) ? 'sparkplug' : s & B(7) ? 'ignition' : s & B(18) ? 'lazy' : `0x${s.toString(16)}`;
  return s & B(3) ? t + '(deopted)' : t;
};
// cost of one status read
{
  const g = () => 1;
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < 10000; i++) getStatus(g);
  const ns = Number(process.hrtime.bigint() - t0) / 10000;
  console.log(`%GetOptimizationStatus costs ${ns.toFixed(0)} ns per call here`);
}

const text = JSON.stringify({ users: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `user${i}`, tags: ['a', 'b'] })) });
const f = new Function('n', 'let x = 1; for (let i = 0; i < n; i++) x = (Math.imul(x, 1103515245) + 12345) | 0; return x;');
const bodies = {
  lcg: { fn: () => f(40000), args: {} },
  sum: {
    fn: ({ n }) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += i;
      return s;
    },
    args: { n: 100 },
  },
  json: { fn: () => JSON.parse(text), args: {} },
};
let serial = 0;
for (const [name, { fn, args }] of Object.entries(bodies)) {
  if (which !== 'all' && which !== name) continue;
  const loop = new Function(
    `return function cyclebench_like_${serial++}(fn, args, state, n, sink) { for (let i = 0; i < n; i++) sink.v = fn(args, state); }`,
  )();
  const sink = { v: 0 };
  const start = performance.now();
  let batches = 0,
    calls = 0,
    n = 1,
    lastBody = '',
    lastLoop = '',
    changes = [],
    firstTF = null,
    loopTF = null;
  const perCall = [];
  while (performance.now() - start < maxMs) {
    const t0 = process.hrtime.bigint();
    loop(fn, args, undefined, n, sink);
    const dt = Number(process.hrtime.bigint() - t0);
    calls += n;
    const ms = performance.now() - start;
    perCall.push([ms, dt / n]);
    if (dt < 100_000)
      n = Math.min(n * 2, Math.ceil((n * 110_000) / Math.max(dt, 1))); // ~100 us batches
    else if (dt > 400_000) n = Math.max(1, Math.round((n * 100_000) / dt));
    batches++;
    if (batches > 1000 && batches % 10) continue; // poll every batch at first, then every 10th
    const tb = tier(fn),
      tl = tier(loop);
    if (tb !== lastBody || tl !== lastLoop) {
      changes.push({ calls, ms: +ms.toFixed(1), body: tb, loop: tl });
      lastBody = tb;
      lastLoop = tl;
    }
    if (!firstTF && tb === 'TF') firstTF = { calls, ms: +ms.toFixed(1) };
    if (!loopTF && tl === 'TF') loopTF = { calls, ms: +ms.toFixed(1) };
  }
  const medIn = (a, b) => {
    const xs = perCall
      .filter(([t]) => t >= a && t < b)
      .map(([, v]) => v)
      .sort((p, q) => p - q);
    return xs.length ? xs[xs.length >> 1] : NaN;
  };
  const at = firstTF ? firstTF.ms : maxMs;
  console.log(
    `${process.version} ${name}: body TF at ${firstTF ? `${firstTF.calls} calls, ${firstTF.ms} ms` : 'never'}; loop TF at ${loopTF ? `${loopTF.calls} calls, ${loopTF.ms} ms` : 'never'}; ` +
      `ns/call first 50 ms ${medIn(0, 50).toFixed(0)}, around first body TF ${medIn(at - 100, at).toFixed(0)} -> ${medIn(at, at + 100).toFixed(0)}, last 500 ms ${medIn(maxMs - 500, maxMs).toFixed(0)}`,
  );
  console.log('  tier changes: ' + changes.map((c) => `${c.calls}/${c.ms}ms body=${c.body} loop=${c.loop}`).join(' | '));
}
