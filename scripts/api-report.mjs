// The public API, locked: declarations of src/ are emitted with tsc, then API Extractor writes one
// report per entry point (api/*.api.md). `--update` rewrites the reports; without it, any difference
// from the checked-in reports fails (npm test runs this), so a change to the surface is a visible diff.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');
const update = process.argv.includes('--update');
const dts = join(root, '.cache/api-dts');

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.api.json')], { stdio: 'inherit' });

const entries = { cyclebench: 'index.d.ts', 'cyclebench-stats': 'stats/index.d.ts', 'cyclebench-gpu': 'gpu/index.d.ts' };
let failed = false;
for (const [name, entry] of Object.entries(entries)) {
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: join(dts, entry),
      compiler: { tsconfigFilePath: join(root, 'tsconfig.api.json') },
      apiReport: {
        enabled: true,
        reportFileName: `${name}.api.md`,
        reportFolder: join(root, 'api'),
        reportTempFolder: join(dts, '..', 'temp'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        extractorMessageReporting: { default: { logLevel: 'none' } },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
        compilerMessageReporting: { default: { logLevel: 'warning' } },
      },
    },
    configObjectFullPath: join(root, 'api', 'api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
  if (!result.succeeded || result.apiReportChanged) {
    failed = true;
    if (!update)
      console.error(`api/${name}.api.md: the public API changed. Review the diff and run \`npm run api:update\` if it is intended.`);
  }
}
process.exit(failed && !update ? 1 : 0);
