// NVRTC compiles without a driver or GPU: compiling kernels from TypeScript is tested wherever
// libnvrtc is installed.
import { describe, expect, it } from 'vitest';
import { CycleBenchError } from '../../src/errors.js';
import { compile, cudaCapability } from '../../src/gpu/index.js';

const cap = cudaCapability();
if (!cap.nvrtc.available) console.log(`[skip] NVRTC compilation: ${cap.nvrtc.reason}`);

const saxpy = `
extern "C" __global__ void saxpy(float a, const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}
template <typename T> __global__ void scale(T* v, T k, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) v[i] *= k;
}
`;

describe.skipIf(!cap.nvrtc.available)('NVRTC from TypeScript', () => {
  it('compiles CUDA C++ to PTX', () => {
    const out = compile(saxpy, { name: 'saxpy.cu' });
    expect(out.ptx).toMatch(/\.visible \.entry saxpy\(/);
    expect(typeof out.log).toBe('string');
  });

  it('compiles for a real architecture to a cubin, and lowers template names', () => {
    const out = compile(saxpy, { name: 'saxpy.cu', arch: 'sm_90', nameExpressions: ['scale<float>'] });
    expect(out.cubin?.byteLength).toBeGreaterThan(1000);
    expect(out.lowered['scale<float>']).toMatch(/^_Z/);
    expect(out.ptx).toContain(out.lowered['scale<float>']);
  });

  it('reports the compiler log for bad source as E_GPU', () => {
    let caught: unknown;
    try {
      compile('extern "C" __global__ void broken(int* p) { p[0] = undefined_name; }', { name: 'broken.cu' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CycleBenchError);
    const e = caught as CycleBenchError & { log?: string };
    expect(e.code).toBe('E_GPU');
    expect(e.message).toMatch(/NVRTC could not compile broken\.cu/);
    expect(e.message).toMatch(/undefined_name/);
    expect(e.log).toMatch(/error/);
  });

  it('rejects an unknown option with a clear message', () => {
    expect(() => compile(saxpy, { options: ['--no-such-option'] })).toThrow(CycleBenchError);
  });
});
