import { defineConfig } from 'vitest/config';
// The one line a vitest user adds to measure `vitest bench` with cyclebench.
export default defineConfig({ test: { runner: 'cyclebench/vitest' } });
