// Issue 20: the lcg loop across Node versions and V8 tier flags, in fresh processes (sequential).
//
//   node bench/tiering/matrix.mjs [--versions 20,22,24,26] [--runs 5] [--calls 4000]
//        [--shape wrapper-let] [--out file.json] [--cfg "name:v8 flags" ...]
//
// Without --cfg runs the default set: default, --no-maglev, --no-turbofan, --no-sparkplug,
// --osr-from-maglev, --no-maglev-inlining, --max-maglev-inlined-bytecode-size=0, --no-use-osr
// (each only where `node --v8-options` lists the flag). Prints per version and configuration,
// across processes: the CPU ns/step of calls 101-400 and of the last 20% of calls (median
// [min-max]), the processes whose last 20% is slow (> 2 ns/step), and the median call from which
// the time is settled. Needs the binaries of .cache/node-versions (see docs/tiering.md).
import { spawnSync, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, nodeBinary, fmt } from '../states/lib.mjs';

const argv = process.argv.slice(2);
const get = (k, d) => {
  const i = argv.indexOf('--' + k);
  return i < 0 ? d : argv[i + 1];
};
const all = (k) => argv.flatMap((a, i) => (a === '--' + k ? [argv[i + 1]] : []));
const versions = get('versions', '20,22,24,26').split(','),
  runs = +get('runs', 5),
  calls = get('calls', '4000'),
  shape = get('shape', 'wrapper-let');
let cfgs = all('cfg').map((c) => {
  const i = c.indexOf(':');
  return {
    name: c.slice(0, i),
    flags: c
      .slice(i + 1)
      .trim()
      .split(/\s+/)
      .filter(Boolean),
  };
});
if (!cfgs.length)
  cfgs = [
    { name: 'default', flags: [] },
    { name: 'no-maglev', flags: ['--no-maglev'] },
    { name: 'no-turbofan', flags: ['--no-turbofan'] },
    { name: 'no-sparkplug', flags: ['--no-sparkplug'] },
    { name: 'osr-from-maglev', flags: ['--osr-from-maglev'] },
    { name: 'no-maglev-inlining', flags: ['--no-maglev-inlining'] },
    { name: 'maglev-inline-0', flags: ['--max-maglev-inlined-bytecode-size=0'] },
    { name: 'no-use-osr', flags: ['--no-use-osr'] },
  ];
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const out = [];
for (const v of versions) {
  const node = nodeBinary(v);
  const opts = execFileSync(node, ['--v8-options'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const has = (f) => new RegExp(`^\\s+--${f.replace(/^--(no-)?/, '').replace(/=.*/, '')}\\b`, 'm').test(opts);
  for (const c of cfgs) {
    if (!c.flags.every(has)) {
      console.log(`node ${v} ${c.name.padEnd(20)} (flag not in this V8)`);
      continue;
    }
    const res = [];
    for (let r = 0; r < runs; r++) {
      const p = spawnSync(node, [...c.flags, join(root, 'bench/tiering/lcg.mjs'), '--shape', shape, '--calls', calls, '--json'], {
        encoding: 'utf8',
      });
      try {
        res.push(JSON.parse(p.stdout.trim().split('\n').at(-1)).results[0]);
      } catch {
        console.log('error', p.stderr.slice(-300));
      }
    }
    const early = res.map((x) => x.windows['101-400']),
      fin = res.map((x) => x.final);
    const slow = fin.filter((x) => x > 2).length;
    const row = { node: v, config: c.name, flags: c.flags.join(' '), early, final: fin, settledAt: res.map((x) => x.settledAt) };
    out.push(row);
    console.log(
      `node ${v} ${c.name.padEnd(20)} calls 101-400 ${fmt(med(early))} [${fmt(Math.min(...early))}-${fmt(Math.max(...early))}]  last 20% ${fmt(med(fin))} [${fmt(Math.min(...fin))}-${fmt(Math.max(...fin))}]  slow ${slow}/${res.length}  settled from call ~${med(row.settledAt)}`,
    );
  }
}
if (get('out')) writeFileSync(get('out'), JSON.stringify({ argv, rows: out }, null, 1));
