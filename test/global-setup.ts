/**
 * The end-to-end tests run the built package (bin/cyclebench.js -> dist/). `npm install` builds it
 * (prepare); when a source file is newer than the bundle, rebuild the JavaScript here (not the .d.ts,
 * which `npm run build` makes and `tsc` checks), so a test never runs stale code.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default async function setup(): Promise<void> {
  const bundle = join(root, 'dist', 'cli.js');
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newest(join(root, 'src'))) return;
  const { build } = await import('tsup');
  await build({ config: join(root, 'tsup.config.ts'), dts: false, clean: false, silent: true });
}
