import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', stats: 'src/stats/index.ts', gpu: 'src/gpu/index.ts', cli: 'src/cli/main.ts', worker: 'src/engine/child.ts', 'load-worker': 'src/load/worker.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', stats: 'src/stats/index.ts', gpu: 'src/gpu/index.ts' } },
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: false,
  shims: true,
});
