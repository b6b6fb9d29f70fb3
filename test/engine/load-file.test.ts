/** Benchmark files that do not load: E_BENCH_FILE naming file, line and column, without a stack. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { FAULTS } from './helpers.js';

const loader = resolve(__dirname, '..', '..', 'src', 'engine', 'load-file.ts');

/**
 * What loading `file` throws, in a plain Node process with tsx, as under the CLI: inside vitest its
 * own module loader would transform (and word errors about) the file first.
 */
async function loadError(file: string): Promise<{ name: string; code: string; message: string }> {
  const script = `import { loadBenchFile } from ${JSON.stringify(loader)};
    loadBenchFile(${JSON.stringify(file)}).then(() => console.log('{}'), (e) => console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message })));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: resolve(__dirname, '..', '..'),
  });
  const err = JSON.parse(stdout.trim().split('\n').pop()!);
  expect(err).toMatchObject({ name: 'CycleBenchError', code: 'E_BENCH_FILE' });
  expect(err.message).not.toMatch(/^\s+at /m); // the loader's stack is not the user's business
  return err;
}

describe('a benchmark file that does not load', () => {
  it('TypeScript with a syntax error: the compiler message at file:line:column', async () => {
    // Written at test time: a broken .ts file in the repository would break `tsc --noEmit`.
    const file = join(mkdtempSync(join(tmpdir(), 'cb-syntax-')), 'broken.bench.ts');
    writeFileSync(file, 'import { bench } from "cyclebench";\n\nconst n: number = ;\nbench("x", () => n);\n');
    const err = await loadError(file);
    expect(err.message).toContain(`${file}:3:19: syntax error: Unexpected ";"`);
    expect(err.message).toContain('const n: number = ;');
  });

  it('JavaScript with a syntax error (Node itself gives no position)', async () => {
    const err = await loadError(join(FAULTS, 'syntax-error.bench.mjs'));
    expect(err.message).toMatch(/syntax-error\.bench\.mjs:4:18: syntax error: Unexpected "\)"/);
  });

  it('a throw at top level: the frame in the file, mapped to the TypeScript source', async () => {
    const err = await loadError(join(FAULTS, 'top-level-throw.bench.ts'));
    expect(err.message).toMatch(
      /top-level-throw\.bench\.ts:5:9: RangeError: bad configuration at load \(while loading the benchmark file\)/,
    );
  });
});
