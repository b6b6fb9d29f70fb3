// Spread of medians across fresh processes, for several configurations interleaved round by round.
//
//   node bench/states/fresh.mjs [--rounds 10] [--out results.json] [--node 20|22|24|26]
//        (--plain "plain-loop.mjs args" | --cb "cyclebench run args")
//        --cfg "name:v8 flags" [--cfg ...]
//
// Examples:
//   node bench/states/fresh.mjs --cb "bench/examples --filter JSON.parse" \
//        --cfg "default:" --cfg "semi16:--min-semi-space-size=16 --max-semi-space-size=16"
//   node bench/states/fresh.mjs --plain "--workload json-parse" --cfg "default:" --cfg "trace:--trace-gc"
//
// Prints per configuration and benchmark: median of the medians, CV across processes, min, max, and
// every process's median in run order; --out saves everything (including load averages).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFresh, summarize, fmt, pct, root, nodeBinary } from './lib.mjs';

const argv = process.argv.slice(2);
const get = (k) => {
  const i = argv.indexOf('--' + k);
  return i < 0 ? undefined : argv[i + 1];
};
const all = (k) => argv.flatMap((a, i) => (a === '--' + k ? [argv[i + 1]] : []));
const rounds = +(get('rounds') ?? 10);
const node = nodeBinary(get('node'));
const split = (s) => (s ?? '').trim().split(/\s+/).filter(Boolean);
const plain = get('plain'),
  cb = get('cb');
const configs = all('cfg').map((c) => {
  const i = c.indexOf(':');
  const name = c.slice(0, i),
    flags = split(c.slice(i + 1));
  return cb !== undefined
    ? { name, node, flags, kind: 'cyclebench', args: split(cb) }
    : { name, node, flags, kind: 'plain', args: [join(root, 'bench', 'states', 'plain-loop.mjs'), ...split(plain)] };
});
if (!configs.length)
  configs.push({
    name: 'default',
    node,
    flags: [],
    kind: cb ? 'cyclebench' : 'plain',
    args: cb ? split(cb) : [join(root, 'bench/states/plain-loop.mjs'), ...split(plain)],
  });

const runs = runFresh(configs, rounds, {
  keepSamples: argv.includes('--keep-samples'),
  onRun: (c, r, res) => {
    const m = res.result.error
      ? 'ERROR ' + res.result.error
      : c.kind === 'plain'
        ? fmt(res.result.median)
        : Object.entries(res.result)
            .map(([k, v]) => `${k}=${fmt(v.median)}`)
            .join(' ');
    process.stderr.write(`round ${r + 1} ${c.name}: ${m} (load ${res.load.toFixed(2)})\n`);
  },
});
const summary = [];
configs.forEach((c, i) => {
  const ids = c.kind === 'plain' ? [undefined] : [...new Set(runs[i].flatMap((x) => Object.keys(x.result).filter((k) => k !== 'error')))];
  for (const id of ids) {
    const ms = runs[i].map((x) => (id === undefined ? x.result.median : x.result[id]?.median));
    const s = summarize(ms);
    summary.push({ config: c.name, flags: c.flags.join(' '), id: id ?? c.args.slice(1).join(' '), ...s, medians: ms });
    console.log(
      `${c.name.padEnd(14)} ${(id ?? '').padEnd(22)} median ${fmt(s.median).padStart(7)}  cv ${pct(s.cv).padStart(6)}  min ${fmt(s.min).padStart(7)}  max ${fmt(s.max).padStart(7)}  [${ms.map((m) => fmt(m)).join(' ')}]`,
    );
  }
});
const loads = runs.flat().map((x) => x.load);
console.log(`load average (1 min) during runs: ${fmt(Math.min(...loads))}-${fmt(Math.max(...loads))}`);
if (get('out'))
  writeFileSync(
    get('out'),
    JSON.stringify({ argv, node: process.version, summary, runs: configs.map((c, i) => ({ ...c, runs: runs[i] })) }, null, 1),
  );
