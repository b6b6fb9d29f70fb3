// Which tier does instruction mode count on each Node version? Replays its warm-up (a fixed number
// of calls of a generated loop, `iterations` calls per loop call, with the empty loop after each)
// with its deterministic V8 flags, natively, and prints the tier of the loop and of the benchmark
// body after warm-up counts of 10,000 (cyclebench's default), 30,000, 100,000 and 300,000 calls.
//
//   node-<v> --allow-natives-syntax --single-threaded --random-seed=1 --hash-seed=1 \
//     --predictable-gc-schedule --no-memory-reducer bench/tiering/instr-warmup.mjs
//
// The body is test/fixtures/instructions.bench.mjs's k2000: () => steps(2000).
function steps(k) {
  let s = 0;
  for (let i = 0; i < k; i++) s = (s + i * 7) & 0xffff;
  return s;
}
const body = () => steps(2000);
const getStatus = new Function('f', 'return %GetOptimizationStatus(f);');
const sh = getStatus(function neverCalled() {}) & (1 << 18) ? 0 : -1;
const B = (k) => 1 << (k + sh);
const tier = (fn) => {
  const s = getStatus(fn);
  return s & B(6) ? 'TF' : s & B(5) ? 'maglev' : s & B(15) ? 'sparkplug' : s & B(7) ? 'ignition' : `0x${s.toString(16)}`;
};
const mk = (name) =>
  new Function(`return function ${name}(fn, args, state, n, sink) { for (let i = 0; i < n; i++) sink.v = fn(args, state); return 0; }`)();
const loop = mk('cyclebench_k2000_0'),
  empty = mk('cyclebench_k2000_empty_1');
const noop = function () {};
const sink = { v: 0 },
  iterations = 100;
let calls = 0;
const out = [];
for (const target of [10_000, 30_000, 100_000, 300_000]) {
  while (calls < target) {
    loop(body, {}, undefined, iterations, sink);
    empty(noop, {}, undefined, iterations, sink);
    calls += iterations;
  }
  out.push(`${target} calls: loop ${tier(loop)}, body ${tier(body)}, steps ${tier(steps)}`);
}
console.log(`${process.version}: ${out.join(' | ')}`);
