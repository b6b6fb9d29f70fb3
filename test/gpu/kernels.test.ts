// The calibration kernels (native/gpu/kernels/*.cu) compile with nvcc, and the PTX embedded in the
// addon (builtin_ptx.h) is what generate.cjs makes from them and assembles for Hopper.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nvcc, ptxas } from './toolkit.js';

const kernelsDir = join(__dirname, '../../native/gpu/kernels');
const sources = readdirSync(kernelsDir).filter((f) => f.endsWith('.cu'));
if (!nvcc) console.log('[skip] nvcc kernel compilation: no nvcc (looked in $NVCC, $CUDA_HOME/bin, /usr/local/cuda/bin, PATH)');
if (!ptxas) console.log('[skip] ptxas of the embedded PTX: no ptxas');

const tmp = mkdtempSync(join(tmpdir(), 'cb-kernels-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!nvcc)('calibration kernels with nvcc', () => {
  it('finds the three kernel sources', () => {
    expect(sources.sort()).toEqual(['blocking.cu', 'copy.cu', 'timer.cu']);
  });

  for (const file of sources) {
    it(`${file} compiles to PTX and to an sm_90 cubin`, () => {
      const base = join(tmp, file.replace(/\.cu$/, ''));
      execFileSync(nvcc!, ['-arch=sm_90', '-ptx', join(kernelsDir, file), '-o', `${base}.ptx`], { stdio: 'pipe' });
      execFileSync(nvcc!, ['-arch=sm_90', '-cubin', join(kernelsDir, file), '-o', `${base}.cubin`], { stdio: 'pipe' });
      const ptx = readFileSync(`${base}.ptx`, 'utf8');
      expect(ptx).toMatch(/\.visible \.entry cb_/);
      expect(statSync(`${base}.cubin`).size).toBeGreaterThan(1000);
    });
  }

  it('builtin_ptx.h is up to date with the .cu files', () => {
    const out = execFileSync('node', [join(kernelsDir, 'generate.cjs'), '--check'], {
      encoding: 'utf8',
      env: { ...process.env, NVCC: nvcc! },
    });
    expect(out).toMatch(/up to date/);
  });
});

describe.skipIf(!ptxas)('embedded PTX', () => {
  it('assembles for sm_90 as embedded (PTX ISA 7.0, .target sm_70)', () => {
    const header = readFileSync(join(kernelsDir, 'builtin_ptx.h'), 'utf8');
    const blocks = [...header.matchAll(/R"cbptx\(([\s\S]*?)\)cbptx"/g)].map((m) => m[1]);
    expect(blocks).toHaveLength(3);
    blocks.forEach((ptx, i) => {
      expect(ptx).toMatch(/^\.version 7\.0\n\.target sm_70\n/);
      const file = join(tmp, `embedded${i}.ptx`);
      writeFileSync(file, ptx);
      execFileSync(ptxas!, ['-arch=sm_90', file, '-o', `${file}.cubin`], { stdio: 'pipe' });
      expect(statSync(`${file}.cubin`).size).toBeGreaterThan(500);
    });
    const names = blocks
      .join('\n')
      .match(/\.entry (\w+)/g)
      ?.map((s) => s.slice(7));
    expect(names?.sort()).toEqual(['cb_block_until', 'cb_clock_ratio', 'cb_copy', 'cb_l2_flush', 'cb_spin_ns']);
  });
});
