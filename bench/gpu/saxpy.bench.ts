/**
 * saxpy end to end from TypeScript: NVRTC compile, device buffers, a bound launch, and GPU samples
 * in cold, hot and graph modes. Run: `npx tsx bench/gpu/saxpy.bench.ts` (needs a GPU and NVRTC).
 *
 * Written against the GPU facade; once the engine exposes it, the same benchmark reads
 *   bench('saxpy', (ctx) => launch.launch(1, ctx.stream), { gpu: true, gpuMode: 'cold' })
 * with `import { bench } from '../../src/index.js'`.
 */
import { alloc, arg, compile, cudaCapability, loadModule } from '../../src/gpu/index.js';
import { formatRun, runGpu } from './run.js';

const source = `
extern "C" __global__ void saxpy(float a, const float* __restrict__ x, float* __restrict__ y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}`;

export async function main(): Promise<void> {
  const cap = cudaCapability();
  if (!cap.available) return console.log(`saxpy: skipped: ${cap.reason}`);
  if (!cap.nvrtc.available) return console.log(`saxpy: skipped: ${cap.nvrtc.reason}`);
  const kernel = loadModule(compile(source, { name: 'saxpy.cu', options: ['-O3'] })).kernel('saxpy');
  for (const n of [1 << 16, 1 << 24]) {
    const x = alloc(n * 4).copyFrom(new Float32Array(n).fill(1));
    const y = alloc(n * 4).copyFrom(new Float32Array(n).fill(2));
    const config = { grid: Math.ceil(n / 256), block: 256, args: [arg.f32(2), x, y, arg.i32(n)] };
    const launch = kernel.bind(config);
    for (const mode of ['cold', 'hot', 'graph'] as const) {
      const r = await runGpu(`saxpy n=${n}`, (ctx) => launch.launch(1, ctx.stream), { mode });
      const gbs = (3 * 4 * n) / r.medianNs; // bytes / ns = GB/s
      console.log(formatRun(r, `${gbs.toFixed(1)} GB/s`));
    }
    x.free();
    y.free();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
