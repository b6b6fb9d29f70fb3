/**
 * saxpy end to end from TypeScript: NVRTC compile, device buffers, a bound launch, and GPU-time
 * samples in cold, hot and graph modes through the engine (`{ gpu: { mode } }`).
 * Run: `npx cyclebench run bench/gpu/saxpy.bench.ts`. Without a GPU every point is skipped with the reason.
 */
import { bench } from 'cyclebench';
import { alloc, arg, compile, loadModule, type BoundLaunch, type DeviceBuffer } from 'cyclebench/gpu';

const source = `
extern "C" __global__ void saxpy(float a, const float* __restrict__ x, float* __restrict__ y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}`;

let launch: BoundLaunch | undefined;
let buffers: DeviceBuffer[] = [];

for (const mode of ['cold', 'hot', 'graph'] as const) {
  bench(`saxpy ${mode}`, (_args, ctx) => launch!.launch(1, (ctx as { stream: bigint }).stream), {
    gpu: { mode },
    args: { n: [1 << 16, 1 << 24] },
    // Compiled and allocated only when the benchmark runs, so machines without a GPU skip cleanly.
    before: ({ n }) => {
      const count = n as number;
      const kernel = loadModule(compile(source, { name: 'saxpy.cu', options: ['-O3'] })).kernel('saxpy');
      const x = alloc(count * 4).copyFrom(new Float32Array(count).fill(1));
      const y = alloc(count * 4).copyFrom(new Float32Array(count).fill(2));
      buffers = [x, y];
      launch = kernel.bind({ grid: Math.ceil(count / 256), block: 256, args: [arg.f32(2), x, y, arg.i32(count)] });
    },
    after: () => {
      for (const b of buffers) b.free();
      buffers = [];
      launch = undefined;
    },
  });
}
