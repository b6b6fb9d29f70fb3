import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NativeAddon } from './binding.js';

/** Where the addon came from, and why not when it did not load. */
export interface NativeLoad {
  /** The loaded addon, or null when running on JavaScript timers. */
  addon: NativeAddon | null;
  /** `prebuild` (shipped in prebuilds/), `local build` (build/Release) or `none`. */
  source: 'prebuild' | 'local build' | 'none';
  /** Path of the loaded .node file. */
  path?: string;
  /** Why the addon is not in use. */
  reason?: string;
  /** True when the failure was not a plain "not found": a broken build or ABI mismatch worth fixing. */
  warning?: boolean;
  /** What to do about a warning. */
  hint?: string;
}

const require = createRequire(import.meta.url);

/** The package root: the nearest folder above this file whose package.json is cyclebench's. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'cyclebench') return dir;
      } catch {
        /* keep looking */
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cyclebench: cannot find its own package.json');
    dir = parent;
  }
}

let cached: NativeLoad | undefined;

/** Loads the addon once per process (or worker): a prebuild first, else the local build. */
export function loadNative(): NativeLoad {
  if (!cached) cached = tryLoad(process.env.CYCLEBENCH_NATIVE);
  return cached;
}

/** Classifies a load attempt; exported for tests. `flag` is the value of CYCLEBENCH_NATIVE. */
export function tryLoad(flag: string | undefined, root = packageRoot()): NativeLoad {
  if (flag === '0' || flag === 'false' || flag === 'off') {
    return { addon: null, source: 'none', reason: `disabled by CYCLEBENCH_NATIVE=${flag}` };
  }
  let path: string;
  try {
    path = (require('node-gyp-build') as { path(dir: string): string }).path(root);
  } catch (err) {
    const message = (err as Error).message;
    if (/No native build was found/i.test(message)) {
      return {
        addon: null,
        source: 'none',
        reason: `no prebuild for ${process.platform}-${process.arch} and no local build (run \`npm run build:native\`)`,
      };
    }
    return { addon: null, source: 'none', reason: message, warning: true, hint: 'reinstall cyclebench' };
  }
  const source = /[\\/]prebuilds[\\/]/.test(path) ? 'prebuild' : 'local build';
  try {
    const addon = require(path) as NativeAddon;
    if (typeof addon.now !== 'function') throw new Error('the addon lacks its clock exports');
    return { addon, source, path };
  } catch (err) {
    return {
      addon: null,
      source: 'none',
      path,
      reason: `failed to load ${path}: ${(err as Error).message}`,
      warning: true,
      hint: /NODE_MODULE_VERSION|undefined symbol|ABI/i.test((err as Error).message)
        ? 'the binary was built for another Node or platform; rebuild with `npm rebuild cyclebench`'
        : 'rebuild with `npm rebuild cyclebench`, or set CYCLEBENCH_NATIVE=0 to silence this',
    };
  }
}
