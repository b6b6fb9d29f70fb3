// Child process for the store's process-level tests: runs one store operation and prints its outcome as
// one JSON line ({ ok, ... } or { ok: false, name, code, message }). Ops:
//   read FILE | write FILE SEED | save CWD KIND NAME SEED | history CWD | append CWD WORKER COUNT [GO_FILE]
import fs from 'node:fs';
import { appendHistory, readHistory, readResult, saveNamed, writeResult } from '../../src/store/index.js';
import { sleepSync } from '../../src/store/lock.js';
import { makeRun } from '../compare/fixtures.js';

function outcome(fn: () => object): void {
  try {
    process.stdout.write(`${JSON.stringify({ ok: true, ...fn() })}\n`);
  } catch (e) {
    const err = e as Error & { code?: string };
    process.stdout.write(`${JSON.stringify({ ok: false, name: err.name, code: err.code, message: err.message })}\n`);
  }
}

const [op, a, b, c, d, e] = process.argv.slice(2);
if (op === 'read') outcome(() => ({ benchmarks: readResult(a).benchmarks.length }));
else if (op === 'write') outcome(() => (writeResult(a, makeRun(Number(b))), {}));
else if (op === 'save') outcome(() => ({ file: saveNamed(a, b as 'baseline' | 'tag', c, makeRun(Number(d))) }));
else if (op === 'history') outcome(() => readHistory(a));
else if (op === 'append') {
  // Waits for GO_FILE (when given) so that all writers start together.
  while (d && !fs.existsSync(d)) sleepSync(5);
  const run = makeRun(Number(b) + 1, { n: 5 });
  outcome(() => {
    for (let i = 0; i < Number(c); i++) appendHistory(a, { ...run, tag: `w${b}-${i}` });
    return {};
  });
} else throw new Error(`unknown op ${op} ${e ?? ''}`);
