import { defineConfig } from 'tsup';

/** Public entries: each is a package subpath (`cyclebench/stats`, `cyclebench/tinybench`, ...) with its own .d.ts. */
const publicEntries = {
  index: 'src/index.ts',
  stats: 'src/stats/index.ts',
  gpu: 'src/gpu/index.ts',
  tinybench: 'src/adapters/tinybench/index.ts',
  mitata: 'src/adapters/mitata/index.ts',
  benny: 'src/adapters/benny/index.ts',
  vitest: 'src/adapters/vitest/index.ts',
};

export default defineConfig([
  {
    entry: { ...publicEntries, cli: 'src/cli/main.ts', worker: 'src/engine/child.ts', 'load-worker': 'src/load/worker.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: publicEntries },
    // The vitest runner extends vitest's own runner classes: vitest is the host, never bundled. vitest
    // cannot be required, so package.json exports `cyclebench/vitest` as ESM only (dist/vitest.cjs is unused).
    external: [/^vitest(\/|$)/],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    // The report page's bundle below is built alongside; the clean must not remove it.
    clean: ['!report-client.*'],
    splitting: false,
    shims: true,
  },
  {
    // The HTML report's page script with uPlot and its stylesheet, minified, inlined into each report
    // by src/report/html.ts: reports open offline and the package has no runtime chart dependency.
    entry: { 'report-client': 'src/report/html-client/main.ts' },
    format: ['iife'],
    platform: 'browser',
    target: 'es2020',
    minify: true,
    outExtension: () => ({ js: '.js' }),
    sourcemap: false,
    dts: false,
    clean: false,
  },
]);
