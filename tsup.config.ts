import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', stats: 'src/stats/index.ts', gpu: 'src/gpu/index.ts', cli: 'src/cli/main.ts', worker: 'src/engine/child.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts', stats: 'src/stats/index.ts', gpu: 'src/gpu/index.ts' } },
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
