// Workloads shared by the bench/states experiments (imported, not run directly).
// Each entry: { alloc: bytes-ish description, make(): () => unknown }. The caller sinks the result.
//
// json-parse    the JSON.parse example of bench/examples/basics.bench.ts (same text, ~3.8 KB/call)
// object-build  20 fresh objects with a fresh array each (the shape JSON.parse returns, built in JS)
// stringify     JSON.stringify of a fixed 20-user object (one ~1 KB string per call)
// concat        a 200-char string by += of short pieces, flattened (cons strings + flat copy)
// sort-fresh    data.slice().sort((x, y) => x - y) on 1000 numbers (the group example's Array#sort)
// lcg           non-allocating: 1000 dependent steps of x = imul(x, 1103515245) + 12345 | 0
// ilp           non-allocating: the lcg step on 8 independent chains (throughput-bound: sensitive
//               to a busy SMT sibling on the host, unlike the latency-bound lcg)
// regex         non-allocating but branchy: RegExp#test (irregexp native code, backtracking) over the
//               JSON text, no match (no allocation: a control for "complex code" without the heap)
// stream        non-allocating control: writes 4 KB (512 doubles) per call, walking through a 2 MB
//               buffer (the footprint of a 1 MB semi-space pair), i.e. allocation-like stores, no GC
// randread      non-allocating control: 256 dependent random reads in a 32 MB array (cache/DRAM bound)

export const text = JSON.stringify({ users: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `user${i}`, tags: ['a', 'b'] })) });
const obj = JSON.parse(text);
const data = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1009);

export const workloads = {
  'json-parse': () => () => JSON.parse(text),
  'object-build': () => () => {
    const users = [];
    for (let i = 0; i < 20; i++) users.push({ id: i, name: 'user' + i, tags: ['a', 'b'] });
    return { users };
  },
  stringify: () => () => JSON.stringify(obj),
  concat: () => () => {
    let s = '';
    for (let i = 0; i < 40; i++) s += 'ab' + i + ';';
    return s.length + s.charCodeAt(s.length >> 1); // forces flattening of the cons string
  },
  'sort-fresh': () => () => data.slice().sort((x, y) => x - y),
  regex: () => {
    const re = /"name":"user\d+","tags":\["[ab]","[ab]","[c]"/;
    return () => re.test(text);
  },
  stream: () => {
    const buf = new Float64Array(1 << 18); // 2 MB
    let pos = 0;
    return () => {
      for (let i = 0; i < 512; i++) buf[pos + i] = i;
      pos = (pos + 512) & ((1 << 18) - 1);
      return pos;
    };
  },
  randread: () => {
    const n = 1 << 22; // 4M int32 = 16 MB... x2 below
    const next = new Int32Array(2 * n);
    for (let i = 0; i < next.length; i++) next[i] = (Math.imul(i, 2654435761) >>> 0) % next.length;
    let p = 1;
    return () => {
      for (let i = 0; i < 256; i++) p = next[p];
      return p;
    };
  },
  ilp: () => () => {
    let a = 1,
      b = 2,
      c = 3,
      d = 4,
      e = 5,
      f = 6,
      g = 7,
      h = 8;
    for (let i = 0; i < 250; i++) {
      a = (Math.imul(a, 1103515245) + 12345) | 0;
      b = (Math.imul(b, 1103515245) + 12345) | 0;
      c = (Math.imul(c, 1103515245) + 12345) | 0;
      d = (Math.imul(d, 1103515245) + 12345) | 0;
      e = (Math.imul(e, 1103515245) + 12345) | 0;
      f = (Math.imul(f, 1103515245) + 12345) | 0;
      g = (Math.imul(g, 1103515245) + 12345) | 0;
      h = (Math.imul(h, 1103515245) + 12345) | 0;
    }
    return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h;
  },
  lcg: () => () => {
    let x = 1;
    for (let i = 0; i < 1000; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
    return x;
  },
};
