// Issue 20: which shapes of the lcg loop hit the slow state? Per-call wall ns/step by call window.
//   node-<v> bench/tiering/variants.mjs            (8 shapes, 1500 calls each, one process)
//   node-<v> bench/tiering/variants.mjs --wrapped   (3 wrapper shapes incl. a plain function, 4000 calls)
// Shapes: base (new Function('n', ...) called from top level), inner (closure returned by a
// new Function), var, param (x as a parameter, called through a wrapper), dbl (x starts as a double),
// ctx (x context-allocated: captured by an inner arrow), noret (result unused), global (x a global).
if (!process.argv.includes('--wrapped')) {
  const step = 'x = (Math.imul(x, 1103515245) + 12345) | 0;';
  const V = {
    base: () => new Function('n', `let x = 1; for (let i = 0; i < n; i++) ${step} return x;`),
    inner: () => new Function(`return function (n) { let x = 1; for (let i = 0; i < n; i++) ${step} return x; }`)(),
    var: () => new Function('n', `var x = 1; for (var i = 0; i < n; i++) ${step} return x;`),
    param: () => {
      const f = new Function('x', 'n', `for (let i = 0; i < n; i++) ${step} return x;`);
      return (n) => f(1, n);
    },
    dbl: () => {
      const f = new Function('x', 'n', `for (let i = 0; i < n; i++) ${step} return x;`);
      return (n) => f(Date.now() / 3, n);
    },
    ctx: () => new Function('n', `let x = 1; const g = () => x; for (let i = 0; i < n; i++) ${step} return g();`),
    noret: () => new Function('n', `let x = 1; for (let i = 0; i < n; i++) ${step}`),
    global: () =>
      new Function('n', `globalThis.gx = 1; for (let i = 0; i < n; i++) gx = (Math.imul(gx, 1103515245) + 12345) | 0; return gx;`),
  };
  const med = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
  for (const [k, mk] of Object.entries(V)) {
    const f = mk();
    const per = [];
    for (let i = 0; i < 1500; i++) {
      const t0 = process.hrtime.bigint();
      f(40000);
      per.push(Number(process.hrtime.bigint() - t0) / 40000);
    }
    console.log(
      process.version,
      k.padEnd(7),
      'calls 2-10',
      med(per.slice(1, 10)).toFixed(2),
      '11-100',
      med(per.slice(10, 100)).toFixed(2),
      '101-500',
      med(per.slice(100, 500)).toFixed(2),
      '501+',
      med(per.slice(500)).toFixed(2),
    );
  }
} else {
  const step = 'x = (Math.imul(x, 1103515245) + 12345) | 0;';
  const V = {
    'base+wrap': () => {
      const f = new Function('n', `let x = 1; for (let i = 0; i < n; i++) ${step} return x;`);
      return (n) => f(n);
    },
    'param+wrap': () => {
      const f = new Function('x', 'n', `for (let i = 0; i < n; i++) ${step} return x;`);
      return (n) => f(1, n);
    },
    'plainfn param+wrap': () => {
      function f(x, n) {
        for (let i = 0; i < n; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
        return x;
      }
      return (n) => f(1, n);
    },
  };
  const med = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
  const calls = 4000;
  for (const [k, mk] of Object.entries(V)) {
    const f = mk();
    const per = [];
    for (let i = 0; i < calls; i++) {
      const t0 = process.hrtime.bigint();
      f(40000);
      per.push(Number(process.hrtime.bigint() - t0) / 40000);
    }
    const w = [
      [1, 10],
      [10, 100],
      [100, 400],
      [400, 1000],
      [1000, 2000],
      [2000, 3000],
      [3000, 4000],
      [4000, 6000],
    ].filter(([a]) => a < calls);
    console.log(
      process.version,
      k.padEnd(19),
      w.map(([a, b]) => `${a + 1}-${Math.min(b, calls)}: ${med(per.slice(a, b)).toFixed(2)}`).join('  '),
    );
  }
}
