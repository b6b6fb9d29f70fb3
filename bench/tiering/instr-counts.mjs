// Instruction-mode counts of test/fixtures/instructions.bench.mjs as a function of the fixed
// warm-up (cyclebench's default is 10,000 calls; the CLI has no option for it): shows which tier
// instruction mode counts on each Node version. Uses the built CLI bundle (dist/cli.js) with one
// extra export appended, written beside it for the run and removed after (src is not changed).
//
//   node-<v> bench/tiering/instr-counts.mjs [--warmups 10000,30000,100000]   (valgrind; ~30 s each)
//
// Prints instructions per iteration of loops/k2000 and loops/k2100 for each warm-up count.
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const arg = (k, d) => {
  const i = process.argv.indexOf('--' + k);
  return i < 0 ? d : process.argv[i + 1];
};
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const copy = join(root, 'dist', `.instr-counts-${process.pid}.js`);
writeFileSync(
  copy,
  readFileSync(join(root, 'dist', 'cli.js'), 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, '') +
    '\nexport { runInstructionMode as __runInstructionMode };\n',
);
try {
  const { __runInstructionMode } = await import(pathToFileURL(copy).href);
  for (const w of arg('warmups', '10000,30000,100000').split(',').map(Number)) {
    const r = await __runInstructionMode([join(root, 'test/fixtures/instructions.bench.mjs')], { warmupCalls: w, quiet: true });
    const ok = r.benchmarks.filter((b) => b.status === 'ok');
    console.log(
      `${process.version} warm-up ${w} calls: ${ok.map((b) => `${b.id} ${b.stats.median.toFixed(2)} (${(b.stats.median / (b.id.endsWith('k2000') ? 2000 : 2100)).toFixed(2)}/step)`).join(', ')}`,
    );
  }
} finally {
  rmSync(copy, { force: true });
}
